#!/usr/bin/env bash
# Renders the HTML report of two fixtures and photographs them in a headless browser, for
# the README and for looking at layout changes: docs/report.png (fixtures/sample-tenant.json)
# and docs/report-timeline.png (fixtures/rollout.json: an incident on the timeline).
# Usage: scripts/screenshot.sh [--debug]   (--debug: a debug build, quicker to make)
# Needs Chromium or Google Chrome (Debian: apt-get install chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

browser=""
for candidate in chromium chromium-browser google-chrome google-chrome-stable; do
  if command -v "$candidate" >/dev/null 2>&1; then
    browser=$candidate
    break
  fi
done
if [ -z "$browser" ]; then
  echo "error: no headless browser found (looked for chromium, chromium-browser, google-chrome);" \
    "install one (Debian/Ubuntu: apt-get install chromium; macOS: brew install --cask chromium)" \
    "and run again" >&2
  exit 2
fi

if [ "${1:-}" = "--debug" ]; then
  cargo build --quiet
  bin=target/debug/signin-doctor
else
  cargo build --release --quiet
  bin=target/release/signin-doctor
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/signin-doctor-screenshot.XXXXXX")
trap 'rm -rf "$dir"' EXIT
mkdir -p docs

# shot FIXTURE PNG HEIGHT: the fixture's report, the top HEIGHT pixels of it at 1280 wide.
shot() {
  local fixture=$1 png=$2 height=$3
  # Relative names, so the page says "fixtures/…" and not this machine's paths.
  "$bin" report "fixtures/$fixture" --format html >"$dir/report.html"
  # The browser writes to its own profile; keep that in the temporary directory too.
  "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --user-data-dir="$dir/profile" --window-size="1280,$height" \
    --screenshot="$dir/shot.png" "file://$dir/report.html" >/dev/null 2>&1
  mv "$dir/shot.png" "$png"
  echo "$png: $(wc -c <"$png") bytes ($fixture)"
}

shot sample-tenant.json docs/report.png 2400
shot rollout.json docs/report-timeline.png 1150
