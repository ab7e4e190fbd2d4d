"""SIGTERM and SIGINT: stop the run at a safe point instead of dying mid-batch.

The default handlers kill the run where it stands (SIGTERM: no message, Prefect's server left
behind) or raise ``KeyboardInterrupt`` anywhere, even inside Prefect's engine. Instead, a signal
only records that a stop was asked for; the ingest loop, the per-file workers and the start-up
look at it at safe points: the batch in hand is rolled back (not committed, its files stay in
the inbox), a batch already committing is finished, and the run ends with a Dutch message and
exit code 128 + the signal's number (130 for Ctrl-C, 143 for SIGTERM).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_requested: int | None = None
_event = threading.Event()
SIGNALS = (signal.SIGINT, signal.SIGTERM)


def request(signum: int) -> None:
    global _requested
    if _requested is None:
        _requested = signum
    _event.set()


def requested() -> int | None:
    """The signal that asked for a stop, or None."""
    return _requested


def should_stop() -> bool:
    return _event.is_set()


def wait(seconds: float) -> bool:
    """Sleep up to ``seconds``; True as soon as a stop is asked for."""
    return _event.wait(seconds)


def reset() -> None:
    global _requested
    _requested = None
    _event.clear()


def exit_code(signum: int) -> int:
    return 128 + signum


def signal_name(signum: int) -> str:
    return signal.Signals(signum).name


_active = False


def _handler(signum: int, _frame: object) -> None:
    request(signum)


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """While the block runs, SIGINT and SIGTERM ask for a stop instead of killing the process.
    Must be entered in the main thread (only it may set signal handlers)."""
    global _active
    previous = {s: signal.getsignal(s) for s in SIGNALS}
    was_active = _active
    for s in SIGNALS:
        signal.signal(s, _handler)
    _active = True
    try:
        yield
    finally:
        _active = was_active
        for s, handler in previous.items():
            signal.signal(s, handler)


@contextmanager
def reclaim_signals() -> Iterator[None]:
    """Inside a flow run started by a command that handles signals itself: Prefect's flow
    engine installs its own SIGTERM handler, which raises ``TerminationSignal`` wherever the
    run happens to be (inside a commit, too). Put the command's handlers back while the run's
    own code runs. Elsewhere (a flow run that Prefect's runner started) nothing changes."""
    if not _active or threading.current_thread() is not threading.main_thread():
        yield
        return
    with stop_on_signals():
        yield


class RunStopped(Exception):
    """The run stopped because a signal asked for it (carries the signal number only)."""

    def __init__(self, signum: int) -> None:
        super().__init__(f"gestopt op verzoek ({signal_name(signum)})")
        self.signum = signum

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (type(self), (self.signum,))
