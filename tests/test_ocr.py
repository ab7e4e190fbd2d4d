"""OCR on letters we render ourselves (benchmarks/scans.py: our own text with Faker's personal
data) at scanner resolution, clean and with noise and skew: character error rate, confidence,
and that the anonymiser removes every planted identifier from the OCR'd text (issue 15).

Needs Tesseract with Dutch data: skipped with the reason when it is missing, except in CI
(CI=true), where set-up installs it and a skip would hide that OCR is untested.
"""

from __future__ import annotations

import io
import os
import re
import struct
import zlib
from pathlib import Path

import pytest
from rapidfuzz.distance import Levenshtein

from application.processing import OCR_FLAG, review_flags
from benchmarks.corpus import letters
from benchmarks.scans import CLEAN, NOISY, ScanStyle, image_bytes, render_pages
from nlp.extract import ExtractionError, extract_bytes, ocr
from schemas.settings import Settings
from tests import factories as f
from tests.test_privacy_audit import _found, _needles

FIXTURES = Path(__file__).parent / "fixtures" / "images"
# Noisier than NOISY, at a lower resolution and skewed more: still a scan staff would send.
ROUGH = ScanStyle(dpi=200, noise=30, skew=3, specks=300, blur=0.9, paper=225)
# Barely legible: Tesseract reads something, and says it is unsure.
POOR = ScanStyle(dpi=150, noise=40, skew=1, specks=100, blur=1.8, paper=210)
MIN_CONFIDENCE = Settings.model_fields["ocr_min_confidence"].default


@pytest.fixture(scope="module", autouse=True)
def tesseract() -> None:
    if not ocr.available():
        message = f"OCR {ocr.describe(True)}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def cer(reference: str, hypothesis: str) -> float:
    ref, hyp = " ".join(reference.split()), " ".join(hypothesis.split())
    return Levenshtein.distance(ref, hyp) / len(ref)


CORPUS = letters(4, seed=23)


@pytest.fixture(scope="module")
def clean_scans() -> list[tuple[str, object]]:
    """Two letters at 300 dpi without noise: one PNG, one image-only PDF."""
    out = []
    for letter, fmt in zip(CORPUS[:2], ("png", "pdf"), strict=True):
        data = image_bytes(render_pages(letter.text, CLEAN), fmt)
        out.append((letter.text, extract_bytes(data, f".{fmt}")))
    return out


@pytest.fixture(scope="module")
def noisy_scans() -> list[tuple[str, object]]:
    """Noise, dust and skew: a JPEG (1.5 degrees, 300 dpi), a two-page TIFF whose pages are two
    letters (1.5 degrees) and an image-only PDF at 200 dpi (3 degrees, heavy noise)."""
    out = []
    jpeg = image_bytes(render_pages(CORPUS[2].text, NOISY, seed=1), "jpg")
    out.append((CORPUS[2].text, extract_bytes(jpeg, ".jpg")))
    pages = [render_pages(letter.text, NOISY, seed=i)[0] for i, letter in enumerate(CORPUS[:2])]
    tiff = extract_bytes(image_bytes(pages, "tiff"), ".tiff")
    assert tiff.pages == 2
    out.append((CORPUS[0].text + "\n\n" + CORPUS[1].text, tiff))
    pdf = image_bytes(render_pages(CORPUS[3].text, ROUGH, seed=2), "pdf")
    out.append((CORPUS[3].text, extract_bytes(pdf, ".pdf")))
    return out


def test_clean_300_dpi_scans_read_with_cer_at_most_3_percent(clean_scans):
    for reference, out in clean_scans:
        assert out.ocr and out.pages == 1
        assert cer(reference, out.text) <= 0.03
        assert out.ocr_confidence >= MIN_CONFIDENCE  # a clean scan is not sent for review
        assert review_flags(out, MIN_CONFIDENCE) == []


def test_noisy_skewed_scans_read_with_cer_at_most_8_percent(noisy_scans):
    for reference, out in noisy_scans:
        assert out.ocr
        assert cer(reference, out.text) <= 0.08


def test_anonymised_ocr_text_holds_no_planted_identifier(clean_scans, noisy_scans, anonymiser):
    needles = _needles(CORPUS)
    digits = {
        re.sub(r"\D", "", v)
        for letter in CORPUS
        for k in ("TELEFOON", "IBAN")
        for v in letter.pii[k]
    }
    scans = clean_scans + noisy_scans
    texts = [out.text for _, out in scans]
    # The planted values came through OCR (else the check below would prove nothing).
    planted = [(n, out.text) for ref, out in scans for n in needles if _found(ref, n)]
    assert sum(_found(text, n) for n, text in planted) >= 0.9 * len(planted)
    for text in texts:
        anon = anonymiser.anonymise(text).text
        assert not [n for n in needles if _found(anon, n)]
        flat = re.sub(r"[\s.-]", "", anon)
        for number in digits:  # no 6-digit stretch of a phone number or IBAN survives
            assert not any(number[i : i + 6] in flat for i in range(len(number) - 5))


