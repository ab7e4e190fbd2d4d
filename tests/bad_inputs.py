"""The bad-input zoo: every kind of file issue 13 found poisoning a run, plus good letters whose
names are hard (very long, not UTF-8, starting with two dots). ``write_zoo`` drops them all into
one inbox and says what must become of each: ``verwerkt`` or the quarantine reason code.

A person's name (``PLANTED``) is in several file names, so a test can look for it in everything
Prefect stores after the run.
"""

from __future__ import annotations

import io
import os
import socket
import stat
import zipfile
from pathlib import Path

from tests import factories as f

PLANTED = "Wilhelmina Oosterbroek"

# Settings the zoo expects (environment of the `rodedraad run` under test).
ZOO_ENV = {
    "RODEDRAAD_MAX_PAGES": "5",
    "RODEDRAAD_MAX_TEXT_CHARS": "200000",
    "RODEDRAAD_FILE_TIMEOUT_SECONDS": "20",
}


def _pdf_pages(n: int) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for i in range(n):
        pdf.add_page()
        pdf.multi_cell(0, 8, f"Pagina {i + 1}. " + f.variant(i).replace("–", "-"))
    return bytes(pdf.output())


def inflating_docx(xml_mb: int = 30) -> bytes:
    """document.xml inflates to ``xml_mb`` MB at a ratio of about 100 (under the ratio check)."""
    block = os.urandom(600).hex().encode() + b" " * 98_800
    body = block * (xml_mb * 1024 * 1024 // len(block))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<w:document>" + body + b"</w:document>")
    return out.getvalue()


def write_zoo(inbox: Path, first: int = 100) -> dict[bytes, str]:
    """Writes the zoo; returns file name (bytes, as on disk) -> expected outcome."""
    inbox.mkdir(parents=True, exist_ok=True)
    expect: dict[bytes, str] = {}

    def put(name: str | bytes, data: bytes | str, outcome: str) -> None:
        raw = name if isinstance(name, bytes) else os.fsencode(name)
        path = Path(os.fsdecode(os.fsencode(inbox) + b"/" + raw))
        f.write(path, data)
        expect[raw] = outcome

    # Good letters, some with hard names.
    put("brief.txt", f.variant(first), "verwerkt")
    put("klacht.pdf", f.pdf_bytes(f.variant(first + 1)), "verwerkt")
    put("klacht.docx", f.docx_bytes(f.variant(first + 2)), "verwerkt")
    put("..brief van de moeder.txt", f.variant(first + 3), "verwerkt")
    long_name = f"klacht {PLANTED} " + "over de gezinsvoogd " * 11 + ".txt"
    assert 200 < len(long_name.encode()) < 255
    put(long_name, f.variant(first + 4), "verwerkt")
    put(f"brief {PLANTED} ".encode() + b"\xe9\xff.txt", f.variant(first + 5), "verwerkt")
    # Bad ones, each with the reason code it must be quarantined with.
    put(f"dossier {PLANTED}.txt", "woord " * 50_000, "te_lang")  # 300,000 characters
    put("zes paginas.pdf", _pdf_pages(6), "te_veel_paginas")
    put(f"opgeblazen {PLANTED}.docx", inflating_docx(), "zipbom")
    put(b"binair-\xe9.txt", bytes(range(256)) * 10, "binair")
    put("leeg.pdf", b"", "leeg")
    os.mkfifo(inbox / f"pijp {PLANTED}.txt")
    expect[os.fsencode(f"pijp {PLANTED}.txt")] = "speciaal"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(str(inbox / "sok.eml"))
    sock.close()  # the socket file stays
    expect[b"sok.eml"] = "speciaal"
    try:
        os.mknod(inbox / "nul.txt", 0o600 | stat.S_IFCHR, os.makedev(1, 5))  # like /dev/zero
        expect[b"nul.txt"] = "speciaal"
    except PermissionError:
        pass  # not root: no device node
    return expect
