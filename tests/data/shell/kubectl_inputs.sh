# kubectl reads the files its flags name from the shell's folder and shows them as typed
# (kubectl cmdutil FilenameOptions; resource builder FilenameParam); `-` in any spelling pflag
# accepts (`-f -`, `-f=-`, `--filename=-`) is standard input, and nothing else reads it.
mkdir app && cd app
cat <<EOF > svc.yaml
apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  clusterIP: None
  ports:
  - port: 5432
EOF
kubectl apply -f svc.yaml
kubectl apply -f missing.yaml
kubectl apply -f ../web.yaml --dry-run=client
kubectl apply --filename=../app/svc.yaml
cd /
kubectl apply -f app/missing.yaml
kubectl apply -f app
kubectl apply -f=- <<'EOF'
apiVersion: v1
kind: Service
metadata:
  name: cache
spec:
  clusterIP: None
  ports:
  - port: 6379
EOF
cd app && kubectl get -f svc.yaml -o name && cd /
cat app/svc.yaml | kubectl get --filename - -o name