def test_barely_legible_scan_is_sent_for_review():
    letter = CORPUS[1]
    out = extract_bytes(image_bytes(render_pages(letter.text, POOR, seed=4), "jpg"), ".jpg")
    assert out.ocr and out.ocr_confidence < MIN_CONFIDENCE
    assert review_flags(out, MIN_CONFIDENCE) == [OCR_FLAG]


def test_pdf_with_text_pages_and_a_scanned_page():
    from pypdf import PdfReader, PdfWriter

    typed = f.pdf_bytes(f.LETTER)
    scanned = image_bytes(render_pages(CORPUS[0].text, CLEAN), "pdf")
    writer = PdfWriter()
    for data in (typed, scanned):
        for page in PdfReader(io.BytesIO(data)).pages:
            writer.add_page(page)
    buffer = io.BytesIO()
    writer.write(buffer)
    out = extract_bytes(buffer.getvalue(), ".pdf")
    assert out.pages == 2 and out.ocr
    assert "vrijwillige hulp" in out.text  # the text layer of page 1
    assert CORPUS[0].pii["EMAIL"][0] in out.text  # the scanned page 2
    with pytest.raises(ExtractionError) as err:
        extract_bytes(buffer.getvalue(), ".pdf", ocr_enabled=False)
    assert err.value.code == "ocr" and "gescande pagina" in err.value.reason


def test_heic_phone_photo():
    out = extract_bytes((FIXTURES / "brief.heic").read_bytes(), ".heic")
    expected = (FIXTURES / "brief.txt").read_text(encoding="utf-8")
    assert out.ocr and cer(expected, out.text) <= 0.03


def test_image_needs_ocr_or_says_why():
    data = image_bytes(render_pages("Een brief.", CLEAN), "png")
    with pytest.raises(ExtractionError) as err:
        extract_bytes(data, ".png", ocr_enabled=False)
    assert err.value.code == "ocr" and "OCR niet beschikbaar" in err.value.reason


def test_blank_scan_and_tiny_image_have_no_text():
    from PIL import Image

    blank = Image.new("L", (2480, 3508), 255)
    with pytest.raises(ExtractionError) as err:
        extract_bytes(image_bytes([blank], "pdf"), ".pdf")
    assert err.value.code == "geen_tekst"
    with pytest.raises(ExtractionError) as err:
        extract_bytes(image_bytes([blank.resize((200, 80))], "png"), ".png")
    assert err.value.code == "geen_tekst"


def test_image_claiming_a_giant_size_is_refused_before_decoding():
    """A PNG header announcing 60,000 x 60,000 pixels (3.6 billion) in a file of a few bytes."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 60_000, 60_000, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"\x00" * 100))
        + chunk(b"IEND", b"")
    )
    with pytest.raises(ExtractionError) as err:
        extract_bytes(png, ".png")
    assert err.value.code == "te_groot"


def test_damaged_image():
    with pytest.raises(ExtractionError) as err:
        extract_bytes(b"\xff\xd8\xff\xe0 not really a jpeg", ".jpg")
    assert err.value.code == "beschadigd"


def test_tesseract_tsv_becomes_lines_paragraphs_and_a_weighted_confidence():
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tl\tt\tw\th\tconf\ttext"
    rows = [
        "5\t1\t1\t1\t1\t1\t0\t0\t1\t1\t90\tGeachte",
        "5\t1\t1\t1\t1\t2\t0\t0\t1\t1\t60\theer,",
        "5\t1\t1\t1\t2\t1\t0\t0\t1\t1\t95\tregel",
        "5\t1\t2\t1\t1\t1\t0\t0\t1\t1\t-1\t ",
        "5\t1\t2\t1\t1\t2\t0\t0\t1\t1\t80\tAlinea",
    ]
    out = ocr.parse_tsv("\n".join([header, *rows]))
    assert out.text == "Geachte heer,\nregel\n\nAlinea"
    # Weighted by letters and digits: 7 x 90 + 4 x 60 + 5 x 95 + 6 x 80 over 22.
    assert out.confidence == pytest.approx((630 + 240 + 475 + 480) / 22)


def test_describe_says_whether_ocr_is_available():
    assert ocr.describe(True).startswith("beschikbaar (Tesseract")
    assert "uitgezet" in ocr.describe(False)
