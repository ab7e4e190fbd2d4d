"""What a failed run may say, in Prefect's database and to the user: a reason code and the
exception's type, never its message.

An ``OSError`` carries the path it failed on (``[Errno 36] File name too long: '…/klacht
mevrouw Jansen.docx'``) and Prefect stores the message of any exception that leaves a flow or a
task (``flow_run_state.message``, events, results). File names often hold a person's name. So
everything that leaves a flow or a task is first turned into a ``RunFailed`` with a code, and the
CLI turns the code into a Dutch message. Our own exceptions that carry no file name (the run lock,
the busy warehouse, a requested stop) pass unchanged.
"""

from __future__ import annotations

import errno
import functools
from collections.abc import Callable, Iterator
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

DISK_FULL = "schijf_vol"
DB_CORRUPT = "database_beschadigd"
DB_IS_FOLDER = "database_is_map"
DB_UNREADABLE = "database_onleesbaar"
PREFECT = "prefect"
OTHER = "fout"


class RunFailed(Exception):
    """A run failed for ``code``; ``exc_type`` names the original exception's type."""

    def __init__(self, code: str, exc_type: str) -> None:
        super().__init__(f"{code} ({exc_type})")
        self.code = code
        self.exc_type = exc_type

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (type(self), (self.code, self.exc_type))


def chain(exc: BaseException) -> Iterator[BaseException]:
    """The exception and the ones it was raised from or during, each once."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def disk_full(exc: BaseException) -> bool:
    """Whether a failure comes down to a full disk (ENOSPC), anywhere in its chain. DuckDB and
    SQLite report it as an exception with the OS message rather than an errno."""
    for e in chain(exc):
        if isinstance(e, RunFailed) and e.code == DISK_FULL:
            return True
        text = str(e)
        if (
            getattr(e, "errno", None) == errno.ENOSPC
            or "No space left on device" in text
            or "database or disk is full" in text
        ):
            return True
    return False


def classify(exc: BaseException) -> str:
    """The reason code of a failure."""
    if disk_full(exc):
        return DISK_FULL
    for e in chain(exc):
        if isinstance(e, RunFailed):
            return e.code
        code = getattr(e, "rodedraad_code", None)
        if isinstance(code, str):
            return code
    return OTHER


def _passes(exc: BaseException) -> bool:
    from application.inbox import RunLocked
    from application.stopping import RunStopped
    from warehouse.db import WarehouseBusy

    return isinstance(exc, RunFailed | RunLocked | RunStopped | WarehouseBusy)


def name_free(fn: Callable[P, R]) -> Callable[P, R]:
    """Wrap a flow or task body: any exception leaves it as a ``RunFailed`` (code and type),
    raised ``from None`` so that no chained message travels along."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except Exception as exc:
            if _passes(exc):
                raise
            failed = RunFailed(classify(exc), type(exc).__name__)
        raise failed

    return wrapper
