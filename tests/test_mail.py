"""E-mails (.eml and Outlook .msg): body, every attachment and every forwarded message make one
complaint; a part that cannot be read makes the whole mail fail with the reason (issue 13, point
6; issue 15, item 2). The .msg files are written by aspose-email-foss, not by the reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp.extract import ExtractionError, extract_bytes
from tests import factories as f

DOC = Path(__file__).parent / "fixtures" / "doc" / "brief.doc"
FORWARDED = (
    "Beste klachtenlijn, mijn zoon Sep woont al een jaar in een gezinshuis en niemand van de "
    "gecertificeerde instelling heeft ons verteld waarom de bezoeken zijn gestopt."
)


def test_eml_forwarded_message_is_part_of_the_complaint():
    inner = f.eml_bytes(FORWARDED, ("verslag.docx", f.docx_bytes(f.LETTER)))
    out = extract_bytes(f.forwarded_eml("Zie doorgestuurd bericht.", inner), ".eml")
    assert "Zie doorgestuurd bericht." in out.text
    assert "gezinshuis" in out.text  # the forwarded mail's body
    assert "vrijwillige hulp" in out.text  # and the attachment inside the forwarded mail
    assert out.received_at is not None and out.received_at.day == 4  # the outer mail's Date


def test_eml_reads_every_supported_attachment_including_legacy_word():
    data = f.eml_bytes("Drie bijlagen.", ("brief.doc", DOC.read_bytes()))
    out = extract_bytes(data, ".eml")
    assert "Wilhelmina Oosterveld-Brandsma" in out.text and "Drie bijlagen." in out.text


@pytest.mark.parametrize(
    ("name", "data", "fragment"),
    [
        ("overzicht.xlsx", b"PK\x03\x04 a spreadsheet", ".xlsx wordt niet ondersteund"),
        ("brief.docx", b"not a zip", "beschadigd Word-bestand"),
        ("klacht.pdf", f.pdf_bytes(f.LETTER, password="geheim"), "wachtwoord"),
    ],
)
def test_eml_with_an_unreadable_attachment_fails_whole(name, data, fragment):
    with pytest.raises(ExtractionError) as err:
        extract_bytes(f.eml_bytes("Mijn klacht staat in de bijlage.", (name, data)), ".eml")
    assert err.value.code == "bijlage"
    assert fragment in err.value.reason and "onleesbare bijlage" in err.value.reason
    assert name.split(".")[0] not in err.value.reason  # file names can be personal data


def test_eml_forwarded_message_with_unreadable_attachment_fails_whole():
    inner = f.eml_bytes(FORWARDED, ("tabel.xlsx", b"PK\x03\x04 sheet"))
    with pytest.raises(ExtractionError) as err:
        extract_bytes(f.forwarded_eml("Doorgestuurd.", inner), ".eml")
    assert err.value.code == "bijlage" and ".xlsx" in err.value.reason


def test_eml_scan_attachment_without_ocr_fails_whole():
    from benchmarks.scans import image_bytes, render_pages

    scan = image_bytes(render_pages("Een brief op papier.", seed=1), "png")
    with pytest.raises(ExtractionError) as err:
        extract_bytes(f.eml_bytes("Zie scan.", ("scan.png", scan)), ".eml", ocr_enabled=False)
    assert err.value.code == "bijlage" and "OCR niet beschikbaar" in err.value.reason


def test_eml_leaves_out_signatures_and_logos_but_nothing_else():
    from benchmarks.scans import image_bytes, render_pages

    logo = render_pages("Logo", seed=1)[0].resize((200, 80))
    data = f.eml_bytes("Mijn klacht gaat over de voogd.", ("smime.p7s", b"0\x82\x05signature"))
    assert extract_bytes(data, ".eml").text == "Mijn klacht gaat over de voogd."
    data = f.eml_bytes("Met logo in de handtekening.", ("image001.png", image_bytes([logo], "png")))
    out = extract_bytes(data, ".eml", ocr_enabled=False)  # no OCR needed for a logo
    assert out.text == "Met logo in de handtekening."


def test_msg_body_attachments_and_forwarded_items():
    data = f.msg_bytes(
        "Zie bijlage en het doorgestuurde bericht.",
        [("brief.docx", f.docx_bytes(f.LETTER)), ("oud.doc", DOC.read_bytes())],
        forwarded=[(FORWARDED, [("notitie.txt", b"Notitie in het doorgestuurde bericht.")])],
    )
    out = extract_bytes(data, ".msg")
    for fragment in (
        "Zie bijlage",
        "vrijwillige hulp",  # .docx attachment
        "Oosterveld-Brandsma",  # .doc attachment
        "gezinshuis",  # forwarded Outlook item's body
        "Notitie in het doorgestuurde bericht.",  # attachment of the forwarded item
    ):
        assert fragment in out.text, fragment
    assert "afzender@voorbeeldpost.nl" not in out.text  # sender and recipients left out
    assert "klachten@ombudsman.example" not in out.text
    assert out.received_at is not None and (out.received_at.year, out.received_at.month) == (
        2026,
        2,
    )


def test_msg_html_only_body():
    data = f.msg_bytes("", html="<html><body><p>Alleen een opgemaakte klacht.</p></body></html>")
    assert extract_bytes(data, ".msg").text == "Alleen een opgemaakte klacht."


def test_msg_with_unreadable_attachment_fails_whole():
    data = f.msg_bytes("Zie bijlage.", [("bijlage.xlsx", b"PK\x03\x04 sheet")])
    with pytest.raises(ExtractionError) as err:
        extract_bytes(data, ".msg")
    assert err.value.code == "bijlage" and ".xlsx" in err.value.reason
    inner_bad = f.msg_bytes("Doorgestuurd.", forwarded=[(FORWARDED, [("x.docx", b"kapot")])])
    with pytest.raises(ExtractionError) as err:
        extract_bytes(inner_bad, ".msg")
    assert err.value.code == "bijlage" and "Word" in err.value.reason


def test_eml_inside_msg_and_msg_inside_eml():
    eml = f.eml_bytes(FORWARDED)
    assert (
        "gezinshuis" in extract_bytes(f.msg_bytes("Zie bijlage.", [("fw.eml", eml)]), ".msg").text
    )
    msg = f.msg_bytes(FORWARDED)
    assert "gezinshuis" in extract_bytes(f.eml_bytes("Zie bijlage.", ("fw.msg", msg)), ".eml").text


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"not an outlook file at all", "beschadigd"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "beschadigd"),
    ],
)
def test_damaged_msg(data, code):
    with pytest.raises(ExtractionError) as err:
        extract_bytes(data, ".msg")
    assert err.value.code == code and "Outlook" in err.value.reason
