"""Chooses the reader by extension and applies the checks that hold for every file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from nlp.extract.doc_file import OLE_MAGIC, read_doc
from nlp.extract.docx_file import read_docx
from nlp.extract.eml_file import read_eml
from nlp.extract.errors import ExtractionError, empty, too_large, unsupported
from nlp.extract.html_file import read_html
from nlp.extract.image_file import IMAGE_EXTENSIONS, read_image
from nlp.extract.limits import Limits, check_text
from nlp.extract.msg_file import read_msg
from nlp.extract.odt_file import read_odt
from nlp.extract.pdf_file import read_pdf
from nlp.extract.regular_file import FileTooLarge, NotRegularFile, read_regular, special_reason
from nlp.extract.rtf_file import read_rtf
from nlp.extract.text_file import read_txt
from schemas.records import ExtractedText

Reader = Callable[[bytes], ExtractedText]


def _readers(ocr_enabled: bool, limits: Limits | None = None) -> dict[str, Reader]:
    readers: dict[str, Reader] = {
        ".txt": read_txt,
        ".pdf": partial(read_pdf, ocr_enabled=ocr_enabled, limits=limits),
        ".docx": read_docx,
        ".odt": read_odt,
        ".html": read_html,
        ".htm": read_html,
        ".rtf": read_rtf,
    }
    for ext in IMAGE_EXTENSIONS:
        readers[ext] = partial(read_image, ocr_enabled=ocr_enabled)

    def attachment(ext: str, data: bytes) -> ExtractedText:
        reader = readers.get(ext)
        if reader is None:
            raise unsupported(ext)
        return reader(data)

    readers[".doc"] = partial(read_doc, other=attachment)

    def docx_or_doc(data: bytes) -> ExtractedText:
        """An old .doc saved under .docx, or a password-protected .docx (both OLE files)."""
        if data.startswith(OLE_MAGIC):
            return read_doc(data, other=attachment)
        return read_docx(data)

    readers[".docx"] = docx_or_doc
    readers[".eml"] = partial(read_eml, read_attachment=attachment)
    readers[".msg"] = partial(read_msg, read_attachment=attachment)
    return readers


SUPPORTED_EXTENSIONS = frozenset(_readers(True))


def extract_bytes(
    data: bytes, ext: str, *, ocr_enabled: bool = True, limits: Limits | None = None
) -> ExtractedText:
    """Text of one file's bytes; refused (``ExtractionError``) when it exceeds ``limits``, so
    that the anonymiser never sees a text it cannot handle in the run's budget."""
    limits = limits or Limits()
    reader = _readers(ocr_enabled, limits).get(ext.lower())
    if reader is None:
        raise unsupported(ext)
    if not data:
        raise empty()
    result = reader(data)
    if not result.text.strip():
        raise ExtractionError("geen_tekst", "geen tekst gevonden in het bestand")
    check_text(result.text, limits)
    return result


def extract_file(
    path: Path, *, max_bytes: int, ocr_enabled: bool = True, limits: Limits | None = None
) -> ExtractedText:
    """Extract one file; the received date falls back to the file's modification time. Only a
    regular file is read (``regular_file``)."""
    try:
        data = read_regular(path, max_bytes)
    except FileTooLarge:
        raise too_large(max_bytes) from None
    except NotRegularFile as exc:
        raise ExtractionError("speciaal", special_reason(exc.kind)) from None
    result = extract_bytes(data, path.suffix, ocr_enabled=ocr_enabled, limits=limits)
    if result.received_at is None:
        result.received_at = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    return result
