#!/usr/bin/env bash
# Builds helm (helm.sh/helm/v4) from the Go module proxy into a cache outside the work tree, keyed by version and
# module sums, so a second run reuses it. The tests render and lint deploy/helm/vnode-console with it.
# Prints the path of the helm binary on its last line. Usage: sandbox/helm/build.sh [--print-path]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
HELM_VERSION=v4.3.2   # keep equal to go.mod
key="$(cat "$here/go.mod" "$here/go.sum" "$0" | sha256sum | cut -c1-12)"
cache_root="${VNODE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/vnode-console}"
out="$cache_root/helm-$HELM_VERSION-$key"
if [[ "${1:-}" == "--print-path" ]]; then echo "$out/helm"; exit 0; fi
if [[ -f "$out/.complete" ]]; then echo "helm $HELM_VERSION: cached in $out" >&2; echo "$out/helm"; exit 0; fi

command -v go >/dev/null || { echo "Go is missing: install Go 1.26 (https://go.dev/doc/install) and retry." >&2; exit 1; }
export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="-buildvcs=false -trimpath"
mkdir -p "$cache_root"
# Two builds at once (two test runs) would race on the same directory: the second waits for the first.
exec 9>"$out.lock"
flock 9
if [[ -f "$out/.complete" ]]; then echo "helm $HELM_VERSION: cached in $out" >&2; echo "$out/helm"; exit 0; fi
tmp="$out.partial"; rm -rf "$tmp"; mkdir -p "$tmp"
# As helm's own release build stamps it, so `helm version` prints the release and not "v4.3".
ld="-s -w -X helm.sh/helm/v4/internal/version.version=$HELM_VERSION -X helm.sh/helm/v4/internal/version.gitTreeState=clean"
SECONDS=0
echo "helm $HELM_VERSION: cold build (about 3-8 min on 2 cores); downloading modules..." >&2
(cd "$here" && go mod download) >&2
# Progress: go prints each package as it compiles with -v; show a count every 20 s instead of 500 lines.
log="$tmp/build.log"
(cd "$here" && go build -v -p "$(nproc)" -ldflags="$ld" -o "$tmp/helm" helm.sh/helm/v4/cmd/helm) >"$log" 2>&1 &
pid=$!
while kill -0 "$pid" 2>/dev/null; do
  sleep 20 & wait $! || true
  echo "helm build: ${SECONDS}s, $(grep -vc '^#' "$log" || true) packages compiled" >&2
done
if ! wait "$pid"; then tail -40 "$log" >&2; echo "helm build failed; full log: $log" >&2; exit 1; fi
version="$("$tmp/helm" version --template '{{.Version}}')"
[[ "$version" == "$HELM_VERSION" ]] || { echo "helm build: the binary says $version, expected $HELM_VERSION" >&2; exit 1; }
rm -f "$log"
rm -rf "$out"; mv "$tmp" "$out"; touch "$out/.complete"
echo "helm $HELM_VERSION: built in ${SECONDS}s into $out" >&2
echo "$out/helm"
