"""What every ``rodedraad`` command shares: settings with a plain error, exit codes, and the
message when another process holds the inbox or the warehouse."""

from __future__ import annotations

import contextlib
import gc
import shutil
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from application.run_errors import (
    DB_CORRUPT,
    DB_IS_FOLDER,
    DB_UNREADABLE,
    DISK_FULL,
    RunFailed,
    chain,
    classify,
)
from schemas.settings import Settings, load_settings

if TYPE_CHECKING:
    import duckdb

    from application.label_queue import Intake

EXIT_FAILED = 1
EXIT_BUSY = 75


def settings(**flags: object) -> Settings:
    try:
        return load_settings(**flags)
    except Exception as exc:  # pydantic ValidationError: show it plainly
        raise click.ClickException(f"ongeldige configuratie: {exc}") from None


@contextlib.contextmanager
def warehouse_writer(s: Settings, republish: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
    """The warehouse opened as its single writer under the run lock (exit 75 while a run or
    another process holds either); the snapshot is republished when the block ends (unless the
    caller publishes itself right after)."""
    from application.inbox import run_lock
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
        if republish:
            publish(s.db_path, s.snapshot_path)


def take_label_queue(s: Settings, con: duckdb.DuckDBPyConnection) -> Intake:
    """Labels saved in the dashboard's Labelen page, taken into the warehouse (``con``, its
    single writer) by ``run``, ``train`` and ``label import`` (``serve`` in its polls:
    ``application.label_queue.take_pending``); one Dutch line when there were any."""
    from application.label_queue import intake_lines, take_in

    intake = take_in(con, s.data_dir)
    out, err = intake_lines(intake, s.data_dir)
    for line in out:
        click.echo(line)
    for line in err:
        click.echo(line, err=True)
    return intake


def take_label_queue_now(s: Settings) -> None:
    """``take_label_queue`` before a run, when there is a queue and a warehouse to store it in
    (the run publishes the snapshot itself)."""
    from application.label_queue import queue_path

    if queue_path(s.data_dir).is_file() and s.db_path.is_file():
        with warehouse_writer(s, republish=False) as con:
            take_label_queue(s, con)


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
    from application.inbox import RunLocked
    from warehouse.db import WarehouseBusy

    try:
        yield
    except (RunLocked, WarehouseBusy) as exc:
        click.echo(f"{prefix}: {exc}", err=True)
        sys.exit(EXIT_BUSY)


def full_folders(s: Settings, min_free: int = 1024 * 1024) -> list[Path]:
    """The data folders that sit on a (nearly) full file system, one per file system. A
    failure whose exception does not say ENOSPC (Prefect's server reports a full SQLite disk as
    a plain HTTP error) is still recognised by this."""
    seen: set[int] = set()
    full = []
    for folder in (
        s.db_path.parent,
        s.prefect_home,
        s.processed_dir,
        s.quarantine_dir,
        s.snapshot_path.parent,
        s.data_dir,
    ):
        probe = folder
        while not probe.exists() and probe != probe.parent:
            probe = probe.parent
        try:
            dev = probe.stat().st_dev
            free = shutil.disk_usage(probe).free
        except OSError:
            continue
        if dev not in seen and free < min_free:
            seen.add(dev)
            full.append(folder)
    return full


_CODES = {
    DB_CORRUPT: "de database {db} is beschadigd of geen DuckDB-bestand; zet een reservekopie "
    "terug of verplaats het bestand (dan begint de volgende run een nieuwe database)",
    DB_IS_FOLDER: "de database {db} is een map; geef met --db (of db_path) een bestandsnaam",
    DB_UNREADABLE: "de database {db} kan niet geopend worden",
}


def failure_message(exc: BaseException, s: Settings | None = None) -> str:
    """A run failed: what happened, in Dutch, without any content of a document or file name."""
    code = classify(exc)
    full = full_folders(s) if s is not None else []
    if code == DISK_FULL or full:
        where = f" ({', '.join(map(str, full))})" if full else ""
        what = f"de schijf is vol{where}; geen ruimte voor database, archief, kopie of Prefect"
    elif code in _CODES:
        what = _CODES[code].format(db=s.db_path if s is not None else "")
    else:
        original = exc.exc_type if isinstance(exc, RunFailed) else type(exc).__name__
        what = f"onverwachte fout ({original})"
    return (
        f"Verwerking mislukt: {what}. Er is niets verloren: onverwerkte bestanden staan nog in "
        "de inbox; maak ruimte of los het op en draai opnieuw."
    )


def release_frames(exc: BaseException) -> None:
    """Drop the locals held by a failed run's traceback (its DuckDB connection among them), so
    the interpreter exits without DuckDB's binding reporting 'leaked instances'."""
    for e in chain(exc):
        traceback.clear_frames(e.__traceback__)
    gc.collect()
