#!/usr/bin/env bash
# `npm test`: prepares what the tests need (control-plane build, Chromium), then runs type checks, unit and
# integration tests (vitest, on a real control plane) and the browser tests (Playwright in Debian's Chromium).
# Ends with one line: "tests: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
mkdir -p test-results
rm -f test-results/*.json

need() { # command, what to install
  command -v "$1" >/dev/null 2>&1 && return 0
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "== installing $2 (apt) for $1"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2"; } >/dev/null || { echo "could not install $2; install it and retry" >&2; exit 1; }
  else
    echo "missing: $1 — install the Debian package $2 (sudo apt-get install $2) and retry" >&2; exit 1
  fi
}
need openssl openssl
need chromium chromium
command -v kubectl >/dev/null || { echo "missing: kubectl (the tests drive the sandbox with a real kubectl); install it and retry" >&2; exit 1; }
command -v go >/dev/null || { echo "missing: Go 1.26 (the control plane is built from the Go module proxy); install it and retry" >&2; exit 1; }

echo "== control plane (built once, then cached)"
bash sandbox/controlplane/build.sh >/dev/null || exit 1
echo "== helm (built once, then cached)"
bash sandbox/helm/build.sh >/dev/null || exit 1

status=0
echo "== typecheck"
npx tsc --noEmit || status=1

echo "== lint (format, lint rules, import rules)"
npm run -s lint || status=1

echo "== unit and integration tests"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json || status=1

echo "== browser tests"
if npx next build >test-results/next-build.log 2>&1; then
  # The image's standalone server too: the replica tests run it as the chart's Deployment would.
  bash scripts/build-standalone.sh >test-results/standalone-build.log 2>&1 || { tail -30 test-results/standalone-build.log; status=1; }
  npx playwright test || status=1
else
  tail -30 test-results/next-build.log; echo "next build failed; browser tests not run" >&2; status=1
fi

node scripts/test-summary.mjs test-results/vitest.json test-results/e2e.json
exit $status
