#!/usr/bin/env bash
# The benchmark: generates seeded exports with examples/gen.rs, runs signin-doctor and jq
# (the per-user 53003 counts) on the same files in the same run, and prints medians of
# hyperfine runs, MB/s, the ratio and peak RSS (/usr/bin/time). It also checks that both
# tools count the same blocked sign-ins.
#   scripts/bench.sh            # 1 GiB inputs, 3 runs
#   SIZE=256M RUNS=5 scripts/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."

size=${SIZE:-1G}
runs=${RUNS:-3}
need() {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "error: $1 is missing; install it (Debian/Ubuntu: apt-get install $2) and run again" >&2
    exit 2
  fi
}
need jq jq
need hyperfine hyperfine
need python3 python3
[ -x /usr/bin/time ] || { echo "error: /usr/bin/time is missing; apt-get install time" >&2; exit 2; }

dir=${TMPDIR:-/tmp}/signin-doctor-bench
mkdir -p "$dir"
cargo build --release --quiet --example gen
cargo build --release --quiet
bin=$PWD/target/release/signin-doctor

# jq programs: per-user counts of blocked sign-ins, the same question signin-doctor answers.
jq_array='reduce (.[] | select(.status.errorCode == 53003) | .userPrincipalName) as $u ({}; .[$u] += 1)'
jq_lines='reduce (inputs | select(.properties.status.errorCode == 53003) | .properties.userPrincipalName) as $u ({}; .[$u] += 1)'

median() { python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$1"; }
rss_mb() { /usr/bin/time -f %M -o "$dir/rss" "$@" >/dev/null 2>&1 || true; echo $(( $(cat "$dir/rss") / 1024 )); }

printf '%-12s %8s  %-14s %9s %9s %8s %8s\n' shape MB tool median_s MB/s ratio RSS_MB
for shape in graph-array diag-jsonl eventhub la-json la-api la-csv portal-csv; do
  case $shape in
    *csv) file="$dir/$shape-$size.csv" ;;
    *) file="$dir/$shape-$size.json" ;;
  esac
  if ! [ -s "$file" ]; then
    target/release/examples/gen --size "$size" --shape "$shape" --out "$file" 2>"$file.totals"
  fi
  mb=$(( $(stat -c %s "$file") / 1000000 ))
  cat "$file" >/dev/null # warm the page cache
  hyperfine --runs "$runs" --warmup 1 --style none --export-json "$dir/ours.json" \
    "$bin report $file --format json" >/dev/null
  ours=$(median "$dir/ours.json")
  ours_rss=$(rss_mb "$bin" report "$file" --format json)
  blocked=$("$bin" report "$file" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["summary"]["blocked"])')
  expected=$(sed -n 's/.* blocked=\([0-9]*\).*/\1/p' "$file.totals")
  [ "$blocked" = "$expected" ] || { echo "error: $shape: signin-doctor counted $blocked blocks, the generator wrote $expected" >&2; exit 1; }
  rate=$(python3 -c "print(round($mb / $ours))")
  printf '%-12s %8s  %-14s %9s %9s %8s %8s\n' "$shape" "$mb" signin-doctor "$ours" "$rate" "" "$ours_rss"
  prog=""
  case $shape in
    graph-array) prog=(jq "$jq_array" "$file") ;;
    diag-jsonl) prog=(jq -n "$jq_lines" "$file") ;;
  esac
  if [ -n "${prog:-}" ]; then
    hyperfine --runs "$runs" --style none --export-json "$dir/jq.json" "${prog[*]@Q}" >/dev/null
    theirs=$(median "$dir/jq.json")
    jq_rss=$(rss_mb "${prog[@]}")
    jq_blocked=$("${prog[@]}" | python3 -c 'import json,sys; print(sum(json.load(sys.stdin).values()))')
    [ "$jq_blocked" = "$blocked" ] || { echo "error: $shape: jq counted $jq_blocked blocks, signin-doctor $blocked" >&2; exit 1; }
    printf '%-12s %8s  %-14s %9s %9s %8s %8s\n' "" "" jq "$theirs" "$(python3 -c "print(round($mb / $theirs))")" \
      "$(python3 -c "print('%.1fx' % ($theirs / $ours))")" "$jq_rss"
  fi
done
echo "(median of $runs runs each after a warm-up, files in the page cache; ratio = jq time / signin-doctor time)"
