"""OCR of page images with Tesseract and its Dutch data (Debian ``tesseract-ocr-nld``).

Choices, measured with ``benchmarks/bench_ocr.py`` (figures in benchmarks/RESULTS.md):
- Pages are brought to ~300 dpi (Tesseract's sweet spot): phone photos and low-resolution scans
  are scaled; the resolution is passed on with ``--dpi``.
- A median filter (OpenCV) at the scan's own resolution takes out scanner noise, sized by the
  measured noise level: on noisy pages Tesseract's layout analysis otherwise found no text at
  all, or took a minute and more per page.
- Skew is measured (the ``deskew`` library, on a reduced copy) and corrected from 0.5 degrees:
  Tesseract copes with about 3 degrees itself, but found nothing on pages skewed 6-9 degrees.
- Page segmentation 3 (automatic layout), which suits letters (letterhead, address, body).
- ``OMP_THREAD_LIMIT=1`` with at most one Tesseract per usable core, pages in parallel: the cores
  stay busy without oversubscribing them (without the limit a page took 18-89 s, not ~3 s).

Page images reach Tesseract through a pipe; nothing of a document is written to disk. The
confidence of a text is Tesseract's word confidence (0-100), averaged weighted by word length.
"""

from __future__ import annotations

import functools
import io
import os
import re
import shutil
import subprocess
import threading
from collections import deque
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from nlp.extract.errors import ExtractionError

if TYPE_CHECKING:
    import numpy as np
    from PIL.Image import Image

_ENV = {**os.environ, "OMP_THREAD_LIMIT": "1"}
LANGUAGE = "nld"
TARGET_DPI = 300
PAGE_SEGMENTATION = 3
PAGE_TIMEOUT_S = 120
A4_LONG_SIDE_INCHES = 11.69
# Smaller images (logos, icons in an e-mail signature) cannot hold a readable text page.
MIN_PIXELS = 120_000
# A page is never scaled beyond this (A3 at 300 dpi is ~17.5 Mpx): bounds time and memory.
MAX_PIXELS = 36_000_000
MAX_UPSCALE = 2.0


def jobs() -> int:
    """Tesseract processes at a time: one per core this process may use. A per-file worker
    process gets its share of the cores (``RODEDRAAD_CORES_PER_PROCESS``, set by
    ``application.isolation``), so that two workers OCR-ing at once never run more Tesseracts
    than there are cores."""
    if share := os.environ.get("RODEDRAAD_CORES_PER_PROCESS", "").strip():
        return max(1, int(share))
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# One bound for the whole process: pages of several documents never run more Tesseracts than
# there are cores.
_SLOTS = threading.BoundedSemaphore(jobs())


@dataclass(frozen=True, slots=True)
class OcrText:
    text: str
    confidence: float  # 0-100; 0 when no word was found
    n_chars: int  # letters and digits the confidence is weighted over


