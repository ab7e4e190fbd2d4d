"""Render a report to self-contained HTML (inline SVG, inline CSS) and to PDF (WeasyPrint)."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, select_autoescape

from reports import charts, signals
from reports.access import ReportAccess
from reports.data import ReportData
from reports.period import Period, long_date
from schemas.records import THEME_LABELS
from schemas.settings import TIMEZONE

_TEMPLATES = Path(__file__).with_name("templates")
# WeasyPrint warns about every SVG presentation attribute it reads as CSS (matplotlib writes
# them as style=""); the PDF is right, but in a Prefect flow run the warnings bury the log.
logging.getLogger("weasyprint").setLevel(logging.ERROR)


def html(d: ReportData) -> str:
    """The report as self-contained HTML (Dutch)."""
    env = Environment(loader=FileSystemLoader(_TEMPLATES), autoescape=select_autoescape())
    env.filters["klachten"] = lambda n: signals.plural(n, "klacht", "klachten")
    env.filters["bestanden"] = lambda n: signals.plural(n, "bestand", "bestanden")
    env.filters["datum"] = long_date
    current = {t.key: t.count for t in d.themes}
    previous = {t.key: t.previous for t in d.themes}
    prev, ago = d.period.previous(), d.period.year_ago()
    share_prev = d.period.days / (d.period.days + prev.days)
    share_ago = d.period.days / (d.period.days + ago.days)

    def vs_previous(now: int, before: int) -> str:
        return signals.mark(now, before, share_prev) if d.n_previous else "–"

    def vs_year_ago(now: int, before: int) -> str:
        return signals.mark(now, before, share_ago) if d.n_year_ago else "–"

    found = []
    if d.n_previous:
        found += signals.signals(
            [(t.label, t.count, t.previous) for t in d.themes],
            "de vorige periode",
            prev.label,
            share_prev,
        )
    same = ago.start == prev.start  # a year's report: the previous period is the year before
    if d.n_year_ago and not same:
        found += signals.signals(
            [(t.label, t.count, t.year_ago) for t in d.themes],
            "dezelfde periode een jaar eerder",
            ago.label,
            share_ago,
        )
    return env.get_template("report.html.j2").render(
        d=d,
        labels=THEME_LABELS,
        previous=prev,
        year_ago=ago,
        same_comparison=same,
        vs_previous=vs_previous,
        vs_year_ago=vs_year_ago,
        signals=found,
        alpha=signals.ALPHA,
        bars=charts.theme_bars(current, previous, (d.period.label, prev.label)),
        trend_chart=charts.monthly_trend(d.monthly, d.period.end),
        generated=datetime.now(ZoneInfo(TIMEZONE)).strftime("%d-%m-%Y %H:%M")
        + " (Nederlandse tijd)",
    )


def write(
    d: ReportData,
    out_dir: Path,
    pdf: bool = True,
    access: ReportAccess | None = None,
    manage_dir: bool = False,
) -> tuple[Path, Path | None]:
    """HTML and (optionally) PDF files for the report, named ``rapport-<period slug>``, with the
    configured mode and group (``reports_mode``, ``reports_group``); ``manage_dir``: out_dir is
    the configured reports folder, which gets them too."""
    access = access or ReportAccess()
    access.gid()  # an unknown group stops here, before any file is written
    access.folder(out_dir, manage_dir)
    stem = file_stem(d.period)
    html_path = out_dir / f"{stem}.html"
    text = html(d)
    with access.create(html_path) as fh:
        fh.write(text)
    pdf_path = None
    if pdf:
        from weasyprint import HTML

        pdf_path = out_dir / f"{stem}.pdf"
        document = HTML(string=text, base_url=str(out_dir)).render()
        with access.create(pdf_path, binary=True) as fh:
            document.write_pdf(fh)
    return html_path, pdf_path


def file_stem(period: Period) -> str:
    """``rapport-2026-11``, ``rapport-2026-Q4``, ``rapport-2026``,
    ``rapport-2026-01-01_tot_2026-06-30``: one scheme, sorting by time. (Reports written before
    this scheme, ``rapport-november-2026``, keep their names.)"""
    return f"rapport-{period.slug}"
