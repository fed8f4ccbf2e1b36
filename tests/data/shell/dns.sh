# Per-pod DNS names stay while the addresses behind them change when a pod is recreated.
kubectl apply -f web.yaml
kubectl apply -f dns-test.yaml
sleep 30
kubectl exec dns-test -- nslookup web-0.nginx
kubectl exec dns-test -- nslookup nginx
kubectl exec web-1 -- getent hosts web-0.nginx.default.svc.cluster.local
kubectl exec web-1 -- hostname -i
kubectl delete pod web-0
sleep 15
kubectl exec dns-test -- nslookup web-0.nginx
kubectl exec web-1 -- getent hosts web-0.nginx
kubectl exec dns-test -- nslookup web-9.nginx
