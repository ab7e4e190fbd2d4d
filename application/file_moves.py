"""After a batch's commit: move each file to processed/ or quarantine/, one at a time.

The batch's outcome is already recorded when the files move, so a move that fails (a full disk
on processed/, a folder without write access, a name the target file system refuses) must not
fail the run: the file stays in the inbox, the run reports how many stayed and why, and the next
run, finding the outcome recorded, only moves it (``flows.ingest`` triage). The reason is a code
from the error number, never the error's message (which holds the path).
"""

from __future__ import annotations

import errno
import logging
from collections import Counter
from collections.abc import Callable

log = logging.getLogger(__name__)

REASONS = {
    "schijf_vol": "de schijf is vol",
    "naam_te_lang": "de naam is te lang voor de doelmap",
    "geen_toegang": "geen schrijfrechten op de doelmap",
    "ander_bestandssysteem": "speciaal bestand kan niet naar een ander bestandssysteem",
    "fout": "onverwachte fout",
}
_BY_ERRNO = {
    errno.ENOSPC: "schijf_vol",
    errno.EDQUOT: "schijf_vol",
    errno.ENAMETOOLONG: "naam_te_lang",
    errno.EACCES: "geen_toegang",
    errno.EPERM: "geen_toegang",
    errno.EROFS: "geen_toegang",
    errno.EXDEV: "ander_bestandssysteem",
}


def problem_code(exc: OSError) -> str:
    return _BY_ERRNO.get(exc.errno or 0, "fout")


class Moves:
    """Runs the moves of a run and counts the ones that failed, by reason code."""

    def __init__(self) -> None:
        self.failed: Counter[str] = Counter()

    def attempt(self, file_ref: str, move: Callable[[], None]) -> bool:
        try:
            move()
        except OSError as exc:
            code = problem_code(exc)
            self.failed[code] += 1
            log.warning("bestand %s niet verplaatst: %s (%s)", file_ref, code, type(exc).__name__)
            return False
        return True


def describe(failed: dict[str, int]) -> str:
    """'3 (de schijf is vol), 1 (geen schrijfrechten op de doelmap)'."""
    return ", ".join(f"{n} ({REASONS.get(code, code)})" for code, n in sorted(failed.items()))
