#!/usr/bin/env bash
# Make sure Debian's chromium (and its driver) is installed: the end-to-end tests (tests/e2e) drive
# it headless through Playwright's Python package. Playwright's own browser download
# (`playwright install`) is never used. Installs the packages when missing (as root, or via sudo).
set -euo pipefail
CHROMIUM="${LEARNTF_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ] && command -v chromedriver >/dev/null 2>&1; then
    exit 0
fi
echo "chromium not found at $CHROMIUM; installing the chromium and chromium-driver packages..."
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "Please install chromium (e.g. 'apt-get install chromium chromium-driver') and try again." >&2
    exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "No apt-get here: install chromium yourself and set LEARNTF_CHROMIUM to its path." >&2
    exit 1
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
[ -x "$CHROMIUM" ]
