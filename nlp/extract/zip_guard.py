"""Office files are zip archives: check them before a parser inflates anything.

A zip bomb (tiny file, gigabytes inflated) would exhaust memory in python-docx or odfpy. The
ratio alone is not enough: a 1.9 MB document that inflates a hundredfold to 190 MB passes any
sensible ratio and still costs gigabytes once its XML is parsed. So every member's declared size
is checked too, with a lower limit for XML parts (which the readers parse into a tree). The
declared sizes can be trusted as an upper bound: ``zipfile`` never inflates more than a member
declares (it stops there and reports a CRC error).
"""

from __future__ import annotations

import io
import zipfile

from nlp.extract.errors import ExtractionError

MAX_UNCOMPRESSED = 200 * 1024 * 1024  # all members together
MAX_MEMBER = 64 * 1024 * 1024  # any one member (images, embedded files)
MAX_XML_MEMBER = 24 * 1024 * 1024  # one XML part: parsed into a tree, many times its size
MAX_RATIO = 200
MAX_MEMBERS = 5000


def _is_xml(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels"))


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
    for info in infos:
        limit = MAX_XML_MEMBER if _is_xml(info.filename) else MAX_MEMBER
        if info.file_size > limit:
            raise ExtractionError(
                "zipbom",
                f"verdacht {kind}-bestand: een onderdeel pakt uit tot meer dan "
                f"{limit // (1024 * 1024)} MB",
            )
    if any(i.flag_bits & 0x1 for i in infos):
        raise ExtractionError("wachtwoord", f"{kind}-bestand is met een wachtwoord beveiligd")
    return archive
