#!/usr/bin/env bash
# Prints the size of every file in the bundle (default dist/): raw, gzip -9 and brotli -q 11.
set -euo pipefail
dir=${1:-dist}
[ -d "$dir" ] || {
  echo "[size] $dir/ is missing: run 'make build' first" >&2
  exit 1
}
command -v brotli >/dev/null || {
  echo "[size] brotli is missing: run 'make tools-test' (or apt-get install brotli)" >&2
  exit 1
}

kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1024 }'; }
row() { printf '%-44s %12s %12s %12s\n' "$@"; }

row "file ($dir/)" raw "gzip -9" "brotli -q 11"
total_raw=0 total_gz=0 total_br=0
while IFS= read -r file; do
  raw=$(stat -c %s "$file")
  gz=$(gzip -9 -c "$file" | wc -c)
  br=$(brotli -q 11 -c "$file" | wc -c)
  total_raw=$((total_raw + raw)) total_gz=$((total_gz + gz)) total_br=$((total_br + br))
  row "${file#"$dir"/}" "$(kb "$raw")" "$(kb "$gz")" "$(kb "$br")"
done < <(find "$dir" -type f | sort)
row total "$(kb $total_raw)" "$(kb $total_gz)" "$(kb $total_br)"
