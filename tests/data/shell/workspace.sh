# The workspace shell: files, pipes, quoting, expansions, loops, here-documents and errors.
cat <<EOF > svc.yaml
apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  clusterIP: None
  selector:
    app: db
  ports:
  - port: 5432
EOF
grep -c : svc.yaml
kubectl apply -f svc.yaml
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Service
metadata:
  name: cache
spec:
  clusterIP: None
  selector:
    app: cache
  ports:
  - port: 6379
EOF
NAME=web; echo "${NAME}-0" ${MISSING:-fallback} ${#NAME} ${NAME^^}
for f in *.yaml; do echo "file: $f"; done
echo one two three | awk '{print $2, NF}'
printf '%s\n' c a b | sort | head -n 2
seq 3 | xargs echo
x=1; until [ $x -ge 4 ]; do echo $x; x=$((x+1)); done
if [ -d nope ]; then echo dir; else echo "no dir"; fi
false || echo recovered && echo chained
echo $(echo nested $(echo deep))
echo 'single $HOME' "double $HOME" \$escaped
foo --bar
echo "unterminated
still typing"
cd nope
mkdir -p a/b && cd a/b && pwd && cd /
sed 's/web/app/g' <<< "web-0 web-1"
echo data > out.txt; echo more >> out.txt; cat out.txt; wc -l < out.txt
cat missing.txt 2>/dev/null || echo "quiet failure: $?"
ls missing 2>&1 | tr a-z A-Z
ls
echo "a,b,c" | cut -d, -f2,3
echo "web-0   Running" | tr -s ' ' | cut -d' ' -f2
case $NAME in web*) echo "starts with web";; *) echo other;; esac
while read name port; do echo "$name:$port"; done <<EOF
db 5432
cache 6379
EOF
history | tail -n 2
cat <<EOF > pair.yaml
apiVersion: v1
kind: Service
metadata:
  name: left
spec:
  clusterIP: None
  ports:
  - port: 80
---
apiVersion: v1
kind: Service
metadata:
  name: right
spec:
  clusterIP: None
  ports:
  - port: 80
EOF
kubectl create -f pair.yaml
kubectl apply -f pair.yaml
