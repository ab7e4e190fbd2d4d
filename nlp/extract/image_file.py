"""Images as documents (a scanned letter, a phone photo): JPEG, PNG, TIFF (every page of a
multi-page TIFF) and HEIC/HEIF (iPhone photos, via pi-heif when installed), through OCR."""

from __future__ import annotations

import contextlib
import io
import warnings
from collections.abc import Iterator

from nlp.extract import ocr
from nlp.extract.errors import ExtractionError
from schemas.records import ExtractedText

IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".heic", ".heif")
# Far above any scanned page (A3 at 600 dpi is ~70 Mpx): refuse before decoding, so that a
# small file claiming a giant image cannot exhaust memory.
MAX_IMAGE_PIXELS = 100_000_000
MAX_FRAMES = 500


def heif_available() -> bool:
    try:
        import pi_heif
    except ImportError:
        return False
    pi_heif.register_heif_opener()
    return True


def read_image(data: bytes, *, ocr_enabled: bool = True) -> ExtractedText:
    from PIL import Image

    heif_available()
    with _decoding():
        image = Image.open(io.BytesIO(data))
        width, height = image.size
        frames = getattr(image, "n_frames", 1)
    if width * height > MAX_IMAGE_PIXELS:
        raise ExtractionError("te_groot", "afbeelding te groot om te lezen")
    if frames > MAX_FRAMES:
        raise ExtractionError("te_groot", f"afbeelding met meer dan {MAX_FRAMES} pagina's")
    if width * height < ocr.MIN_PIXELS:
        raise ExtractionError("geen_tekst", "afbeelding te klein om tekst in te lezen")
    if not ocr_enabled or not ocr.available():
        raise ExtractionError("ocr", "afbeelding (scan of foto), OCR niet beschikbaar")
    result = ocr.combine(ocr.ocr_pages(_frames(image)))
    if not result.text:
        raise ExtractionError("geen_tekst", "geen tekst gevonden in de afbeelding")
    return ExtractedText(text=result.text, pages=frames, ocr=True, ocr_confidence=result.confidence)


def _frames(image):  # type: ignore[no-untyped-def]
    """Pages one at a time (decoded lazily): a long TIFF never sits in memory whole."""
    from PIL import ImageSequence

    for frame in ImageSequence.Iterator(image):
        with _decoding():
            page = frame.copy()
        yield page, None


@contextlib.contextmanager
def _decoding() -> Iterator[None]:
    """Decoder failures and decompression bombs as extraction errors."""
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            yield
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ExtractionError("te_groot", "afbeelding te groot om te lezen") from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError):
        raise ExtractionError("beschadigd", "beschadigde of onbekende afbeelding") from None
