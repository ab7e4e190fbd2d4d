"""Builders for test documents in every supported format (our own invented text)."""

from __future__ import annotations

import contextlib
import io
import os
import random
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.corpus import THEME_SENTENCES
from benchmarks.formats import docx_bytes, eml_bytes, odt_bytes, pdf_bytes

__all__ = ["docx_bytes", "eml_bytes", "odt_bytes", "pdf_bytes"]

LETTER = (
    "Geachte Kinderombudsman,\n\n"
    "Mijn naam is Gerdien Hofstede-Ramdin en ik ben de moeder van Jurre (7). "
    "De gezinsvoogd van Jeugdbescherming Oost, mevrouw P. Zwartveld, dreigde dat Jurre uit huis "
    "geplaatst zou worden als ik niet zou tekenen. Er is geen maatregel; het is vrijwillige hulp. "
    "Niemand vertelde mij dat ik mocht weigeren.\n\n"
    "Bel mij op 06-87654321 of mail gerdien.hofstede@voorbeeldpost.nl.\n\n"
    "Met vriendelijke groet,\n\nGerdien Hofstede-Ramdin\n"
)
PII = [
    "Gerdien",
    "Hofstede-Ramdin",
    "Jurre",
    "Zwartveld",
    "06-87654321",
    "gerdien.hofstede@voorbeeldpost.nl",
]


_SENTENCES = [s.format(kind="zoon") for group in THEME_SENTENCES.values() for s in group]


def variant(i: int) -> str:
    """A distinct letter per i: the same writer (and personal data) as LETTER with eight
    sentences of its own, so that two variants are different complaints, not near-duplicates of
    one letter (over 400 variants the highest similarity is 0.72; nlp/dedup links from 0.8)."""
    own = " ".join(random.Random(i).sample(_SENTENCES, 8))
    body = LETTER.replace("(7)", f"({5 + i % 10})")
    return body.replace("\n\nBel mij", f"\n\n{own}\n\nBel mij") + f"\nVolgnummer brief {i}.\n"


def scan_pdf_bytes() -> bytes:
    """A PDF with a page that has only a drawing, no text layer (like a scan)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    return bytes(pdf.output())


def zip_bomb_docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"0" * (50 * 1024 * 1024))
    return out.getvalue()


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


@contextlib.contextmanager
def database_held_elsewhere(path: Path) -> Iterator[None]:
    """Another process holds the DuckDB file open for writing while the block runs."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb,time; c = duckdb.connect({str(path)!r}); print('ok', flush=True); "
            "time.sleep(120)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        yield
    finally:
        holder.kill()
        holder.wait()


def cli_env(settings, tmp_path: Path) -> dict[str, str]:
    """The environment of a `rodedraad` subprocess for the installation in ``settings``."""
    return {
        **os.environ,
        "RODEDRAAD_CONFIG": str(tmp_path / "none.toml"),
        "RODEDRAAD_DATA_DIR": str(settings.data_dir),
        "RODEDRAAD_INBOX": str(settings.inbox),
        "RODEDRAAD_PROCESSED_DIR": str(settings.processed_dir),
        "RODEDRAAD_QUARANTINE_DIR": str(settings.quarantine_dir),
        "RODEDRAAD_DB_PATH": str(settings.db_path),
        "RODEDRAAD_PREFECT_HOME": str(settings.data_dir / "prefect"),
        "RODEDRAAD_SETTLE_SECONDS": "0",
        "RODEDRAAD_BATCH_SIZE": "2",
    }


def cli_run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """`rodedraad run` (or another command: ``args``) as a user starts it."""
    return subprocess.run(
        [sys.executable, "-m", "rodedraad.cli", *(args or ("run",))],
        env=env,
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        timeout=300,
    )


def cli_start(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    """`rodedraad run` (or ``args``) in the background, in its own process group, so a test can
    kill it and its Prefect server together, as a power cut would."""
    return subprocess.Popen(
        [sys.executable, "-m", "rodedraad.cli", *(args or ("run",))],
        env=env,
        cwd=Path(__file__).resolve().parent.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def msg_bytes(
    body: str,
    attachments: list[tuple[str, bytes]] | None = None,
    forwarded: list[tuple[str, list[tuple[str, bytes]]]] | None = None,
    *,
    html: str | None = None,
    sent: datetime | None = None,
) -> bytes:
    """An Outlook .msg written by aspose-email-foss (an MSG writer independent of the reader
    under test, extract-msg). ``forwarded``: (body, attachments) of Outlook items attached to
    this one, as Outlook forwards a message 'as attachment'."""
    message = _mapi(body, attachments or [], html)
    message.set_property(
        _msg().PropertyId.MESSAGE_DELIVERY_TIME, sent or datetime(2026, 2, 3, 9, 0, tzinfo=UTC)
    )
    for inner_body, inner_attachments in forwarded or []:
        inner = _mapi(inner_body, inner_attachments, None)
        message.add_embedded_message_attachment(inner, filename="Doorgestuurd bericht.msg")
    return message.to_bytes()


def _msg():  # type: ignore[no-untyped-def]
    from aspose.email_foss import msg

    return msg


def _mapi(body: str, attachments: list[tuple[str, bytes]], html: str | None):  # type: ignore[no-untyped-def]
    msg = _msg()
    message = msg.MapiMessage.create("Klacht", body)
    if html is not None:
        message.body_html = html
    message.set_property(msg.PropertyId.SENDER_NAME, "Afzender Voorbeeld")
    message.set_property(msg.PropertyId.SENDER_EMAIL_ADDRESS, "afzender@voorbeeldpost.nl")
    message.add_recipient("klachten@ombudsman.example", display_name="Klachten")
    for name, data in attachments:
        message.add_attachment(name, data, mime_type="application/octet-stream")
    return message


def forwarded_eml(cover: str, forwarded: bytes, *attachments: tuple[str, bytes]) -> bytes:
    """A mail whose complaint is a forwarded message (message/rfc822), as mail clients send a
    message 'as attachment'."""
    from email import policy
    from email.message import EmailMessage
    from email.parser import BytesParser

    outer = EmailMessage()
    outer["From"] = "Collega <collega@ombudsman.example>"
    outer["To"] = "klachten@ombudsman.example"
    outer["Subject"] = "Fwd: klacht"
    outer["Date"] = "Wed, 04 Feb 2026 11:00:00 +0100"
    outer.set_content(cover)
    inner = BytesParser(policy=policy.default).parsebytes(forwarded)
    outer.add_attachment(inner)  # message/rfc822
    for name, data in attachments:
        outer.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    return bytes(outer)
