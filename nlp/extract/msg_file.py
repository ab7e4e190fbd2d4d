"""Outlook messages (.msg) through extract-msg, handled like .eml: the body, every attachment and
every attached (forwarded) Outlook item, together one complaint; a part that cannot be read makes
the whole message fail with the reason. Sender, recipients and subject are left out (personal
data); the sent date becomes the received date.
"""

from __future__ import annotations

import logging
from pathlib import PurePath
from typing import Any

from nlp.extract.eml_file import (
    EXTENSION_BY_TYPE,
    IGNORED_EXTENSIONS,
    IGNORED_TYPES,
    MAX_DEPTH,
    AttachmentReader,
    read_part,
    unreadable,
)
from nlp.extract.errors import ExtractionError, no_text
from nlp.extract.html_file import html_to_text
from nlp.extract.parts import merge
from nlp.extract.text_file import decode_text
from schemas.records import ExtractedText

# extract-msg logs attachment and file names at warning and error level: names are personal
# data and must not reach logs.
logging.getLogger("extract_msg").setLevel(logging.CRITICAL)


def read_msg(data: bytes, read_attachment: AttachmentReader) -> ExtractedText:
    import extract_msg

    if not data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise ExtractionError("beschadigd", "geen geldig Outlook-bericht (.msg)")
    try:
        msg = extract_msg.openMsg(data)
    except Exception:  # extract-msg raises many types on damaged or unusual files
        raise ExtractionError("beschadigd", "beschadigd Outlook-bericht (.msg)") from None
    try:
        result = merge(_message_parts(msg, read_attachment, 0))
        received = _date(msg)
    finally:
        msg.close()
    if not result.text:
        raise no_text()
    result.received_at = received
    result.sent_at = received  # the message's own date: the complaint's date (letter_date)
    return result


def _message_parts(msg: Any, read_attachment: AttachmentReader, depth: int) -> list[ExtractedText]:
    if depth > MAX_DEPTH:
        raise ExtractionError("beschadigd", "bericht met te diep geneste doorgestuurde berichten")
    parts = [ExtractedText(text=_body(msg))]
    try:
        attachments = list(getattr(msg, "attachments", None) or [])
    except Exception:
        raise unreadable("", "bijlagen konden niet gelezen worden") from None
    for att in attachments:
        parts.extend(_attachment(att, read_attachment, depth))
    return parts


def _body(msg: Any) -> str:
    """Plain body, else the HTML body as text, else the RTF body."""
    try:
        plain = msg.body
        if isinstance(plain, str) and plain.strip():
            return plain
        html = getattr(msg, "htmlBody", None)
        if isinstance(html, bytes) and html.strip():
            return html_to_text(decode_text(html))
        rtf = getattr(msg, "rtfBody", None)
        if isinstance(rtf, bytes) and rtf.strip():
            from striprtf.striprtf import rtf_to_text

            return rtf_to_text(decode_text(rtf), errors="ignore")
    except ExtractionError:
        raise
    except Exception:
        raise ExtractionError("beschadigd", "tekst van het Outlook-bericht onleesbaar") from None
    return ""


def _attachment(att: Any, read_attachment: AttachmentReader, depth: int) -> list[ExtractedText]:
    import extract_msg

    try:
        data = att.data
        name = _filename(att)
        mimetype = (getattr(att, "mimetype", None) or "").lower()
    except Exception:
        raise unreadable("", "bijlage kon niet gelezen worden") from None
    if isinstance(data, extract_msg.MSGFile):  # an attached or forwarded Outlook item
        return _message_parts(data, read_attachment, depth + 1)
    ext = PurePath(name).suffix.lower() or EXTENSION_BY_TYPE.get(mimetype, "")
    if ext in IGNORED_EXTENSIONS or mimetype in IGNORED_TYPES:
        return []
    if not isinstance(data, bytes | bytearray):
        # A link to an online file, or an attachment type Outlook could not store.
        raise unreadable(ext, "bijlage zit niet in het bericht (koppeling of onbekend type)")
    if not bytes(data).strip():
        return []
    return read_part(ext, bytes(data), read_attachment)


def _filename(att: Any) -> str:
    for attr in ("longFilename", "shortFilename", "displayName", "name"):
        value = getattr(att, attr, None)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _date(msg: Any):  # type: ignore[no-untyped-def]
    try:
        return msg.date
    except Exception:  # an unparsable date is no reason to lose the message
        return None
