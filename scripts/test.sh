#!/usr/bin/env bash
# Sets up (if needed) and runs the whole test suite, the way CI does.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p test-artifacts
exec .venv/bin/python -m pytest "$@"
