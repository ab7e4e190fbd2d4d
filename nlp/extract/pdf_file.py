"""PDF: the text layer via pypdf; pages without one (scans, text drawn as curves) are rendered
with PDFium (pypdfium2) at 300 dpi and go through OCR when Tesseract (nld) is there."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PdfReadError

from nlp.extract import ocr
from nlp.extract.errors import ExtractionError
from nlp.extract.limits import Limits, too_long, too_many_pages
from schemas.records import ExtractedText

if TYPE_CHECKING:
    from PIL.Image import Image

# pypdf warns about every small structural oddity; those warnings are noise for staff.
logging.getLogger("pypdf").setLevel(logging.ERROR)

# Fewer letters than this on a page: the page is a scan (when anything is printed on it).
_MIN_CHARS_PER_PAGE = 25
_NO_OCR = "scan zonder tekstlaag, OCR niet beschikbaar"


def read_pdf(
    data: bytes, *, ocr_enabled: bool = True, limits: Limits | None = None
) -> ExtractedText:
    pages = _text_layer(data, limits or Limits())
    n_pages = len(pages)
    if n_pages == 0:
        raise ExtractionError("beschadigd", "PDF zonder pagina's")
    thin = [i for i, p in enumerate(pages) if sum(ch.isalpha() for ch in p) < _MIN_CHARS_PER_PAGE]
    if not thin:
        return ExtractedText(text="\n\n".join(p.strip() for p in pages), pages=n_pages)
    if not ocr_enabled or not ocr.available():
        letters = sum(sum(ch.isalpha() for ch in p) for p in pages)
        if letters < _MIN_CHARS_PER_PAGE * n_pages * 0.5:
            raise ExtractionError("ocr", _NO_OCR)
        # Mostly text: quarantine only when a page without text holds an image (a scanned
        # page), not for a page with a signature line or a page number only.
        if _any_image(data, thin):
            raise ExtractionError(
                "ocr", "PDF met gescande pagina's zonder tekstlaag, OCR niet beschikbaar"
            )
        return ExtractedText(text="\n\n".join(p.strip() for p in pages), pages=n_pages)
    done_pages: list[int] = []

    def rendered() -> Iterator[tuple[Image, float]]:
        for i, image, dpi in _inked_pages(data, thin):
            done_pages.append(i)
            yield image, dpi

    results = ocr.ocr_pages(rendered())
    scanned = dict(zip(done_pages, results, strict=True))
    texts = [
        scanned[i].text if i in scanned and scanned[i].text else page.strip()
        for i, page in enumerate(pages)
    ]
    done = ocr.combine(list(scanned.values()))
    text = "\n\n".join(t for t in texts if t)
    if not done.n_chars:  # nothing printed, or nothing legible, on the scanned pages
        if not text:
            raise ExtractionError("geen_tekst", "geen tekst gevonden in de scan")
        return ExtractedText(text=text, pages=n_pages)
    return ExtractedText(text=text, pages=n_pages, ocr=True, ocr_confidence=done.confidence)


def _text_layer(data: bytes, limits: Limits) -> list[str]:
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
        return pages
    except ExtractionError:
        raise
    except FileNotDecryptedError:
        raise ExtractionError("wachtwoord", "PDF is met een wachtwoord beveiligd") from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError):
        raise ExtractionError("beschadigd", "beschadigde of onleesbare PDF") from None
    except RecursionError:
        raise ExtractionError("beschadigd", "beschadigde of onleesbare PDF") from None


def _open(data: bytes):  # type: ignore[no-untyped-def]
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        raise ExtractionError("beschadigd", "beschadigde of onleesbare PDF") from None


def _any_image(data: bytes, indices: list[int]) -> bool:
    import pypdfium2.raw as pdfium_c

    document = _open(data)
    try:
        for i in indices:
            page = document[i]
            try:
                images = page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3)
                if any(True for _ in images):
                    return True
            finally:
                page.close()
        return False
    finally:
        document.close()


def _inked_pages(data: bytes, indices: list[int]) -> Iterator[tuple[int, Image, float]]:
    """The pages in ``indices`` that have anything printed on them, rendered at 300 dpi in
    greyscale, one at a time (PDFium is not thread-safe: rendering stays in this thread)."""
    import pypdfium2 as pdfium

    document = _open(data)
    try:
        for i in indices:
            page = document[i]
            try:
                if _blank(page):
                    continue
                bitmap = page.render(scale=ocr.TARGET_DPI / 72, grayscale=True)
                yield i, bitmap.to_pil(), float(ocr.TARGET_DPI)
            finally:
                page.close()
    except pdfium.PdfiumError:
        raise ExtractionError("beschadigd", "beschadigde of onleesbare PDF") from None
    finally:
        document.close()


def _blank(page) -> bool:  # type: ignore[no-untyped-def]
    """Nothing darker than light grey on a 24-dpi preview: an empty page."""
    preview = page.render(scale=24 / 72, grayscale=True).to_pil()
    return preview.getextrema()[0] > 200
