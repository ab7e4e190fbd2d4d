"""A Dutch progress bar on the terminal (tqdm), or nothing when the output is not a terminal
(a log file, a scheduler, a test): counts only, on stderr."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from application.progress import Listener


@contextmanager
def bar(what: str, unit: str) -> Iterator[Listener | None]:
    """A listener that draws ``what`` (for example "Verwerken") in ``unit``s."""
    if not sys.stderr.isatty():
        yield None
        return
    from tqdm import tqdm

    shown = tqdm(desc=what, unit=f" {unit}", total=0, leave=False, file=sys.stderr)

    def update(done: int, total: int) -> None:
        if shown.total != total:
            shown.total = total
        shown.n = done
        shown.refresh()

    try:
        yield update
    finally:
        shown.close()
