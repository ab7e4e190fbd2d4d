"""Documents in the formats staff drop into the inbox, written from plain text.

Used by the synthetic corpus (benchmarks, privacy audit) and the tests' fixtures. PDFs use fpdf2's
core font, which covers Latin-1 (Dutch needs nothing more).
"""

from __future__ import annotations

import io
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime


def pdf_bytes(text: str, *, password: str | None = None) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in text.encode("latin-1", "replace").decode("latin-1").splitlines():
        pdf.multi_cell(0, 6, line or " ", new_x="LMARGIN", new_y="NEXT")
    data = bytes(pdf.output())
    if password is None:
        return data
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    for para in text.split("\n\n"):
        document.add_paragraph(para)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def odt_bytes(text: str) -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    for para in text.split("\n\n"):
        document.text.addElement(P(text=para))
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def eml_bytes(
    body: str,
    attachment: tuple[str, bytes] | None = None,
    sent: datetime | None = None,
    sender: str = "Afzender <afzender@voorbeeldpost.nl>",
) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "klachten@ombudsman.example"
    msg["Subject"] = "Klacht"
    msg["Date"] = format_datetime(sent) if sent else "Tue, 03 Feb 2026 10:00:00 +0100"
    msg.set_content(body)
    if attachment:
        name, data = attachment
        msg.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    return bytes(msg)
