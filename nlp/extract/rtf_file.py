"""Rich Text Format via striprtf."""

from __future__ import annotations

from striprtf.striprtf import rtf_to_text

from nlp.extract.errors import ExtractionError, no_text
from nlp.extract.text_file import decode_text, read_txt
from schemas.records import ExtractedText


def read_rtf(data: bytes) -> ExtractedText:
    read_txt(data)
    raw = decode_text(data)
    if not raw.lstrip().startswith("{\\rtf"):
        raise ExtractionError("beschadigd", "geen geldig RTF-bestand")
    try:
        text = rtf_to_text(raw, errors="ignore").strip()
    except Exception:
        raise ExtractionError("beschadigd", "beschadigd RTF-bestand") from None
    if not text:
        raise no_text()
    return ExtractedText(text=text)
