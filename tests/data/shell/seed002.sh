# Seed 002 ("Day 34"): deploy, then the persistence exercise exactly as the lesson types it.
kubectl apply -f headless-service.yaml
kubectl apply -f statefulset.yaml
sleep 60
kubectl exec stateful-app-0 -- hostname
kubectl exec stateful-app-1 -- hostname
kubectl exec -it stateful-app-0 -- /bin/sh
echo "Hello from stateful-app-0" > /usr/share/nginx/html/index.html
exit
kubectl delete pod stateful-app-0
# Wait for the pod to restart.
sleep 20
kubectl exec -it stateful-app-0 -- cat /usr/share/nginx/html/index.html
