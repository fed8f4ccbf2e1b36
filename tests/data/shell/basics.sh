# The StatefulSet basics tutorial: stable hostnames, and per-pod storage that survives deletion.
kubectl apply -f web.yaml
sleep 30
kubectl get pods -o name
for i in 0 1; do kubectl exec "web-$i" -- sh -c 'hostname'; done
kubectl exec -i -t web-0 -- curl http://localhost/
for i in 0 1; do kubectl exec "web-$i" -- sh -c 'echo "$(hostname)" > /usr/share/nginx/html/index.html'; done
for i in 0 1; do kubectl exec -i -t "web-$i" -- curl http://localhost/; done
kubectl delete pod web-0
kubectl delete pod web-1
sleep 15
kubectl get pods -o name
for i in 0 1; do kubectl exec -i -t "web-$i" -- curl http://localhost/; done
