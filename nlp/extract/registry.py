"""Chooses the reader by extension and applies the checks that hold for every file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from nlp.extract.docx_file import read_docx
from nlp.extract.eml_file import read_eml
from nlp.extract.errors import ExtractionError, empty
from nlp.extract.html_file import read_html
from nlp.extract.odt_file import read_odt
from nlp.extract.pdf_file import read_pdf
from nlp.extract.rtf_file import read_rtf
from nlp.extract.text_file import read_txt
from schemas.records import ExtractedText

Reader = Callable[[bytes], ExtractedText]


def _readers(ocr_enabled: bool) -> dict[str, Reader]:
    readers: dict[str, Reader] = {
        ".txt": read_txt,
        ".pdf": partial(read_pdf, ocr_enabled=ocr_enabled),
        ".docx": read_docx,
        ".odt": read_odt,
        ".html": read_html,
        ".htm": read_html,
        ".rtf": read_rtf,
    }

    def attachment(ext: str, data: bytes) -> ExtractedText:
        reader = readers.get(ext)
        if reader is None:
            raise ExtractionError("type", "bijlage van niet-ondersteund type")
        return reader(data)

    readers[".eml"] = partial(read_eml, read_attachment=attachment)
    return readers


SUPPORTED_EXTENSIONS = frozenset(_readers(True))


def extract_bytes(data: bytes, ext: str, *, ocr_enabled: bool = True) -> ExtractedText:
    reader = _readers(ocr_enabled).get(ext.lower())
    if reader is None:
        shown = ext.lower() if ext else "zonder extensie"
        raise ExtractionError("type", f"bestandstype {shown} wordt niet ondersteund")
    if not data:
        raise empty()
    result = reader(data)
    if not result.text.strip():
        raise ExtractionError("geen_tekst", "geen tekst gevonden in het bestand")
    return result


def extract_file(path: Path, *, max_bytes: int, ocr_enabled: bool = True) -> ExtractedText:
    """Extract one file; the received date falls back to the file's modification time."""
    size = path.stat().st_size
    if size > max_bytes:
        raise ExtractionError("te_groot", f"bestand groter dan {max_bytes / 1024 / 1024:.0f} MB")
    result = extract_bytes(path.read_bytes(), path.suffix, ocr_enabled=ocr_enabled)
    if result.received_at is None:
        result.received_at = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    return result
