"""OCR for scanned PDFs with Debian's poppler (pdftoppm) and Tesseract with Dutch data.

Runs in a private temporary folder that is removed afterwards; page images never persist.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from nlp.extract.errors import ExtractionError

_ENV = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # without it Tesseract pages take 10x longer


@functools.cache
def available() -> bool:
    if not (shutil.which("tesseract") and shutil.which("pdftoppm")):
        return False
    try:
        out = subprocess.run(
            ["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30, env=_ENV
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return "nld" in (out.stdout + out.stderr).split()


def ocr_pdf(data: bytes, *, dpi: int = 200, timeout: int = 600) -> str:
    with tempfile.TemporaryDirectory(prefix="rodedraad-ocr-") as tmp:
        folder = Path(tmp)
        os.chmod(folder, 0o700)
        pdf = folder / "scan.pdf"
        pdf.write_bytes(data)
        try:
            subprocess.run(
                ["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(folder / "p")],
                check=True,
                capture_output=True,
                timeout=timeout,
                env=_ENV,
            )
            texts = []
            for image in sorted(folder.glob("p*.png")):
                out = subprocess.run(
                    ["tesseract", str(image), "stdout", "-l", "nld"],
                    check=True,
                    capture_output=True,
                    text=True,
                    timeout=timeout,
                    env=_ENV,
                )
                texts.append(out.stdout.strip())
        except (OSError, subprocess.SubprocessError):
            raise ExtractionError("ocr_mislukt", "OCR van de scan is mislukt") from None
    return "\n\n".join(texts)
