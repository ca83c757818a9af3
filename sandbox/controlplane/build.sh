#!/usr/bin/env bash
# Builds kube-apiserver, kube-controller-manager, kube-scheduler (k8s.io/kubernetes) and etcd from the Go module
# proxy into a cache outside the work tree, keyed by the Go module files and the build recipe (recipe.sh), so a
# second run reuses them. Shows what it is doing from the first second. Prints the bin directory on its last line.
# Usage: sandbox/controlplane/build.sh [--print-dir]
#
# Measured (2 Dec 2026, 2 cores shared with other work, modules already downloaded): 316 s, 2750 packages compiled,
# the four binaries linked in the last 80 s. A clean 2-core machine that also downloads the modules: about 12 min.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=recipe.sh
source "$here/recipe.sh"
modules=("$here/go.mod" "$here/go.sum" "$here/../etcd/go.mod" "$here/../etcd/go.sum")
key="$(cat "${modules[@]}" "$here/recipe.sh" | sha256sum | cut -c1-12)"
cache_root="${VNODE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/vnode-console}"
out="$cache_root/controlplane-$K8S_VERSION-$key"
# Builds made before the recipe moved to recipe.sh were keyed on the module files plus the whole of build.sh. For
# these module files (sum 597502d0a554) that key was 66b4e2106b7a, built with exactly today's recipe: reuse it.
legacy="$cache_root/controlplane-$K8S_VERSION-66b4e2106b7a"
if [[ ! -f "$out/.complete" && -f "$legacy/.complete" && "$(cat "${modules[@]}" | sha256sum | cut -c1-12)" == 597502d0a554 ]]; then out="$legacy"; fi
if [[ "${1:-}" == "--print-dir" ]]; then echo "$out"; exit 0; fi
if [[ -f "$out/.complete" ]]; then echo "control plane $K8S_VERSION: cached in $out" >&2; echo "$out"; exit 0; fi

command -v go >/dev/null || { echo "Go is missing: install Go 1.26 (https://go.dev/doc/install) and retry." >&2; exit 1; }
tmp="$out.partial"; rm -rf "$tmp"; mkdir -p "$tmp"
log="$tmp/build.log"; : >"$log"
SECONDS=0

# Progress: on a terminal one line rewritten every second; otherwise (a log, the sandbox launcher) a line whenever
# the step changes and every 10 s.
tty=false; [[ -t 2 ]] && tty=true
last_step=""; last_print=-100
elapsed() { printf '%dm%02ds' $((SECONDS / 60)) $((SECONDS % 60)); }
show() { # show STEP TEXT
  if $tty; then printf '\r\033[K[%s] %s' "$(elapsed)" "$2" >&2
  elif [[ "$1" != "$last_step" || $((SECONDS - last_print)) -ge 10 ]]; then echo "control plane build [$(elapsed)] $2" >&2; last_print=$SECONDS; fi
  last_step=$1
}
done_line() { $tty && printf '\r\033[K' >&2; echo "control plane build [$(elapsed)] $1" >&2; last_step=""; }
wait_showing() { # wait_showing PID FUNCTION: calls FUNCTION every second until PID exits; returns PID's status
  while kill -0 "$1" 2>/dev/null; do "$2"; sleep 1 & wait $! || true; done
  wait "$1"
}
fail() { $tty && echo >&2; tail -40 "$log" >&2; echo "control plane build failed ($1); full log: $log" >&2; exit 1; }

echo "control plane $K8S_VERSION: not in the cache, building it into $out" >&2
echo "  steps: 1 download Go modules, 2 compile ~3000 packages, 3 link kube-apiserver, kube-controller-manager, kube-scheduler, etcd" >&2
echo "  expect 5-12 min on 2 cores (measured: 5 min 16 s with modules cached; about 12 min on a clean machine)" >&2

# 1. Modules: -x logs each zip fetched from the proxy; ~total = module zips listed in the go.sum files.
mod_total=$(( $(grep -vc '/go.mod ' "$here/go.sum" || true) + $(grep -vc '/go.mod ' "$here/../etcd/go.sum" || true) ))
( cd "$here" && go mod download -x && cd "$here/../etcd" && go mod download -x ) >"$log" 2>&1 &
progress_download() { show download "step 1/3: downloading Go modules: $(grep -c '\.zip: 200' "$log" || true) fetched of at most ~$mod_total (the rest are in the module cache); next: compile"; }
wait_showing $! progress_download || fail "go mod download"
done_line "step 1/3 done: modules ready ($(grep -c '\.zip: 200' "$log" || true) downloaded)"

# 2 and 3. Compile and link. The total is the packages the four binaries depend on (go list, about a second).
pkg_total=$( { (cd "$here" && go list -deps -tags="$K8S_TAGS" "${K8S_PKGS[@]}") ; (cd "$here/../etcd" && go list -deps "$ETCD_PKG"); } 2>/dev/null | sort -u | wc -l)
: >"$log"
( build_k8s "$here" "$tmp" && build_etcd "$here/../etcd" "$tmp" ) >"$log" 2>&1 &
binaries=(kube-apiserver kube-controller-manager kube-scheduler etcd)
mains=("${K8S_PKGS[@]}" "$ETCD_PKG")
progress_build() {
  local n i linked=0 linking=""
  n=$(grep -vc '^#' "$log" || true)
  for i in 0 1 2 3; do
    if [[ -f "$tmp/${binaries[$i]}" ]]; then linked=$((linked + 1))
    elif [[ -z "$linking" ]] && grep -qx "${mains[$i]}" "$log"; then linking=${binaries[$i]}; fi
  done
  if [[ -n "$linking" ]]; then
    show "link-$linking" "step 3/3: linking binary $((linked + 1)) of 4 ($linking); $n of ~$pkg_total packages compiled"
  elif (( linked > 0 )); then
    show "compile-$linked" "step 2/3: compiling the rest for ${binaries[$linked]}: $n of ~$pkg_total packages; $linked of 4 binaries linked"
  else
    show compile "step 2/3: compiling packages: $n of ~$pkg_total ($(( n * 100 / (pkg_total > 0 ? pkg_total : 1) ))%); next: link 4 binaries"
  fi
}
wait_showing $! progress_build || fail "go build"
done_line "steps 2-3 done: $(grep -vc '^#' "$log" || true) packages compiled, 4 binaries linked"
"$tmp/kube-apiserver" --version >&2
rm -f "$log"
rm -rf "$out"; mv "$tmp" "$out"; touch "$out/.complete"
echo "control plane $K8S_VERSION: built in ${SECONDS}s into $out" >&2
echo "$out"
