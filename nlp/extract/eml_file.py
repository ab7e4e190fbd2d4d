"""E-mail (.eml): the body, every attachment and every forwarded message, together one complaint.

A part that cannot be read makes the whole mail fail with the reason (it is quarantined): a mail
is never stored with a part missing. Left out on purpose, as they hold no complaint text: the
headers (From/To/Subject are personal data; Date becomes the received date), signatures
(.p7s), contact cards, calendar items, delivery reports, small images (logos, icons) and images
or attachments in which there is no text at all.
"""

from __future__ import annotations

from collections.abc import Callable
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from pathlib import PurePath

from nlp.extract.errors import ExtractionError, no_text
from nlp.extract.html_file import html_to_text
from nlp.extract.parts import merge
from nlp.extract.text_file import decode_text
from schemas.records import ExtractedText

AttachmentReader = Callable[[str, bytes], ExtractedText]

MAX_DEPTH = 8  # forwarded within forwarded ...
# Types that carry no complaint text.
IGNORED_EXTENSIONS = frozenset({".p7s", ".vcf", ".ics", ".p7c"})
IGNORED_TYPES = frozenset(
    {
        "application/pkcs7-signature",
        "application/x-pkcs7-signature",
        "text/vcard",
        "text/x-vcard",
        "text/calendar",
        "message/delivery-status",
        "message/disposition-notification",
    }
)
# Extension for an attachment that has no file name, by its MIME type.
EXTENSION_BY_TYPE = {
    "text/plain": ".txt",
    "text/html": ".html",
    "text/rtf": ".rtf",
    "application/rtf": ".rtf",
    "application/pdf": ".pdf",
    "application/msword": ".doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/vnd.ms-outlook": ".msg",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/tiff": ".tif",
    "image/heic": ".heic",
    "image/heif": ".heif",
}
# Codes of a part that was read and simply holds no text: nothing is missing.
NOTHING_TO_READ = frozenset({"geen_tekst", "leeg"})


def read_eml(data: bytes, read_attachment: AttachmentReader) -> ExtractedText:
    if not data.strip():
        raise ExtractionError("leeg", "leeg bestand")
    try:
        msg = BytesParser(policy=policy.default).parsebytes(data)
    except Exception:
        raise ExtractionError("beschadigd", "beschadigde e-mail") from None
    if not isinstance(msg, EmailMessage) or not (msg.keys() or msg.get_payload()):
        raise ExtractionError("beschadigd", "beschadigde e-mail")
    result = merge(_message_parts(msg, read_attachment, 0))
    if not result.text:
        raise no_text()
    if msg["Date"]:
        try:
            result.received_at = parsedate_to_datetime(str(msg["Date"]))
        except (TypeError, ValueError):
            result.received_at = None
    result.sent_at = result.received_at  # the mail's own date: the complaint's date (letter_date)
    return result


def _message_parts(
    msg: EmailMessage, read_attachment: AttachmentReader, depth: int
) -> list[ExtractedText]:
    """The body, the images shown in it, the attachments and the forwarded messages."""
    if depth > MAX_DEPTH:
        raise ExtractionError("beschadigd", "e-mail met te diep geneste doorgestuurde berichten")
    parts: list[ExtractedText] = []
    body = msg.get_body(preferencelist=("plain", "html"))
    if body is not None:
        parts.append(ExtractedText(text=_text_of(body)))
    related = msg.get_body(preferencelist=("related",))
    if related is not None and isinstance(related, EmailMessage):
        for inline in related.iter_attachments():  # images shown in the HTML body
            parts.extend(attachment_parts(inline, read_attachment, depth))
    for att in msg.iter_attachments():
        parts.extend(attachment_parts(att, read_attachment, depth))
    return parts


def _text_of(part: EmailMessage) -> str:
    try:
        content = part.get_content()
    except (LookupError, UnicodeError, AssertionError):  # unknown or wrong charset
        payload = part.get_payload(decode=True)
        content = decode_text(payload) if isinstance(payload, bytes) else ""
    if not isinstance(content, str):
        return ""
    return html_to_text(content) if part.get_content_type() == "text/html" else content


def attachment_parts(
    part: Message, read_attachment: AttachmentReader, depth: int
) -> list[ExtractedText]:
    ctype = part.get_content_type()
    if ctype in IGNORED_TYPES:
        return []
    if ctype == "message/rfc822":
        inner = part.get_payload(0) if part.is_multipart() else None
        if not isinstance(inner, EmailMessage):
            raise unreadable(".eml", "beschadigd doorgestuurd bericht")
        return _message_parts(inner, read_attachment, depth + 1)
    if part.is_multipart():  # a nested multipart: read it like a message of its own
        if not isinstance(part, EmailMessage):
            raise unreadable("", "beschadigde e-mail")
        return _message_parts(part, read_attachment, depth + 1)
    ext = PurePath(part.get_filename() or "").suffix.lower() or EXTENSION_BY_TYPE.get(ctype, "")
    if ext in IGNORED_EXTENSIONS:
        return []
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes | bytearray):
        raise unreadable(ext, "bijlage kon niet gedecodeerd worden")
    if not payload.strip():
        return []
    return read_part(ext, bytes(payload), read_attachment)


def read_part(ext: str, data: bytes, read_attachment: AttachmentReader) -> list[ExtractedText]:
    """One attachment through its reader: no text in it is fine, any other failure is not."""
    try:
        return [read_attachment(ext, data)]
    except ExtractionError as exc:
        if exc.code in NOTHING_TO_READ:
            return []
        if exc.code == "bijlage":  # from a mail inside this one: already says what failed
            raise
        raise unreadable(ext, exc.reason) from None


def unreadable(ext: str, reason: str) -> ExtractionError:
    shown = ext or "zonder bestandstype"
    return ExtractionError("bijlage", f"e-mail met onleesbare bijlage ({shown}): {reason}")
