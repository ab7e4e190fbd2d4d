"""Office files are zip archives: check them before a parser inflates anything.

A zip bomb (tiny file, gigabytes inflated) would exhaust memory in python-docx or odfpy.
"""

from __future__ import annotations

import io
import zipfile

from nlp.extract.errors import ExtractionError

MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 200
MAX_MEMBERS = 5000


def open_checked_zip(data: bytes, kind: str) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        raise ExtractionError(
            "beschadigd", f"beschadigd {kind}-bestand (geen geldig archief)"
        ) from None
    total = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if len(infos) > MAX_MEMBERS or total > MAX_UNCOMPRESSED or total / packed > MAX_RATIO:
        raise ExtractionError("zipbom", f"verdacht {kind}-bestand: pakt uit tot een extreme omvang")
    if any(i.flag_bits & 0x1 for i in infos):
        raise ExtractionError("wachtwoord", f"{kind}-bestand is met een wachtwoord beveiligd")
    return archive
