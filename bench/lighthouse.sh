#!/usr/bin/env bash
# Lighthouse, desktop and mobile, against a running chat-service (./run.sh, or any URL), on
# Debian's Chromium: ./bench/lighthouse.sh [url] (default http://localhost:8080/). Not a test:
# the scores move with the machine's load, so run it on a quiet machine and more than once.
# Needs Node and npm; Lighthouse is installed once into a scratch folder outside the repository.
set -euo pipefail
url=${1:-http://localhost:8080/}
tools=${WFCHAT_LIGHTHOUSE_DIR:-${TMPDIR:-/tmp}/wfchat-lighthouse}
out=$(cd "$(dirname "$0")" && pwd)/target/lighthouse
export CHROME_PATH=${WFCHAT_CHROMIUM:-/usr/bin/chromium}

if [ ! -x "$tools/node_modules/.bin/lighthouse" ]; then
  mkdir -p "$tools"
  (cd "$tools" && npm init -y >/dev/null && npm install --no-audit --no-fund lighthouse@12.8.2 >/dev/null)
fi
mkdir -p "$out"
for form in desktop mobile; do
  preset=()
  [ "$form" = desktop ] && preset=(--preset=desktop)
  "$tools/node_modules/.bin/lighthouse" "$url" "${preset[@]}" --quiet --output=json --output=html \
    --output-path="$out/$form" --chrome-flags="--headless --no-sandbox --disable-gpu"
  node -e '
    const r = require(process.argv[1]);
    const scores = Object.values(r.categories).map((c) => `${c.title} ${Math.round(c.score * 100)}`).join(", ");
    const a = (id) => r.audits[id].displayValue;
    console.log(`${process.argv[2]}: ${scores}; FCP ${a("first-contentful-paint")}, LCP ${a("largest-contentful-paint")},`
      + ` TBT ${a("total-blocking-time")}, ${Math.round(r.audits["total-byte-weight"].numericValue / 1024)} KiB`
      + ` in ${r.audits["network-requests"].details.items.length} requests`);
  ' "$out/$form.report.json" "$form"
done
echo "reports: $out/{desktop,mobile}.report.html"
