# Files outside the volume live in the container's writable layer and are gone once the pod is recreated.
kubectl apply -f web.yaml
sleep 30
kubectl exec web-0 -- sh -c 'echo scratch > /tmp/note; echo kept > /usr/share/nginx/html/note'
kubectl exec web-0 -- cat /tmp/note /usr/share/nginx/html/note
kubectl exec web-0 -- rm /etc/nginx/nginx.conf
kubectl exec web-0 -- ls /etc/nginx
kubectl delete pod web-0
sleep 15
kubectl exec web-0 -- cat /tmp/note
kubectl exec web-0 -- cat /usr/share/nginx/html/note
kubectl exec web-0 -- ls /etc/nginx
