"""Quarantined files as staff know them: the original file name, why, and what to do next.

The original name (often a person's name: "klacht mevrouw Jansen.docx") is only ever in the
owner-only sidecar beside the file in the quarantine folder. It is read here, in the CLI process
that prints it, never stored in DuckDB, never passed to or returned from a Prefect flow or task.
Names are shown with control characters escaped, so a crafted file name cannot rewrite the
terminal.
"""

from __future__ import annotations

import json
from pathlib import Path

# Per reason code (see nlp/extract and flows/ingest): what staff can do about it, in Dutch.
ADVICE = {
    "leeg": "Vraag de afzender het bestand opnieuw te sturen.",
    "beschadigd": "Open het bestand zelf; sla het opnieuw op (of vraag een nieuwe versie) en "
    "leg het opnieuw in de inbox.",
    "wachtwoord": "Vraag de afzender om een versie zonder wachtwoord, of verwijder het "
    "wachtwoord en leg het bestand opnieuw in de inbox.",
    "type": "Sla het op als PDF, Word (.docx), ODT, RTF, HTML, e-mail (.eml) of tekst en leg het "
    "opnieuw in de inbox.",
    "te_groot": "Splits het bestand of sla het kleiner op (bijvoorbeeld scans in lagere "
    "resolutie), of verhoog max_file_mb in rodedraad.toml.",
    "zipbom": "Het bestand pakt uit tot een onredelijke omvang; open het niet. Vraag de "
    "afzender om een gewone versie.",
    "geen_tekst": "Controleer of het een scan is; sla het op als doorzoekbare PDF of zet OCR "
    'aan (ocr = "auto") en leg het opnieuw in de inbox.',
    "ocr": "Dit is een scan en OCR staat uit of Tesseract ontbreekt: installeer tesseract-ocr "
    'met tesseract-ocr-nld (of zet ocr = "auto") en leg het bestand opnieuw in de inbox.',
    "ocr_mislukt": "De scan was niet te lezen; scan het opnieuw (rechter, scherper) en leg het "
    "opnieuw in de inbox.",
    "codering": "Open het bestand en sla het op als UTF-8-tekst of als Word-document.",
    "binair": "Dit is geen tekstbestand; lever het document zelf aan (PDF of Word).",
    "symlink": "Leg het bestand zelf in de inbox in plaats van een snelkoppeling.",
    "onleesbaar": "Controleer de bestandsrechten (de verwerking kon het niet lezen) en leg het "
    "opnieuw in de inbox.",
    "interne_fout": "Dit is een fout in rodedraad, niet in het bestand: meld het aan de "
    "beheerder; het bestand blijft bewaard.",
}
DEFAULT_ADVICE = "Bekijk het bestand, los het probleem op en leg het opnieuw in de inbox."


def original_name(quarantine_dir: Path, stored_as: str) -> str | None:
    """The name the file had in the inbox, from its sidecar; None when there is no (readable)
    sidecar (the file was moved out of quarantine, or the sidecar is damaged)."""
    sidecar = quarantine_dir / f"{stored_as}.json"
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    name = data.get("oorspronkelijke_naam") if isinstance(data, dict) else None
    return shown(name) if isinstance(name, str) and name else None


def shown(name: str) -> str:
    """A file name fit for a terminal line: control characters (and stray surrogates from
    undecodable bytes) escaped."""
    out = []
    for ch in name:
        if ord(ch) < 32 or ord(ch) == 127 or 0x80 <= ord(ch) < 0xA0:
            out.append(f"\\x{ord(ch):02x}")
        elif 0xD800 <= ord(ch) <= 0xDFFF:
            out.append(f"\\x{ord(ch) & 0xFF:02x}")
        else:
            out.append(ch)
    return "".join(out)


def advice(reason_code: str | None) -> str:
    return ADVICE.get(reason_code or "", DEFAULT_ADVICE)


def lines(
    quarantine_dir: Path | None, stored_as: str, reason: str, reason_code: str | None
) -> tuple[str, str]:
    """What the file was and why ("klacht Jansen.pdf (in quarantaine als 225d….pdf): reden"),
    and what to do next. Without a sidecar only the stored name can be shown."""
    name = original_name(quarantine_dir, stored_as) if quarantine_dir else None
    where = f"{name} (in quarantaine als {stored_as})" if name else stored_as
    return f"{where}: {reason}", f"Wat nu: {advice(reason_code)}"
