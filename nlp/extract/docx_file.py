"""Word .docx: paragraphs and table cells, in document order."""

from __future__ import annotations

import io

import docx
from docx.opc.exceptions import PackageNotFoundError

from nlp.extract.errors import ExtractionError, no_text
from nlp.extract.zip_guard import open_checked_zip
from schemas.records import ExtractedText


def read_docx(data: bytes) -> ExtractedText:
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        # OLE container: an old .doc renamed, or a password-protected .docx.
        raise ExtractionError("wachtwoord", "Word-bestand is beveiligd of in het oude .doc-formaat")
    open_checked_zip(data, "Word").close()
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, OSError):
        raise ExtractionError("beschadigd", "beschadigd Word-bestand") from None
    except Exception:  # lxml errors on broken XML parts
        raise ExtractionError("beschadigd", "beschadigd Word-bestand") from None
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append("\t".join(cell.text for cell in row.cells))
    text = "\n".join(parts).strip()
    if not text:
        raise no_text()
    return ExtractedText(text=text)
