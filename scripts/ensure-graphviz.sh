#!/usr/bin/env bash
# Make sure Graphviz's `dot` program is on PATH: learntf.viz draws graphs with it.
# Installs Debian's/Ubuntu's graphviz package when it is missing (as root, or through sudo).
set -euo pipefail
if command -v dot >/dev/null 2>&1; then
    exit 0
fi
echo "Graphviz 'dot' not found; installing the graphviz package..."
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "Please install Graphviz (e.g. 'apt-get install graphviz' or 'brew install graphviz') and try again." >&2
    exit 1
fi
if command -v apt-get >/dev/null 2>&1; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq graphviz >/dev/null
elif command -v brew >/dev/null 2>&1; then
    brew install graphviz
else
    echo "No apt-get or brew here: please install Graphviz yourself and try again." >&2
    exit 1
fi
command -v dot >/dev/null 2>&1
