"""Plain text: utf-8 first, then the legacy Windows/Latin encodings Dutch mail still uses."""

from __future__ import annotations

from charset_normalizer import from_bytes

from nlp.extract.errors import ExtractionError, empty
from schemas.records import ExtractedText

_FALLBACKS = ("cp1252", "latin-1")


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters: not a text file, whatever its name says."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return control > max(8, len(sample) // 50)


def decode_text(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=["cp1252", "latin_1", "utf_8"]).best()
    if best is not None:
        return str(best)
    for enc in _FALLBACKS:
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise ExtractionError("codering", "tekstcodering niet herkend")


def read_txt(data: bytes) -> ExtractedText:
    if not data.strip():
        raise empty()
    if looks_binary(data):
        raise ExtractionError("binair", "geen leesbare tekst: het bestand bevat binaire gegevens")
    return ExtractedText(text=decode_text(data))
