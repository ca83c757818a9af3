#!/usr/bin/env bash
# Builds the server the container image runs (Next's standalone output, as the Dockerfile does) into
# .next-standalone/, beside the regular build that `npm start` serves, and lays it out as the image does: server.js
# with its traced node_modules, the static assets and public/ next to it. Run it with: node .next-standalone/standalone/server.js
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 VNODE_BUILD_STANDALONE=1 VNODE_DIST_DIR=.next-standalone
npx next build
out=.next-standalone/standalone
test -f "$out/server.js" || { echo "next build wrote no $out/server.js" >&2; exit 1; }
rm -rf "$out/.next-standalone/static" "$out/public"
cp -r .next-standalone/static "$out/.next-standalone/static"
cp -r public "$out/public"
echo "standalone server: $out/server.js"
