"""Connections and versioned migrations.

DuckDB allows one writing process at a time; a second one gets a lock error. That error is
turned into ``WarehouseBusy`` with a message staff can act on.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import duckdb

MIGRATIONS = Path(__file__).with_name("migrations")
_NAME = re.compile(r"^(\d{3})_(\w+)\.sql$")


class WarehouseBusy(RuntimeError):
    """The DuckDB file is held by another process."""


class WarehouseUnreadable(RuntimeError):
    """The database path is a folder, or the file is not a (whole) DuckDB database. The message
    is Dutch and names the configured path only; ``rodedraad_code`` is the run's reason code."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.rodedraad_code = code


# How DuckDB words a file that is not, or no longer, a whole database.
_CORRUPT = ("not a valid DuckDB database", "Corrupt database", "Could not read enough bytes")


def is_corrupt(exc: BaseException) -> bool:
    """Whether a DuckDB error means the file is no (whole) database."""
    return isinstance(exc, duckdb.Error) and any(m in str(exc) for m in _CORRUPT)


def corrupt(path: Path) -> WarehouseUnreadable:
    """The Dutch error for a corrupt database file, naming the configured path only."""
    return WarehouseUnreadable(
        f"de database {path} is beschadigd of geen DuckDB-bestand; zet een reservekopie terug "
        "of verplaats het bestand (dan begint de volgende run een nieuwe database)",
        "database_beschadigd",
    )


def connect(path: Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """The warehouse, migrated to the newest schema when opened for writing; Dutch errors for a
    busy, missing, corrupt or folder path."""
    if path.is_dir():
        raise WarehouseUnreadable(
            f"de database {path} is een map; geef met --db (of db_path) een bestandsnaam, "
            f"bijvoorbeeld {path / 'rodedraad.duckdb'}",
            "database_is_map",
        )
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    elif not path.exists():
        raise FileNotFoundError(f"database {path} bestaat nog niet; draai eerst 'rodedraad run'")
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise WarehouseBusy(
                f"de database {path} is in gebruik door een ander proces; probeer het later opnieuw"
            ) from None
        if is_corrupt(exc):
            raise corrupt(path) from None
        raise
    except duckdb.Error as exc:
        if is_corrupt(exc):
            raise corrupt(path) from None
        raise
    if not read_only:
        os.chmod(path, 0o600)
        try:
            migrate(con)
        except duckdb.Error as exc:
            con.close()
            if is_corrupt(exc):
                raise corrupt(path) from None
            raise
    return con


@contextlib.contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """All or nothing: a failure inside the block rolls everything back and re-raises."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def migrations() -> list[tuple[int, str, Path]]:
    """The numbered migration files, in order."""
    found = []
    for p in sorted(MIGRATIONS.glob("*.sql")):
        m = _NAME.match(p.name)
        if m:
            found.append((int(m.group(1)), m.group(2), p))
    return found


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply pending migrations, each in its own transaction. Returns the versions applied."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMPTZ)"
    )
    done = {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}
    applied = []
    for version, name, path in migrations():
        if version in done:
            continue
        with transaction(con):
            con.execute(path.read_text(encoding="utf-8"))
            con.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                [version, name, datetime.now(UTC)],
            )
        applied.append(version)
    return applied


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    """Bulk insert through Arrow (executemany is 50-150x slower on DuckDB)."""
    import pyarrow as pa

    if not rows:
        return
    arrow = pa.Table.from_pylist(rows)  # noqa: F841 - referenced by name in the SQL below
    cols = ", ".join(rows[0])
    con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM arrow")
