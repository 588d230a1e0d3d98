#!/usr/bin/env bash
# Peak memory and time of `signin-doctor report` on generated exports of growing size, to
# show that memory stays flat. Usage: scripts/memory.sh [SIZE...]   (default: 256M 1G 4G)
# Needs GNU time (/usr/bin/time, Debian package "time"). Generated files go to $TMPDIR.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! [ -x /usr/bin/time ]; then
  echo "error: /usr/bin/time is missing; install it (apt-get install time) and run again" >&2
  exit 2
fi
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(256M 1G 4G)
dir=${TMPDIR:-/tmp}/signin-doctor-memory
mkdir -p "$dir"

cargo build --release --quiet --example gen
cargo build --release --quiet
bin=target/release/signin-doctor

printf '%-6s %-12s %10s %9s %8s %12s %12s\n' size shape records blocked format seconds peak_rss_MB
for size in "${sizes[@]}"; do
  for shape in graph-array graph-page; do
    file="$dir/$shape-$size.json"
    if ! [ -s "$file" ]; then
      target/release/examples/gen --size "$size" --shape "$shape" --out "$file" 2>"$file.totals"
    fi
    records=$(sed -n 's/.*records=\([0-9]*\).*/\1/p' "$file.totals")
    blocked=$(sed -n 's/.* blocked=\([0-9]*\).*/\1/p' "$file.totals")
    for format in table ndjson json; do
      /usr/bin/time -f '%e %M' -o "$dir/time" "$bin" report "$file" --format "$format" >/dev/null
      read -r secs kb <"$dir/time"
      printf '%-6s %-12s %10s %9s %8s %12s %12s\n' "$size" "$shape" "$records" "$blocked" \
        "$format" "$secs" "$((kb / 1024))"
    done
  done
done
echo "(json keeps up to 10,000 failures in memory and the rest in a temporary file)"