@functools.cache
def tesseract_version() -> str | None:
    """The Tesseract version when it is installed with Dutch data, else None."""
    if not shutil.which("tesseract"):
        return None
    try:
        langs = subprocess.run(
            ["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30, env=_ENV
        )
        version = subprocess.run(
            ["tesseract", "--version"], capture_output=True, text=True, timeout=30, env=_ENV
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if LANGUAGE not in (langs.stdout + langs.stderr).split():
        return None
    match = re.search(r"tesseract\s+v?([\d.]+)", version.stdout + version.stderr)
    return match.group(1) if match else "?"


def available() -> bool:
    return tesseract_version() is not None


def describe(enabled: bool) -> str:
    """One Dutch line for ``status`` and every run: is OCR there, and if not, why."""
    if not enabled:
        return 'uitgezet (ocr = "off"): scans en foto\'s gaan naar quarantaine'
    version = tesseract_version()
    if version is not None:
        return f"beschikbaar (Tesseract {version}, Nederlands)"
    missing = "tesseract-ocr-nld"
    if not shutil.which("tesseract"):
        missing = "tesseract-ocr en tesseract-ocr-nld"
    return (
        f"niet beschikbaar: installeer {missing} (bash scripts/setup.sh doet dat als root); "
        "scans en foto's gaan tot dan naar quarantaine"
    )


def prepare(image: Image, dpi_hint: float | None = None) -> tuple[Image, int]:
    """Greyscale, upright, ~300 dpi, denoised and deskewed; returns the image and its dpi."""
    import cv2
    import numpy as np
    from PIL import Image as PILImage
    from PIL import ImageOps

    image = ImageOps.exif_transpose(image)  # phone photos carry their rotation in EXIF
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        background = PILImage.new("RGBA", image.size, "white")
        image = PILImage.alpha_composite(background, image.convert("RGBA"))
    gray = image.convert("L")
    dpi = _effective_dpi(gray, dpi_hint)
    pixels = np.asarray(gray)
    # Denoise at the scan's own resolution, where noise grains are one pixel wide.
    kernel = _median_kernel(noise_sigma(pixels))
    if kernel:
        pixels = cv2.medianBlur(pixels, kernel)
    scale = TARGET_DPI / dpi if (dpi < 240 or dpi > 400) else 1.0
    # Upscaling adds no detail: beyond 2x it only made Tesseract slower on illegible pages.
    scale = min(scale, MAX_UPSCALE, (MAX_PIXELS / pixels.size) ** 0.5)
    if abs(scale - 1.0) > 0.05:
        h, w = pixels.shape
        size = (max(1, round(w * scale)), max(1, round(h * scale)))
        pixels = cv2.resize(
            pixels, size, interpolation=cv2.INTER_CUBIC if scale > 1 else cv2.INTER_AREA
        )
        dpi = dpi * scale
    angle = _skew(pixels)
    if angle is not None:
        pixels = _rotate(pixels, angle)
    return PILImage.fromarray(pixels), round(dpi)


def noise_sigma(pixels: np.ndarray) -> float:
    """Standard deviation of the image noise (grey levels), by Immerkaer's method (1996): a
    Laplacian-difference kernel that cancels smooth areas and most edges."""
    import cv2
    import numpy as np

    kernel = np.array([[1, -2, 1], [-2, 4, -2], [1, -2, 1]], dtype=np.float32)
    response = cv2.filter2D(pixels.astype(np.float32), -1, kernel)[1:-1, 1:-1]
    return float(np.abs(response).mean() * np.sqrt(0.5 * np.pi) / 6)


def _median_kernel(sigma: float) -> int:
    """No filter on a clean page, 3x3 on scanner noise, 5x5 on heavy noise (sigma >= 30),
    where a 3x3 filter left Tesseract with nothing legible."""
    if sigma < 3:
        return 0
    return 3 if sigma < 30 else 5


def _effective_dpi(image: Image, hint: float | None) -> float:
    """The file's own resolution when plausible for a page; otherwise assume the image shows an
    A4 page (a phone photo or a scan without resolution data)."""
    long_side = max(image.size)
    for dpi in (hint, _info_dpi(image)):
        if dpi and 70 <= dpi <= 1200 and long_side / dpi <= 17.5:
            return float(dpi)
    return max(70.0, long_side / A4_LONG_SIDE_INCHES)


def _info_dpi(image: Image) -> float | None:
    dpi = image.info.get("dpi")
    try:
        return float(dpi[0]) if dpi else None
    except (TypeError, ValueError, IndexError):
        return None


def _skew(pixels: np.ndarray) -> float | None:
    """Rotation (degrees, counter-clockwise) that makes the text lines level, or None when under
    0.5 degrees. Measured on a copy of at most 800 px: as exact (0.5 degree) and ~4x faster."""
    import cv2
    from deskew import determine_skew

    h, w = pixels.shape
    factor = min(1.0, 800 / max(h, w))
    small = cv2.resize(pixels, (round(w * factor), round(h * factor)), interpolation=cv2.INTER_AREA)
    angle = determine_skew(small, max_angle=20, min_deviation=0.5)
    if angle is None or not 0.5 <= abs(angle) <= 20:
        return None
    return float(angle)


def _rotate(pixels: np.ndarray, angle: float) -> np.ndarray:
    """Rotate on a canvas large enough for the whole page, new corners white."""
    import cv2

    h, w = pixels.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    new_w, new_h = int(h * sin + w * cos), int(h * cos + w * sin)
    matrix[0, 2] += new_w / 2 - w / 2
    matrix[1, 2] += new_h / 2 - h / 2
    return cv2.warpAffine(pixels, matrix, (new_w, new_h), flags=cv2.INTER_LINEAR, borderValue=255)


def ocr_page(image: Image, dpi_hint: float | None = None) -> OcrText:
    """One page image through preparation and Tesseract."""
    if image.width * image.height < MIN_PIXELS:
        return OcrText("", 0.0, 0)
    prepared, dpi = prepare(image, dpi_hint)
    buffer = io.BytesIO()
    prepared.save(buffer, "PPM")  # uncompressed greyscale (PGM): no time spent encoding
    command = [
        "tesseract", "stdin", "stdout", "-l", LANGUAGE,
        "--psm", str(PAGE_SEGMENTATION), "--dpi", str(dpi),
        # Letters have no white-on-black text: skipping the inverted retry saved ~10 % CPU
        # at the same error rate.
        "-c", "tessedit_do_invert=0",
        "tsv",
    ]  # fmt: skip
    with _SLOTS:
        try:
            out = subprocess.run(
                command,
                input=buffer.getvalue(),
                capture_output=True,
                timeout=PAGE_TIMEOUT_S,
                env=_ENV,
                check=True,
            )
        except subprocess.TimeoutExpired:
            raise ExtractionError(
                "ocr_mislukt", f"OCR van een pagina duurde langer dan {PAGE_TIMEOUT_S} s"
            ) from None
        except (OSError, subprocess.SubprocessError):
            raise ExtractionError("ocr_mislukt", "OCR van de scan is mislukt") from None
    return parse_tsv(out.stdout.decode("utf-8", "replace"))


def parse_tsv(tsv: str) -> OcrText:
    """Text (lines and paragraphs kept) and confidence from Tesseract's TSV output."""
    lines: list[str] = []
    words: list[str] = []
    key: tuple[str, ...] | None = None
    weighted = 0.0
    n_chars = 0
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        word = cols[11].strip()
        if not word:
            continue
        line_key = tuple(cols[1:5])  # page, block, paragraph, line
        if key is not None and line_key != key:
            lines.append(" ".join(words))
            if line_key[:3] != key[:3]:
                lines.append("")  # a new paragraph or block
            words = []
        key = line_key
        words.append(word)
        try:
            conf = float(cols[10])
        except ValueError:
            continue
        if conf >= 0:
            size = sum(ch.isalnum() for ch in word) or 1
            weighted += conf * size
            n_chars += size
    if words:
        lines.append(" ".join(words))
    text = _join_broken_words("\n".join(lines).strip())
    return OcrText(text, weighted / n_chars if n_chars else 0.0, n_chars)


# A line that ends in a hyphen right after a letter, continued by a lower-case letter: one word
# (or e-mail address) broken over two lines. Joined with the hyphen kept, so that an address such
# as "de-vries-\njansen@..." comes out whole and nothing is guessed away.
_BROKEN_WORD = re.compile(r"(?<=\w)-\n(?=[a-zà-ÿ])")


def _join_broken_words(text: str) -> str:
    return _BROKEN_WORD.sub("-", text)


def ocr_pages(pages: Iterable[tuple[Image, float | None]]) -> list[OcrText]:
    """Pages in parallel (one Tesseract per core), in order. ``pages`` is consumed lazily, so a
    long scan never holds more than a few rendered pages in memory."""
    n = jobs()
    results: list[OcrText] = []
    pending: deque[Future[OcrText]] = deque()
    with ThreadPoolExecutor(max_workers=n, thread_name_prefix="ocr") as pool:
        try:
            for image, dpi in pages:
                pending.append(pool.submit(ocr_page, image, dpi))
                while len(pending) >= 2 * n:
                    results.append(pending.popleft().result())
            while pending:
                results.append(pending.popleft().result())
        finally:
            for future in pending:
                future.cancel()
    return results


def combine(texts: list[OcrText]) -> OcrText:
    """Pages of one document: texts joined, confidence weighted by the letters on each page."""
    n_chars = sum(t.n_chars for t in texts)
    confidence = sum(t.confidence * t.n_chars for t in texts) / n_chars if n_chars else 0.0
    text = "\n\n".join(t.text for t in texts if t.text)
    return OcrText(text, confidence, n_chars)
