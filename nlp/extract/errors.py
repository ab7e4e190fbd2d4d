"""Extraction failures with reasons staff can act on."""

from __future__ import annotations


class ExtractionError(Exception):
    """A file that cannot become a complaint text. ``reason`` is Dutch and content-free."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(f"{code}: {reason}")
        self.code = code
        self.reason = reason


def empty() -> ExtractionError:
    return ExtractionError("leeg", "leeg bestand")


def no_text() -> ExtractionError:
    return ExtractionError("geen_tekst", "geen tekst gevonden in het bestand")


def unsupported(ext: str) -> ExtractionError:
    shown = ext.lower() if ext else "zonder extensie"
    return ExtractionError("type", f"bestandstype {shown} wordt niet ondersteund")


def too_large(max_bytes: int) -> ExtractionError:
    return ExtractionError("te_groot", f"bestand groter dan {max_bytes / 1024 / 1024:g} MB")
