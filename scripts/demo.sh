#!/usr/bin/env bash
# Sets everything up and runs the main job on the sample inbox (examples/inbox).
# The samples are copied into data/inbox, so the repository's copies stay where they are.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
[ -f rodedraad.toml ] || .venv/bin/rodedraad init
mkdir -p data/inbox
cp examples/inbox/* data/inbox/
echo "==> rodedraad run (inbox: data/inbox)"
RODEDRAAD_SETTLE_SECONDS=0 .venv/bin/rodedraad run
echo
echo "Klaar. Bekijk de status met: .venv/bin/rodedraad status"
