#!/usr/bin/env bash
# Sets up rodedraad from a clean clone: the Debian packages for OCR and .doc (when root or sudo
# is available; scripts/system-packages.sh), a virtual environment in .venv with pinned
# dependencies, and an attempt to install the spaCy model nl_core_news_lg.
# Idempotent: a second call only checks. Usage: bash scripts/setup.sh
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "rodedraad heeft Python 3.11 of nieuwer nodig (gevonden: $("$PY" --version 2>&1))." >&2
  exit 1
fi

bash scripts/system-packages.sh

if [ ! -x .venv/bin/python ]; then
  echo "==> Virtuele omgeving aanmaken in .venv"
  "$PY" -m venv .venv
fi
VPY=.venv/bin/python

stamp=.venv/.rodedraad-installed
want=$(cat pyproject.toml constraints.txt | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "==> Afhankelijkheden installeren (vastgepind in constraints.txt)"
  "$VPY" -m pip install --quiet --upgrade pip
  # No dependency of rodedraad pulls torch; should one ever do, it must be the local CPU
  # build: pip install torch==2.13.0 (an unpinned torch pulls several GB of CUDA).
  "$VPY" -m pip install --quiet -c constraints.txt -e ".[dev,dask]"
  # BERTopic without its declared dependencies: they pull sentence-transformers and torch
  # (~2 GB). rodedraad brings its own embeddings; what BERTopic imports is in pyproject.toml.
  "$VPY" -m pip install --quiet --no-deps -c constraints.txt bertopic
  echo "$want" > "$stamp"
else
  echo "==> Afhankelijkheden al geïnstalleerd"
fi

if "$VPY" -c 'import spacy, sys; sys.exit(0 if spacy.util.is_package("nl_core_news_lg") else 1)'; then
  echo "==> spaCy-model nl_core_news_lg is geïnstalleerd: de pijplijn gebruikt het."
elif [ -f .venv/.spacy-model-tried ]; then
  echo "==> spaCy-model nl_core_news_lg niet beschikbaar (eerder geprobeerd): de regelgebaseerde"
  echo "    Nederlandse pijplijn (blank-nl-regels) wordt gebruikt. Opnieuw proberen:"
  echo "    rm .venv/.spacy-model-tried && bash scripts/setup.sh"
else
  echo "==> Proberen: python -m spacy download nl_core_news_lg"
  if timeout 300 "$VPY" -m spacy download nl_core_news_lg >/tmp/rodedraad-spacy-download.log 2>&1; then
    echo "    Gelukt: nl_core_news_lg is geïnstalleerd en wordt gebruikt."
  else
    touch .venv/.spacy-model-tried
    echo "    Niet gelukt (geen verbinding met de modelopslag; zie /tmp/rodedraad-spacy-download.log)."
    echo "    De pijplijn draait op de regelgebaseerde Nederlandse pijplijn (blank-nl-regels)"
    echo "    en zegt dat bij elke run."
  fi
fi
