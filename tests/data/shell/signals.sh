# Signals to a container's main process: nginx exits on TERM and QUIT and the kubelet restarts the
# container (a new writable layer, the volume kept); PID 1 ignores signals it has no handler for.
kubectl apply -f web.yaml
sleep 30
kubectl exec web-0 -- nginx -v
kubectl exec web-0 -- nginx -t
kubectl exec web-0 -- sh -c 'echo scratch > /tmp/note; echo kept > /usr/share/nginx/html/note'
kubectl exec web-0 -- kill -9 1
kubectl exec web-0 -- kill -HUP 1
kubectl exec web-0 -- kill 123
kubectl exec web-0 -- kill -BOGUS 1
kubectl get pod web-0
kubectl exec -it web-0 -- bash
kill 1
kubectl get pod web-0
sleep 3
kubectl get pod web-0
kubectl exec web-0 -- cat /usr/share/nginx/html/note
kubectl exec web-0 -- cat /tmp/note
kubectl describe pod web-0 | sed -n '/Last State/,/Finished/p'
kubectl exec web-1 -- nginx -s quit
sleep 3
kubectl get pods
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: sleeper
spec:
  containers:
  - name: sleeper
    image: busybox:1.36
    command: ["sleep", "3600"]
EOF
sleep 10
kubectl exec sleeper -- kill 1
kubectl exec sleeper -- nginx -s stop
sleep 3
kubectl get pod sleeper
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: pair
spec:
  containers:
  - name: web
    image: nginx:1.27
  - name: side
    image: busybox:1.36
    command: ["sleep", "3600"]
EOF
sleep 10
kubectl exec pair -c side -- sh -c 'echo mine > /tmp/side-note'
kubectl exec pair -c web -- cat /tmp/side-note
kubectl exec pair -c web -- kill 1
sleep 3
kubectl exec pair -c side -- cat /tmp/side-note
kubectl get pod pair
