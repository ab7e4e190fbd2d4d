"""E-mail (.eml): the body plus attachments of supported types, together one complaint.

Headers (From/To/Subject) are left out on purpose: they are personal data and add nothing to
the themes. The Date header becomes the received date.
"""

from __future__ import annotations

from collections.abc import Callable
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from pathlib import PurePath

from nlp.extract.errors import ExtractionError, no_text
from nlp.extract.html_file import html_to_text
from schemas.records import ExtractedText

AttachmentReader = Callable[[str, bytes], ExtractedText]


def read_eml(data: bytes, read_attachment: AttachmentReader) -> ExtractedText:
    if not data.strip():
        raise ExtractionError("leeg", "leeg bestand")
    try:
        msg = BytesParser(policy=policy.default).parsebytes(data)
    except Exception:
        raise ExtractionError("beschadigd", "beschadigde e-mail") from None
    if not isinstance(msg, EmailMessage) or not (msg.keys() or msg.get_payload()):
        raise ExtractionError("beschadigd", "beschadigde e-mail")
    parts: list[str] = []
    body = msg.get_body(preferencelist=("plain", "html"))
    if body is not None:
        content = body.get_content()
        parts.append(html_to_text(content) if body.get_content_type() == "text/html" else content)
    pages = 0
    for att in msg.iter_attachments():
        name = att.get_filename() or ""
        ext = PurePath(name).suffix.lower()
        payload = att.get_payload(decode=True)
        if not ext or not isinstance(payload, bytes | bytearray):
            continue
        try:
            extracted = read_attachment(ext, bytes(payload))
        except ExtractionError:
            continue  # an unreadable or unsupported attachment does not sink the mail body
        parts.append(extracted.text)
        pages += extracted.pages or 0
    text = "\n\n".join(p.strip() for p in parts if p and p.strip())
    if not text:
        raise no_text()
    received = None
    if msg["Date"]:
        try:
            received = parsedate_to_datetime(str(msg["Date"]))
        except (TypeError, ValueError):
            received = None
    return ExtractedText(text=text, pages=pages or None, received_at=received, sent_at=received)
