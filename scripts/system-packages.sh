#!/usr/bin/env bash
# Debian packages rodedraad uses at run time: Tesseract with its Dutch data (OCR of scanned
# letters and photos) and catdoc (Word 97-2003 .doc). Installed with apt-get when this runs as
# root or with passwordless sudo; otherwise it says plainly what is missing and how to get it.
# Called by scripts/setup.sh (and so by CI). Never fails the set-up: without these packages
# rodedraad runs, and quarantines scans, photos and .doc files with the reason.
set -uo pipefail

need=()
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
tesseract --list-langs 2>/dev/null | grep -qx nld || need+=(tesseract-ocr-nld)
command -v catdoc >/dev/null 2>&1 || need+=(catdoc)

if [ ${#need[@]} -eq 0 ]; then
  echo "==> Systeempakketten aanwezig: Tesseract met Nederlands (OCR) en catdoc (.doc)"
  exit 0
fi

explain() {
  echo "    Installeer ze zelf: sudo apt-get install ${need[*]}" >&2
  echo "    Tot dan gaan scans en foto's (OCR) en oude .doc-bestanden naar quarantaine," >&2
  echo "    met die reden; 'rodedraad status' zegt of OCR beschikbaar is." >&2
}

if ! command -v apt-get >/dev/null 2>&1; then
  echo "==> Ontbreekt: ${need[*]} (geen apt-get op deze machine)." >&2
  explain
  exit 0
fi
if [ "$(id -u)" = 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "==> Ontbreekt: ${need[*]}; zonder root of sudo zonder wachtwoord kan setup ze niet" >&2
  echo "    installeren." >&2
  explain
  exit 0
fi

echo "==> Systeempakketten installeren: ${need[*]}"
if "${sudo[@]}" apt-get update -qq >/dev/null \
  && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${need[@]}" >/dev/null; then
  echo "    Gelukt."
else
  echo "==> Installeren van ${need[*]} is mislukt (zie de apt-meldingen hierboven)." >&2
  explain
fi
exit 0
