"""What every ``rodedraad`` command shares: settings with a plain error, exit codes, and the
message when another process holds the inbox or the warehouse."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

import click

from rodedraad.config import Settings, load_settings

EXIT_FAILED = 1
EXIT_BUSY = 75


def settings(**flags: object) -> Settings:
    try:
        return load_settings(**flags)
    except Exception as exc:  # pydantic ValidationError: show it plainly
        raise click.ClickException(f"ongeldige configuratie: {exc}") from None


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
