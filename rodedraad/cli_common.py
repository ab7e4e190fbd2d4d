"""What every ``rodedraad`` command shares: settings with a plain error, exit codes, and the
message when another process holds the inbox or the warehouse."""

from __future__ import annotations

import contextlib
import errno
import gc
import sys
import traceback
from collections.abc import Iterator
from typing import TYPE_CHECKING

import click

from rodedraad.config import Settings, load_settings

if TYPE_CHECKING:
    import duckdb

EXIT_FAILED = 1
EXIT_BUSY = 75


def settings(**flags: object) -> Settings:
    try:
        return load_settings(**flags)
    except Exception as exc:  # pydantic ValidationError: show it plainly
        raise click.ClickException(f"ongeldige configuratie: {exc}") from None


@contextlib.contextmanager
def warehouse_writer(s: Settings) -> Iterator[duckdb.DuckDBPyConnection]:
    """The warehouse opened as its single writer under the run lock (exit 75 while a run or
    another process holds either); the snapshot is republished when the block ends."""
    from flows.inbox import run_lock
    from warehouse.db import connect
    from warehouse.publish import publish

    if not s.db_path.exists():
        raise click.ClickException(
            f"database {s.db_path} bestaat nog niet; draai eerst 'rodedraad run'"
        )
    with exit_when_busy("Niet gelukt"), run_lock(s.data_dir):
        con = connect(s.db_path)
        try:
            yield con
        finally:
            con.close()
        publish(s.db_path, s.snapshot_path)


@contextlib.contextmanager
def warehouse_reader(s: Settings) -> Iterator[duckdb.DuckDBPyConnection]:
    """The live warehouse for a short read (exit 75 while another process writes it)."""
    from warehouse.db import connect

    if not s.db_path.exists():
        raise click.ClickException(
            f"database {s.db_path} bestaat nog niet; draai eerst 'rodedraad run'"
        )
    with exit_when_busy("Niet gelukt"):
        con = connect(s.db_path)
    try:
        yield con
    finally:
        con.close()


@contextlib.contextmanager
def exit_when_busy(prefix: str = "Niet gestart") -> Iterator[None]:
    """Another run holds the lock or another process the database: say so, exit 75."""
    from flows.inbox import RunLocked
    from warehouse.db import WarehouseBusy

    try:
        yield
    except (RunLocked, WarehouseBusy) as exc:
        click.echo(f"{prefix}: {exc}", err=True)
        sys.exit(EXIT_BUSY)


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """The exception and the ones it was raised from or during, each once."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def disk_full(exc: BaseException) -> bool:
    """Whether a failure comes down to a full disk (ENOSPC), anywhere in its chain. DuckDB
    reports it as an exception with the OS message rather than an errno."""
    return any(
        getattr(e, "errno", None) == errno.ENOSPC or "No space left on device" in str(e)
        for e in _chain(exc)
    )


def failure_message(exc: BaseException) -> str:
    """A run failed: what happened, in Dutch, without any content of a document."""
    if disk_full(exc):
        what = "de schijf is vol (geen ruimte voor database, archief of kopie)"
    else:
        what = type(exc).__name__
    return (
        f"Verwerking mislukt: {what}. Er is niets verloren: onverwerkte bestanden staan nog in "
        "de inbox; maak ruimte of los het op en draai opnieuw."
    )


def release_frames(exc: BaseException) -> None:
    """Drop the locals held by a failed run's traceback (its DuckDB connection among them), so
    the interpreter exits without DuckDB's binding reporting 'leaked instances'."""
    for e in _chain(exc):
        traceback.clear_frames(e.__traceback__)
    gc.collect()
