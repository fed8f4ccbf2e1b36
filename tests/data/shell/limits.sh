# Runaway commands stop with a note instead of hanging the page.
while true; do :; done
echo still here
for i in $(seq 1 200000); do :; done
f() { f; }; f
echo "done: $?"
