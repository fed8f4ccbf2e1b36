# Interactive shells inside containers: bash and dash in nginx, BusyBox sh in busybox.
kubectl apply -f web.yaml
kubectl apply -f dns-test.yaml
sleep 30
kubectl exec -it web-0 -- bash
pwd
cd /usr/share/nginx/html
echo hello > index.html
ls -l
cat index.html | tr a-z A-Z
env | grep -E '^(HOSTNAME|NGINX_VERSION|KUBERNETES_SERVICE_HOST)=' | sort
date
ps
foo
exit
kubectl exec -it web-1 -- /bin/sh
cat /etc/hostname /nope
cd /nope
exit
kubectl exec -it dns-test -- sh
cd /tmp
echo $HOSTNAME > host.txt; cat host.txt
ls /
cat /nope
wget -qO- http://web-0.nginx
exit 4
echo "back with $?"
kubectl exec -it dns-test -- bash
