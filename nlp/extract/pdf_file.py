"""PDF: the text layer via pypdf; scans without one go to OCR when Tesseract (nld) is there."""

from __future__ import annotations

import io
import logging

from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PdfReadError

from nlp.extract import ocr
from nlp.extract.errors import ExtractionError
from nlp.extract.limits import Limits, too_long, too_many_pages
from schemas.records import ExtractedText

# pypdf warns about every small structural oddity; those warnings are noise for staff.
logging.getLogger("pypdf").setLevel(logging.ERROR)

# Fewer letters than this per page: treat the page as a scan.
_MIN_CHARS_PER_PAGE = 25


def read_pdf(
    data: bytes, *, ocr_enabled: bool = True, limits: Limits | None = None
) -> ExtractedText:
    limits = limits or Limits()
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            # Many PDFs are "encrypted" with an empty user password only; those open fine.
            try:
                ok = reader.decrypt("")
            except Exception:
                ok = 0
            if not ok:
                raise ExtractionError("wachtwoord", "PDF is met een wachtwoord beveiligd")
        if len(reader.pages) > limits.max_pages:  # counted before any page is read
            raise too_many_pages(limits.max_pages)
        pages, chars = [], 0
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            chars += len(pages[-1])
            if chars > limits.max_text_chars:  # stop reading: it will be refused anyway
                raise too_long(limits.max_text_chars)
    except ExtractionError:
        raise
    except FileNotDecryptedError:
        raise ExtractionError("wachtwoord", "PDF is met een wachtwoord beveiligd") from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError):
        raise ExtractionError("beschadigd", "beschadigde of onleesbare PDF") from None
    except RecursionError:
        raise ExtractionError("beschadigd", "beschadigde of onleesbare PDF") from None
    n_pages = len(pages)
    if n_pages == 0:
        raise ExtractionError("beschadigd", "PDF zonder pagina's")
    letters = sum(sum(ch.isalpha() for ch in p) for p in pages)
    if letters >= _MIN_CHARS_PER_PAGE * n_pages * 0.5:
        return ExtractedText(text="\n\n".join(p.strip() for p in pages), pages=n_pages)
    if not ocr_enabled or not ocr.available():
        raise ExtractionError("ocr", "scan zonder tekstlaag, OCR niet beschikbaar")
    return ExtractedText(text=ocr.ocr_pdf(data), pages=n_pages)
