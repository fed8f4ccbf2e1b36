# Pods reach each other by their stable names; nginx answers from the pod's own volume.
kubectl apply -f web.yaml
kubectl apply -f dns-test.yaml
sleep 30
kubectl exec web-0 -- curl -s http://web-1.nginx/
kubectl exec web-1 -- sh -c 'echo "$(hostname)" > /usr/share/nginx/html/index.html && mkdir /usr/share/nginx/html/docs'
kubectl exec web-0 -- curl -s http://web-1.nginx/
kubectl exec web-0 -- curl -s http://web-1.nginx/missing.html
kubectl exec web-0 -- curl -s http://web-1.nginx/docs/
kubectl exec web-0 -- curl -si http://web-1.nginx.default.svc.cluster.local/index.html
kubectl exec web-0 -- curl http://web-1.nginx:8080/
kubectl exec web-0 -- curl http://nope.nginx/
kubectl exec dns-test -- wget -qO- http://web-1.nginx
kubectl exec dns-test -- wget -qO- http://web-1.nginx/missing.html
# -s hides curl's error messages and -S brings them back; -w prints after the transfer, 000 when no
# answer came (curl's tool_operate.c, tool_writeout.c).
kubectl exec web-0 -- curl -s http://nope.nginx/
kubectl exec web-0 -- curl -sS http://nope.nginx/
kubectl exec web-0 -- curl -s -o /dev/null -w '%{http_code}\n' http://web-1.nginx/index.html
kubectl exec web-0 -- curl -s -o /dev/null -w '%{http_code} %{size_download} %{content_type} %{url_effective}\n' http://web-1.nginx/missing.html
kubectl exec web-0 -- curl -s -w '%{http_code}\n' http://nope.nginx/
kubectl exec web-0 -- curl -sf -o /dev/null -w 'status %{response_code}, exit %{exitcode}\n' http://web-1.nginx/missing.html
