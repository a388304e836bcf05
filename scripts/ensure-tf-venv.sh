#!/usr/bin/env bash
# Make sure .venv-tf exists: a separate virtual environment with real TensorFlow 2.21 (CPU) and the
# Keras 3 it brings, TensorBoard (its protos and event reader, for learntf.viz there; TF 2.21 no
# longer installs it), plus what runs the course's notebooks there (ipykernel, nbclient) and learntf
# itself without TensorFlow as its dependency (for learntf.viz drawings and the course package).
# TensorFlow is never installed into .venv: learntf does not depend on it.
# Used by `make test-tf` and `python -m course open N --engine tensorflow`. Idempotent: a stamp file
# records what was installed, and a second call with nothing changed returns at once.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
VENV=.venv-tf
REQUIREMENTS=("tensorflow-cpu==2.21.*" "tensorboard>=2.16" "ipykernel>=6.0" "nbclient>=0.10" "nbformat>=5.9" "jupyterlab>=4.0")
WANT="tf_keras
$(printf '%s\n' "${REQUIREMENTS[@]}"; sha256sum pyproject.toml | cut -c1-16)"
STAMP="$VENV/.installed"
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT" ]; then
    exit 0
fi
echo "Setting up $VENV with TensorFlow 2.21 (first use only; about 600 MB)..."
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
export PIP_DISABLE_PIP_VERSION_CHECK=1
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet "${REQUIREMENTS[@]}"
"$VENV/bin/python" -m pip install --quiet -e .
# tf_keras: TF 1's tf.compat.v1.layers when a program sets TF_USE_LEGACY_KERAS=1 (Keras 3 has no
# TF 1 layers). --no-deps: it asks for the `tensorflow` package, and tensorflow-cpu is that.
"$VENV/bin/python" -m pip install --quiet --no-deps "tf_keras==2.21.*"
printf '%s' "$WANT" > "$STAMP"
