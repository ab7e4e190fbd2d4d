"""Plain text: a byte-order mark decides (UTF-8, and Notepad's "Unicode": UTF-16/32), else utf-8
first, then the legacy Windows/Latin encodings Dutch mail still uses."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from nlp.extract.errors import ExtractionError, empty
from schemas.records import ExtractedText

_FALLBACKS = ("cp1252", "latin-1")
# Longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """(encoding, length of the mark) when the data starts with a byte-order mark."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters: not a text file, whatever its name says."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return control > max(8, len(sample) // 50)


def decode_text(data: bytes) -> str:
    marked = bom_encoding(data)
    if marked is not None:
        encoding, skip = marked
        try:
            return data[skip:].decode(encoding)
        except UnicodeDecodeError:
            raise ExtractionError("codering", f"ongeldige {encoding.upper()}-tekst") from None
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


def _plausible_text(text: str) -> bool:
    """Decoded UTF-16/32 of a binary file gives characters, but no line of words: few control
    characters and, in anything longer than a sentence, spaces between words."""
    sample = text[:8192]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    spaces = sum(1 for ch in sample if ch.isspace())
    return control <= len(sample) // 50 and (len(sample) < 100 or spaces >= len(sample) // 50)


def read_txt(data: bytes) -> ExtractedText:
    if not data.strip():
        raise empty()
    if bom_encoding(data) is not None:
        # UTF-16/32 text is full of NUL bytes: judge it on the decoded characters instead.
        text = decode_text(data)
        if not text.strip():
            raise empty()
        if not _plausible_text(text):
            raise ExtractionError(
                "binair", "geen leesbare tekst: het bestand bevat binaire gegevens"
            )
        return ExtractedText(text=text)
    if looks_binary(data):
        raise ExtractionError("binair", "geen leesbare tekst: het bestand bevat binaire gegevens")
    return ExtractedText(text=decode_text(data))
