"""Extraction: every supported format, and every kind of bad input gets a clear Dutch reason."""

from __future__ import annotations

import pytest

from nlp.extract import ExtractionError, extract_bytes, extract_file
from tests import factories as f


def test_txt_decodes_utf8_and_cp1252():
    text = "Ik ben gëergerd over de gezinsvoogd – echt waar."
    assert extract_bytes(text.encode("utf-8"), ".txt").text == text
    assert extract_bytes(text.encode("cp1252"), ".txt").text == text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-32-be", "utf-8-sig"])
def test_txt_unicode_with_byte_order_mark_is_read_not_binary(encoding):
    """Notepad's "Unicode" is UTF-16 with a BOM: full of NUL bytes, still text (issue 13, 8)."""
    text = "Geachte heer,\r\nDe gezinsvoogd reageert niet. Één keer per maand is te weinig."
    data = text.encode(encoding)
    if encoding in ("utf-16-be", "utf-32-be"):  # these codecs write no mark of their own
        data = "\ufeff".encode(encoding) + data
    assert extract_bytes(data, ".txt").text == text
    assert extract_bytes(("<p>" + text + "</p>").encode("utf-16"), ".html").text.startswith(
        "Geachte heer,"
    )


def test_txt_binary_behind_a_byte_order_mark_is_still_refused():
    with pytest.raises(ExtractionError) as err:
        extract_bytes(b"\xff\xfe" + bytes(range(1, 9)) * 400, ".txt")
    assert err.value.code in ("binair", "codering")


def test_legacy_word_doc_fixtures():
    from pathlib import Path

    folder = Path(__file__).parent / "fixtures" / "doc"
    for doc in sorted(folder.glob("*.doc")):
        expected = doc.with_suffix(".txt").read_text(encoding="utf-8").split()
        got = extract_bytes(doc.read_bytes(), ".doc").text.split()
        assert sorted(got) == sorted(expected), doc.name  # every word, tables and headers too


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000, "beschadigd"),
        (b"just text named .doc", "beschadigd"),
    ],
)
def test_damaged_doc(data, code):
    with pytest.raises(ExtractionError) as err:
        extract_bytes(data, ".doc")
    assert err.value.code == code


def test_docx_that_is_really_an_old_doc_is_read():
    from pathlib import Path

    doc = (Path(__file__).parent / "fixtures" / "doc" / "kort.doc").read_bytes()
    assert "gezinsvoogd" in extract_bytes(doc, ".docx").text


def test_password_protected_docx_is_refused_with_the_reason():
    import io

    from msoffcrypto.format.ooxml import OOXMLFile  # comes with extract-msg

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(f.docx_bytes(f.LETTER))).encrypt("geheim", out)
    with pytest.raises(ExtractionError) as err:
        extract_bytes(out.getvalue(), ".docx")
    assert err.value.code == "wachtwoord"


def test_doc_that_is_really_rtf_or_docx_is_read_as_such():
    rtf = rb"{\rtf1\ansi Mijn klacht over de \b voogd\b0 .\par}"
    assert "klacht over de voogd" in extract_bytes(rtf, ".doc").text
    assert "vrijwillige hulp" in extract_bytes(f.docx_bytes(f.LETTER), ".doc").text


def test_txt_latin1_is_readable():
    text = "Café en crèche, één keer."
    assert "crèche" in extract_bytes(text.encode("latin-1"), ".txt").text


@pytest.mark.parametrize(
    ("data", "ext", "code"),
    [
        (b"", ".txt", "leeg"),
        (b"   \n  ", ".txt", "leeg"),
        (bytes(range(256)) * 20, ".txt", "binair"),
        (b"%PDF-1.4 this is not really a pdf", ".pdf", "beschadigd"),
        (b"plain text, not a zip", ".docx", "beschadigd"),
        (b"PK\x03\x04 broken zip", ".odt", "beschadigd"),
        (b"hello", ".xyz", "type"),
        (b"hello", "", "type"),
        (b"not rtf at all", ".rtf", "beschadigd"),
    ],
)
def test_bad_input_has_a_reason(data, ext, code):
    with pytest.raises(ExtractionError) as err:
        extract_bytes(data, ext)
    assert err.value.code == code
    assert err.value.reason  # a Dutch sentence for staff
    assert "not" not in err.value.reason  # never echoes the content


def test_pdf_text_layer():
    out = extract_bytes(f.pdf_bytes(f.LETTER), ".pdf")
    assert "gezinsvoogd" in out.text and out.pages == 1


def test_pdf_with_password_is_refused():
    with pytest.raises(ExtractionError) as err:
        extract_bytes(f.pdf_bytes(f.LETTER, password="geheim"), ".pdf")
    assert err.value.code == "wachtwoord"


def test_scan_without_ocr_is_quarantined_with_the_agreed_reason():
    with pytest.raises(ExtractionError) as err:
        extract_bytes(f.scan_pdf_bytes(), ".pdf", ocr_enabled=False)
    assert err.value.reason == "scan zonder tekstlaag, OCR niet beschikbaar"


def test_docx_and_odt():
    assert "vrijwillige hulp" in extract_bytes(f.docx_bytes(f.LETTER), ".docx").text
    assert "vrijwillige hulp" in extract_bytes(f.odt_bytes(f.LETTER), ".odt").text


def test_docx_zip_bomb_is_refused_before_inflating():
    with pytest.raises(ExtractionError) as err:
        extract_bytes(f.zip_bomb_docx(), ".docx")
    assert err.value.code == "zipbom"


def test_eml_body_and_attachment_are_one_complaint():
    data = f.eml_bytes("Zie de bijlage voor mijn klacht.", ("klacht.docx", f.docx_bytes(f.LETTER)))
    out = extract_bytes(data, ".eml")
    assert "Zie de bijlage" in out.text and "vrijwillige hulp" in out.text
    assert out.received_at is not None and out.received_at.year == 2026
    assert "afzender@voorbeeldpost.nl" not in out.text  # headers are not part of the text


def test_eml_with_an_unreadable_attachment_is_not_read_half():
    """A mail is never a complaint with a part missing (issue 13, point 6): it fails whole, and
    is quarantined with the reason (more cases in test_mail.py)."""
    with pytest.raises(ExtractionError) as err:
        extract_bytes(f.eml_bytes("Mijn klacht staat hier.", ("foto.jpg", b"\xff\xd8")), ".eml")
    assert err.value.code == "bijlage" and ".jpg" in err.value.reason


def test_html_visible_text_only():
    html = b"<html><head><style>p{}</style></head><body><p>Klacht</p><script>x()</script></body>"
    assert extract_bytes(html, ".html").text == "Klacht"


def test_rtf():
    rtf = rb"{\rtf1\ansi Ik heb een klacht over de \b GI\b0 .\par}"
    assert "klacht over de GI" in extract_bytes(rtf, ".rtf").text


def test_file_over_size_limit(tmp_path):
    path = f.write(tmp_path / "groot.txt", "a" * 2000)
    with pytest.raises(ExtractionError) as err:
        extract_file(path, max_bytes=1000)
    assert err.value.code == "te_groot"
