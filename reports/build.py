"""One report, start to finish: read the published snapshot, gather, render, write.

Shared by ``rodedraad report`` and the scheduled report flow, so both produce the same files.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from reports.access import ReportAccess
from reports.data import gather
from reports.period import Period
from reports.render import write
from warehouse.db import connect


class NoSnapshot(FileNotFoundError):
    """Nothing has been published yet: no run has finished."""


@dataclass(frozen=True)
class Built:
    period: str
    n_documents: int
    html: Path
    pdf: Path | None
    seconds: float
    warning: str | None = None  # the configured group cannot reach the reports (Dutch)


def build(
    snapshot: Path,
    period: Period,
    out_dir: Path,
    min_cell: int,
    pdf: bool = True,
    access: ReportAccess | None = None,
    manage_dir: bool = False,
) -> Built:
    """The report over ``period`` from the snapshot: HTML always, PDF unless asked not to;
    ``access`` and ``manage_dir`` as in ``reports.render.write``."""
    t0 = time.perf_counter()
    access = access or ReportAccess()
    access.gid()  # an unknown group: say so before any work
    try:
        con = connect(snapshot, read_only=True)
    except FileNotFoundError:
        raise NoSnapshot(
            f"nog geen gepubliceerde gegevens ({snapshot}); draai eerst 'rodedraad run'"
        ) from None
    try:
        data = gather(con, period, min_cell)
    finally:
        con.close()
    html_path, pdf_path = write(data, out_dir, pdf=pdf, access=access, manage_dir=manage_dir)
    seconds = time.perf_counter() - t0
    return Built(
        period.label, data.n_documents, html_path, pdf_path, seconds, access.warning(out_dir)
    )
