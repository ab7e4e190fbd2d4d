"""Progress of long work, for whoever shows it: the CLI draws a bar on a terminal and nothing
otherwise. A listener gets counts only (never names or text). Set in this process; batches run
elsewhere (Dask) are counted when the flow commits them here."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

Listener = Callable[[int, int], None]  # (done, total)

_listener: Listener | None = None


@contextmanager
def listening(listener: Listener | None) -> Iterator[None]:
    """Send this process's progress counts to ``listener`` while the block runs."""
    global _listener
    before, _listener = _listener, listener
    try:
        yield
    finally:
        _listener = before


def report(done: int, total: int) -> None:
    """Tell the listener, if any, how far the work is."""
    if _listener is not None:
        _listener(done, total)
