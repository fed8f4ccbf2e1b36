# Typed one after another, commands see what the controllers did in reply to the last one, as on a
# real cluster where watch-driven controllers react within milliseconds: the endpoints controller
# (pkg/controller/endpoint/endpoints_controller.go, updatePod queues the service at once) and
# cluster DNS after a pod becomes Ready; the volume controller after a claim is deleted
# (pkg/controller/volume/persistentvolume/pv_controller_base.go, deleteClaim syncs the volume at
# once "to prevent the volume from waiting until the next sync period for its Release"). Each
# kubectl command takes the time it takes to reach the API server (exec longer).
kubectl apply -f web.yaml
kubectl rollout status sts/web
kubectl exec web-0 -- curl -sI http://web-1.nginx | head -1
kubectl scale sts web --replicas=3
kubectl rollout status sts/web
kubectl exec web-0 -- curl -sI http://web-2.nginx | head -1
kubectl scale sts web --replicas=2
kubectl rollout status sts/web
kubectl exec web-0 -- curl -sS http://web-2.nginx
kubectl get endpoints nginx -o jsonpath='{range .subsets[*].addresses[*]}{.hostname}{"\n"}{end}'
kubectl patch pv $(kubectl get pvc www-web-2 -o jsonpath='{.spec.volumeName}') -p '{"spec":{"persistentVolumeReclaimPolicy":"Retain"}}'
kubectl delete pvc www-web-2
kubectl get pv -o custom-columns=CLAIM:.spec.claimRef.name,POLICY:.spec.persistentVolumeReclaimPolicy,STATUS:.status.phase
# Every printer sorts by --sort-by, not only tables (get.go wraps them in sorter.go's SortingPrinter).
kubectl get pv --sort-by=.spec.claimRef.name -o custom-columns=CLAIM:.spec.claimRef.name,STATUS:.status.phase
kubectl get pvc --sort-by=.metadata.name -o name
