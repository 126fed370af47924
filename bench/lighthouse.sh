#!/usr/bin/env bash
# Lighthouse, desktop and mobile, against a running chat-service (./run.sh, or any URL), on
# Debian's Chromium: ./bench/lighthouse.sh [url] (default http://localhost:8080/). With
# WFCHAT_LIGHTHOUSE_USER and WFCHAT_LIGHTHOUSE_PASSWORD it also measures the signed-in chat view,
# with the session cookie a login gives (the first visit is the login view). Not a test:
# the scores move with the machine's load, so run it on a quiet machine and more than once.
# Needs Node and npm; Lighthouse is installed once into a scratch folder outside the repository.
# An https:// url with a self-signed certificate (a local TLS listener, as a deployment's HTTPS and
# HTTP/2 would be): set WFCHAT_LIGHTHOUSE_INSECURE=1 so curl and Chromium accept it.
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
insecure=()
chrome_flags="--headless --no-sandbox --disable-gpu"
if [ -n "${WFCHAT_LIGHTHOUSE_INSECURE:-}" ]; then
  insecure=(-k)
  chrome_flags="$chrome_flags --ignore-certificate-errors"
fi
views=(first-visit)
headers=()
if [ -n "${WFCHAT_LIGHTHOUSE_USER:-}" ]; then
  cookie=$(curl "${insecure[@]}" -fsS -o /dev/null -D - -H 'Content-Type: application/json' -H "Origin: ${url%/}" \
    -d "{\"username\":\"$WFCHAT_LIGHTHOUSE_USER\",\"password\":\"$WFCHAT_LIGHTHOUSE_PASSWORD\"}" \
    "${url%/}/api/auth/login" | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p' | head -n 1)
  [ -n "$cookie" ] || { echo "login as $WFCHAT_LIGHTHOUSE_USER failed" >&2; exit 1; }
  views+=(signed-in)
  headers=(--extra-headers "{\"Cookie\": \"$cookie\"}")
fi
for view in "${views[@]}"; do
for form in desktop mobile; do
  preset=()
  [ "$form" = desktop ] && preset=(--preset=desktop)
  extra=()
  [ "$view" = signed-in ] && extra=("${headers[@]}")
  name="$form"
  [ "$view" = signed-in ] && name="signed-in-$form"
  "$tools/node_modules/.bin/lighthouse" "$url" "${preset[@]}" "${extra[@]}" --quiet --output=json --output=html \
    --output-path="$out/$name" --chrome-flags="$chrome_flags"
  node -e '
    const r = require(process.argv[1]);
    const scores = Object.values(r.categories).map((c) => `${c.title} ${Math.round(c.score * 100)}`).join(", ");
    const a = (id) => r.audits[id].displayValue;
    console.log(`${process.argv[2]}: ${scores}; FCP ${a("first-contentful-paint")}, LCP ${a("largest-contentful-paint")},`
      + ` TBT ${a("total-blocking-time")}, ${Math.round(r.audits["total-byte-weight"].numericValue / 1024)} KiB`
      + ` in ${r.audits["network-requests"].details.items.length} requests`);
  ' "$out/$name.report.json" "$name"
done
done
echo "reports: $out/*.report.html"
