"""A Dutch progress bar on the terminal (tqdm), or nothing when the output is not a terminal
(a log file, a scheduler, a test): counts only, on stderr."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from application.progress import Listener

_TICK = 1.0  # seconds between redraws, so the elapsed time moves during one long step


def on_terminal() -> bool:
    """Whether a bar is drawn: only when stderr, where it goes, is a terminal."""
    return sys.stderr.isatty()


@contextmanager
def bar(what: str, unit: str) -> Iterator[Listener | None]:
    """A listener that draws ``what`` (for example "Verwerken") in ``unit``s."""
    if not on_terminal():
        yield None
        return
    from tqdm import tqdm

    shown = tqdm(desc=what, unit=f" {unit}", total=0, leave=False, file=sys.stderr)
    lock = threading.Lock()

    def update(done: int, total: int) -> None:
        with lock:
            if shown.total != total:
                shown.total = total
            shown.n = done
            shown.refresh()

    def tick() -> None:  # a step of topics or train can take minutes: show that time passes
        while not stop.wait(_TICK):
            with lock:
                shown.refresh()

    stop = threading.Event()
    ticker = threading.Thread(target=tick, name="voortgang", daemon=True)
    ticker.start()
    try:
        yield update
    finally:
        stop.set()
        ticker.join()
        shown.close()
