#!/usr/bin/env bash
# Sets everything up and runs the main job on the sample inbox: the invented complaints in
# examples/inbox plus the public documents in ../shared/samples (when it is there). They are
# copied into data/inbox, so the originals stay where they are. Ends with this year's report.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
[ -f rodedraad.toml ] || .venv/bin/rodedraad init
mkdir -p data/inbox
cp examples/inbox/* data/inbox/
if [ -d ../shared/samples ]; then
  cp ../shared/samples/* data/inbox/
else
  echo "(../shared/samples ontbreekt: alleen de voorbeelden uit examples/inbox)"
fi
echo "==> rodedraad run (inbox: data/inbox)"
RODEDRAAD_SETTLE_SECONDS=0 .venv/bin/rodedraad run
echo
echo "==> rodedraad report --period $(date +%Y)"
.venv/bin/rodedraad report --period "$(date +%Y)"
echo
echo "Klaar. Bekijk de status met: .venv/bin/rodedraad status"
echo "Dashboard: .venv/bin/rodedraad dashboard"
