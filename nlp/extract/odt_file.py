"""OpenDocument text (.odt) via odfpy."""

from __future__ import annotations

import io

from odf import teletype, text
from odf.opendocument import load

from nlp.extract.errors import ExtractionError, no_text
from nlp.extract.zip_guard import open_checked_zip
from schemas.records import ExtractedText


def read_odt(data: bytes) -> ExtractedText:
    open_checked_zip(data, "OpenDocument").close()
    try:
        document = load(io.BytesIO(data))
    except Exception:  # odfpy raises a variety of parser errors
        raise ExtractionError("beschadigd", "beschadigd OpenDocument-bestand") from None
    paragraphs = [
        teletype.extractText(el)
        for el in document.getElementsByType(text.P) + document.getElementsByType(text.H)
    ]
    body = "\n".join(p for p in paragraphs).strip()
    if not body:
        raise no_text()
    return ExtractedText(text=body)
