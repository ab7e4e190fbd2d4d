"""Render a report to self-contained HTML (inline SVG, inline CSS) and to PDF (WeasyPrint)."""

from __future__ import annotations

import logging
import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, select_autoescape

from reports import charts, signals
from reports.data import ReportData
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
    current = {t.key: t.count for t in d.themes}
    previous = {t.key: t.previous for t in d.themes}
    return env.get_template("report.html.j2").render(
        d=d,
        labels=THEME_LABELS,
        trend=signals.mark,
        alpha=signals.ALPHA,
        bars=charts.theme_bars(current, previous, (d.period.label, d.period.previous().label)),
        trend_chart=charts.monthly_trend(d.monthly),
        generated=datetime.now(ZoneInfo(TIMEZONE)).strftime("%d-%m-%Y %H:%M")
        + " (Nederlandse tijd)",
    )


def write(d: ReportData, out_dir: Path, pdf: bool = True) -> tuple[Path, Path | None]:
    """HTML and (optionally) PDF files for the report, readable by the owner only."""
    out_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    stem = "rapport-" + d.period.label.replace(" ", "-").replace("..", "_tot_")
    html_path = out_dir / f"{stem}.html"
    text = html(d)
    html_path.write_text(text, encoding="utf-8")
    os.chmod(html_path, 0o600)
    pdf_path = None
    if pdf:
        from weasyprint import HTML

        pdf_path = out_dir / f"{stem}.pdf"
        HTML(string=text, base_url=str(out_dir)).write_pdf(pdf_path)
        os.chmod(pdf_path, 0o600)
    return html_path, pdf_path
