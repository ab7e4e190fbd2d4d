"""Letters as a scanner or a phone would deliver them: rendered page images, optionally with
scanner noise and a slight skew, as PNG/JPEG/TIFF files or image-only PDFs.

Used by the OCR tests and ``benchmarks/bench_ocr.py``. The font is DejaVu, which ships inside
matplotlib (a dependency already), so no system font is needed.
"""

from __future__ import annotations

import io
import random
import textwrap
from dataclasses import dataclass
from pathlib import Path

A4_INCHES = (8.27, 11.69)


@dataclass(frozen=True)
class ScanStyle:
    """How a page looks after scanning. ``noise`` is the standard deviation of grey-level noise
    (0-255 scale); ``skew`` degrees of rotation; ``specks`` dark dust spots per page."""

    dpi: int = 300
    noise: float = 0.0
    skew: float = 0.0
    specks: int = 0
    blur: float = 0.0
    paper: int = 255  # background grey level
    font: str = "DejaVuSerif.ttf"
    points: float = 11.0


CLEAN = ScanStyle()
NOISY = ScanStyle(noise=18.0, skew=1.5, specks=120, blur=0.6, paper=236)


def _font(name: str, pixels: int):  # type: ignore[no-untyped-def]
    from matplotlib import get_data_path
    from PIL import ImageFont

    return ImageFont.truetype(str(Path(get_data_path()) / "fonts" / "ttf" / name), pixels)


def _wrap(text: str, font, width_px: int) -> list[str]:  # type: ignore[no-untyped-def]
    """Word-wrap to the page width, keeping blank lines between paragraphs."""
    avg = max(1.0, font.getlength("abcdefghijklmnopqrstuvwxyz") / 26)
    chars = max(20, int(width_px / avg))
    lines: list[str] = []
    for para in text.split("\n"):
        if not para.strip():
            lines.append("")
            continue
        wrapped = textwrap.wrap(para, chars)
        # textwrap counts characters; narrow it until every line fits in pixels.
        while any(font.getlength(w) > width_px for w in wrapped):
            chars -= 2
            wrapped = textwrap.wrap(para, chars)
        lines.extend(wrapped)
    return lines


def render_pages(text: str, style: ScanStyle = CLEAN, seed: int = 0) -> list:  # type: ignore[type-arg]
    """The text as A4 page images (greyscale PIL images, ``style.dpi`` set on each)."""
    from PIL import Image, ImageDraw

    dpi = style.dpi
    w, h = int(A4_INCHES[0] * dpi), int(A4_INCHES[1] * dpi)
    margin = int(dpi * 2.5 / 2.54)
    font = _font(style.font, round(style.points / 72 * dpi))
    line_h = round(style.points / 72 * dpi * 1.45)
    lines = _wrap(text, font, w - 2 * margin)
    per_page = max(1, (h - 2 * margin) // line_h)
    rng = random.Random(seed)
    pages = []
    for start in range(0, max(1, len(lines)), per_page):
        page = Image.new("L", (w, h), 255)
        draw = ImageDraw.Draw(page)
        for i, line in enumerate(lines[start : start + per_page]):
            draw.text((margin, margin + i * line_h), line, fill=20, font=font)
        pages.append(_degrade(page, style, rng))
    return pages


def _degrade(page, style: ScanStyle, rng: random.Random):  # type: ignore[no-untyped-def]
    import numpy as np
    from PIL import Image, ImageFilter

    if style.skew:
        page = page.rotate(
            style.skew, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255
        )
    if style.blur:
        page = page.filter(ImageFilter.GaussianBlur(style.blur * style.dpi / 300))
    if not (style.noise or style.specks or style.paper != 255):
        page.info["dpi"] = (style.dpi, style.dpi)
        return page
    arr = np.asarray(page, dtype=np.float32)
    # Paper tone: white becomes `paper`, ink stays dark.
    arr = arr * (style.paper / 255.0)
    gen = np.random.default_rng(rng.randrange(2**32))
    if style.noise:
        arr = arr + gen.normal(0.0, style.noise, arr.shape)
    for _ in range(style.specks):
        y, x = gen.integers(0, arr.shape[0]), gen.integers(0, arr.shape[1])
        r = int(gen.integers(1, max(2, style.dpi // 100)))
        arr[max(0, y - r) : y + r, max(0, x - r) : x + r] = gen.uniform(0, 90)
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")
    out.info["dpi"] = (style.dpi, style.dpi)
    return out


def image_bytes(pages: list, fmt: str) -> bytes:  # type: ignore[type-arg]
    """Pages as one file: PDF (image-only, one image per page), TIFF (multi-page), or the first
    page as PNG/JPEG/HEIC."""
    out = io.BytesIO()
    dpi = pages[0].info.get("dpi", (300, 300))
    fmt = fmt.lower().lstrip(".")
    if fmt == "pdf":
        pages[0].save(out, "PDF", resolution=float(dpi[0]), save_all=True, append_images=pages[1:])
    elif fmt in ("tif", "tiff"):
        pages[0].save(
            out, "TIFF", dpi=dpi, compression="tiff_deflate", save_all=True,
            append_images=pages[1:],
        )  # fmt: skip
    elif fmt in ("jpg", "jpeg"):
        pages[0].save(out, "JPEG", dpi=dpi, quality=85)
    elif fmt == "png":
        pages[0].save(out, "PNG", dpi=dpi)
    else:
        raise ValueError(f"unknown image format {fmt}")
    return out.getvalue()
