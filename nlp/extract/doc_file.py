"""Word 97-2003 (.doc) through Debian's ``catdoc``.

Chosen by measurement (``benchmarks/bench_doc.py``, figures in benchmarks/RESULTS.md): catdoc read
every fixture with all words, tables, headers and footers, in milliseconds; antiword refuses
short documents ("text stream too small"); LibreOffice is ~200 MB, takes seconds per file and
drops headers and footers in its text export.

Files named .doc that are something else are common (Word saved RTF, HTML or a renamed .docx):
those go to the reader for what they really are. Only a real Word binary (an OLE container with
a WordDocument stream) reaches catdoc, through a pipe: nothing is written to disk.
"""

from __future__ import annotations

import functools
import io
import shutil
import struct
import subprocess
from collections.abc import Callable

from nlp.extract.errors import ExtractionError, no_text
from schemas.records import ExtractedText

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
TIMEOUT_S = 60
_F_ENCRYPTED = 0x0100  # FIB flag: the document is password-protected


@functools.cache
def available() -> bool:
    return shutil.which("catdoc") is not None


def read_doc(data: bytes, *, other: Callable[[str, bytes], ExtractedText]) -> ExtractedText:
    """``other(ext, data)`` reads the formats a .doc file may really be."""
    head = data.lstrip()[:8]
    if head.startswith(b"{\\rtf"):
        return other(".rtf", data)
    if head.startswith(b"PK\x03\x04"):
        return other(".docx", data)
    if head[:1] == b"<":
        return other(".html", data)
    if not data.startswith(OLE_MAGIC):
        raise ExtractionError("beschadigd", "geen geldig Word-bestand (.doc)")
    _check_word_binary(data)
    if not available():
        raise ExtractionError("doc", "oud Word-formaat (.doc), catdoc niet geïnstalleerd")
    try:
        out = subprocess.run(
            ["catdoc", "-d", "utf-8", "-w"],
            input=data,
            capture_output=True,
            timeout=TIMEOUT_S,
            check=True,
        )
    except subprocess.TimeoutExpired:
        raise ExtractionError("beschadigd", "Word-bestand (.doc) kon niet gelezen worden") from None
    except (OSError, subprocess.SubprocessError):
        raise ExtractionError("beschadigd", "beschadigd Word-bestand (.doc)") from None
    text = out.stdout.decode("utf-8", "replace").strip()
    if not text:
        raise no_text()
    return ExtractedText(text=text)


def _check_word_binary(data: bytes) -> None:
    """A Word document (not an Excel sheet or another OLE file), not password-protected."""
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if ole.exists("EncryptedPackage"):  # a password-protected .docx
                raise ExtractionError("wachtwoord", "Word-bestand is met een wachtwoord beveiligd")
            if not ole.exists("WordDocument"):
                raise ExtractionError("beschadigd", "geen Word-document (ander Office-bestand)")
            fib = ole.openstream("WordDocument").read(12)
    except ExtractionError:
        raise
    except Exception:  # olefile raises OSError and assorted parser errors on damaged files
        raise ExtractionError("beschadigd", "beschadigd Word-bestand (.doc)") from None
    if len(fib) < 12:
        raise ExtractionError("beschadigd", "beschadigd Word-bestand (.doc)")
    (flags,) = struct.unpack_from("<H", fib, 10)
    if flags & _F_ENCRYPTED:
        raise ExtractionError("wachtwoord", "Word-bestand is met een wachtwoord beveiligd")
