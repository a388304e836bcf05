#!/usr/bin/env bash
# Make sure JupyterHub's proxy, configurable-http-proxy (an npm package), is installed locally in
# .hub-node/ (git-ignored), never globally: `python -m course hub` runs
# .hub-node/node_modules/.bin/configurable-http-proxy. Needs node and npm (Debian: apt-get install
# nodejs npm). Returns at once when the proxy is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
PROXY=.hub-node/node_modules/.bin/configurable-http-proxy
if [ -x "$PROXY" ]; then
    exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
    echo "npm not found: install Node.js and npm (e.g. 'apt-get install nodejs npm'), then run this again." >&2
    exit 1
fi
echo "Installing configurable-http-proxy (JupyterHub's proxy) into .hub-node/ ..."
npm install --silent --no-audit --no-fund --prefix .hub-node configurable-http-proxy@^4 >/dev/null
[ -x "$PROXY" ]
