#!/usr/bin/env bash
# Serves the release bundle in dist/ on a free port of 127.0.0.1, runs the Playwright suite against
# it, and stops the server afterwards, whether the suite passed or not.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

[ -f dist/index.html ] || {
  echo "[e2e] dist/index.html is missing: run 'make build' first" >&2
  exit 1
}
mkdir -p target/e2e

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 scripts/serve.py --port "$port" dist >target/e2e/server.log 2>&1 &
server=$!
stop_server() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
}
trap stop_server EXIT
trap 'exit 130' INT TERM

# Wait (up to 10 s) until the server accepts connections.
for _ in $(seq 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    break
  fi
  kill -0 "$server" 2>/dev/null || {
    cat target/e2e/server.log >&2
    exit 1
  }
  sleep 0.1
done

node tests/e2e/run.mjs "http://127.0.0.1:$port/"
