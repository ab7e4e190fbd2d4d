"""Theme reports: periods, what the report shows (and never shows), HTML and PDF, and the HTML in
a real browser (headless Chromium)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from benchmarks.corpus import letters
from benchmarks.preload import load_letters
from reports.data import gather
from reports.period import PeriodError, last_complete, parse
from reports.render import write
from reports.suppression import OTHER
from schemas.records import THEME_LABELS
from tests import factories as f
from tests.conftest import REPO
from warehouse.db import connect
from warehouse.publish import publish

ARTIFACTS = REPO / "test-artifacts"


@pytest.mark.parametrize(
    ("text", "start", "end", "previous_start"),
    [
        ("2026-Q3", date(2026, 7, 1), date(2026, 10, 1), date(2026, 4, 1)),
        ("2026-Q1", date(2026, 1, 1), date(2026, 4, 1), date(2025, 10, 1)),
        ("2026-01", date(2026, 1, 1), date(2026, 2, 1), date(2025, 12, 1)),
        ("2026", date(2026, 1, 1), date(2027, 1, 1), date(2025, 1, 1)),
        ("2026-02-10..2026-02-19", date(2026, 2, 10), date(2026, 2, 20), date(2026, 1, 31)),
    ],
)
def test_periods(text, start, end, previous_start):
    p = parse(text)
    assert (p.start, p.end, p.previous().start) == (start, end, previous_start)
    assert p.year_ago().start.year == start.year - 1


@pytest.mark.parametrize(
    ("text", "slug", "year_ago"),
    [
        ("2026-11", "2026-11", "november 2025"),
        ("2026-Q4", "2026-Q4", "2025-Q4"),
        ("2026", "2026", "2025"),
        ("2026-01-01..2026-06-30", "2026-01-01_tot_2026-06-30", "2025-01-01..2025-06-30"),
        ("2026-02-10..2026-02-19", "2026-02-10_tot_2026-02-19", "2025-02-10..2025-02-19"),
    ],
)
def test_report_file_names_sort_by_time_and_the_year_ago_is_named(text, slug, year_ago):
    from reports.render import file_stem

    p = parse(text)
    assert file_stem(p) == f"rapport-{slug}"
    assert p.year_ago().label == year_ago
    names = [file_stem(parse(t)) for t in ("2026-02", "2026-10", "2026-11", "2027-01")]
    assert names == sorted(names)


@pytest.mark.parametrize("bad", ["2026-Q5", "2026-13", "Q3", "2026-03-01..2026-02-01"])
def test_bad_periods_are_refused(bad):
    with pytest.raises(PeriodError):
        parse(bad)


@pytest.mark.parametrize(
    ("grain", "today", "label"),
    [
        ("maand", date(2026, 1, 1), "december 2025"),
        ("maand", date(2026, 11, 22), "oktober 2026"),
        ("kwartaal", date(2026, 1, 1), "2025-Q4"),
        ("kwartaal", date(2026, 5, 3), "2026-Q1"),
        ("kwartaal", date(2026, 12, 31), "2026-Q3"),
    ],
)
def test_scheduled_reports_cover_the_last_whole_period(grain, today, label):
    assert last_complete(grain, today).label == label
    with pytest.raises(PeriodError):
        last_complete("week", today)


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory, anonymiser):
    from schemas.settings import load_settings

    base = tmp_path_factory.mktemp("report")
    s = load_settings(data_dir=base / "data", db_path=base / "data" / "rodedraad.duckdb")
    load_letters(s, anonymiser, letters(240, seed=21, start=date(2025, 1, 1), days=360))
    con = connect(s.db_path)
    # one document awaits a check: its sentences must never be quoted
    doc_id, _sentence = con.execute(
        "SELECT e.document_id, e.sentence FROM theme_evidence e JOIN complaint_facts f "
        "USING (document_id) WHERE f.quarter = '2025-Q3' ORDER BY e.score DESC LIMIT 1"
    ).fetchone()
    marker = "ZINUITCONTROLE nooit citeren bij de gezinsvoogd."
    con.execute("UPDATE documents SET status = 'controle nodig' WHERE document_id = ?", [doc_id])
    con.execute(
        "UPDATE theme_evidence SET sentence = ?, score = 1.0 WHERE document_id = ?",
        [marker, doc_id],
    )
    con.close()
    return s, publish(s.db_path, s.snapshot_path), marker


def _count_2025_q3(path: Path) -> int:
    con = connect(path, read_only=True)
    try:
        return con.execute(
            "SELECT count(*) FROM complaint_facts "
            "WHERE received_date >= DATE '2025-07-01' AND received_date < DATE '2025-10-01'"
        ).fetchone()[0]
    finally:
        con.close()


def test_report_shows_every_theme_with_counts_trends_and_safe_quotes(snapshot, tmp_path):
    _, path, marker = snapshot
    con = connect(path, read_only=True)
    try:
        data = gather(con, parse("2025-Q3"), min_cell=5)
    finally:
        con.close()
    expected = _count_2025_q3(path)
    assert data.n_documents == expected > 30 and data.n_review == 1
    assert [t.key for t in data.themes] == list(THEME_LABELS)
    assert all(t.count > 0 and t.quotes for t in data.themes)
    assert all(marker not in q for t in data.themes for q in t.quotes)
    # small cells: every listed municipality has at least k complaints, the rest is "overig"
    named = [(m, n) for m, n in data.municipalities if m not in (OTHER, "onbekend")]
    assert all(n >= 5 for _, n in named)
    assert sum(n for _, n in data.municipalities) == data.n_documents
    html_path, pdf_path = write(data, tmp_path)
    html = html_path.read_text(encoding="utf-8")
    for label in THEME_LABELS.values():
        assert label in html
    assert marker not in html
    for fetch in ('src="http', 'href="http', "<script", "<link", "url(http"):
        assert fetch not in html  # self-contained: nothing is fetched, no CDN
    assert html.count("<svg") >= 2
    assert pdf_path.read_bytes().startswith(b"%PDF") and pdf_path.stat().st_size > 10_000
    # Dutch plurals, Dutch time, and signals explained in the method section
    assert not re.search(r"\b1 (klachten|bestanden)\b", html)
    assert "(Nederlandse tijd)" in html and "UTC" not in html
    assert "Signalen:" in html and "exacte toets" in html


def test_report_command(snapshot, tmp_path):
    from click.testing import CliRunner

    from rodedraad.cli import main

    s, _, _ = snapshot
    env = {"RODEDRAAD_DATA_DIR": str(s.data_dir), "RODEDRAAD_CONFIG": str(tmp_path / "x.toml")}
    result = CliRunner().invoke(
        main, ["report", "--period", "2025-08", "-o", str(tmp_path)], env=env
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "rapport-2025-08.html").is_file()  # one sortable naming scheme
    assert (tmp_path / "rapport-2025-08.pdf").is_file()
    bad = CliRunner().invoke(main, ["report", "--period", "2025-Q9"], env=env)
    assert bad.exit_code != 0 and "onbekende periode" in bad.output


def test_report_command_counts_one_complaint_in_the_singular(snapshot, tmp_path):
    from click.testing import CliRunner

    from rodedraad.cli import main

    s, snap, _ = snapshot
    con = connect(snap, read_only=True)
    try:  # a day with exactly one complaint, and one with several
        days = dict(
            con.execute(
                "SELECT complaint_date, count(*) FROM complaint_facts GROUP BY complaint_date"
            ).fetchall()
        )
    finally:
        con.close()
    one = min(d for d, n in days.items() if n == 1)
    more = min(d for d, n in days.items() if n > 1)
    env = {"RODEDRAAD_DATA_DIR": str(s.data_dir), "RODEDRAAD_CONFIG": str(tmp_path / "x.toml")}
    for day, expected in ((one, "1 klacht ("), (more, f"{days[more]} klachten (")):
        result = CliRunner().invoke(
            main,
            ["report", "--period", f"{day}..{day}", "-o", str(tmp_path), "--geen-pdf"],
            env=env,
        )
        assert result.exit_code == 0, result.output
        first = result.output.splitlines()[0]
        assert first.startswith("Rapport ") and f": {expected}" in first, first


def _chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.skip("headless Chromium not installed (Debian package 'chromium')")
    pytest.importorskip("playwright.sync_api", reason="playwright not installed")
    return path


@pytest.mark.browser
def test_report_in_headless_chromium(snapshot, tmp_path):
    from playwright.sync_api import sync_playwright

    chromium = _chromium()
    _, path, _ = snapshot
    con = connect(path, read_only=True)
    try:
        data = gather(con, parse("2025-Q3"))
    finally:
        con.close()
    html_path, _ = write(data, tmp_path, pdf=False)
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1200, "height": 1600})
        page.goto(Path(html_path).as_uri())
        rows = page.locator("#thema-tabel tr[data-theme]")
        assert rows.count() == 6
        first = rows.nth(0).locator("td").nth(1).inner_text()
        assert int(first) == data.themes[0].count
        assert page.locator("svg").count() >= 2
        page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
        browser.close()


def _analyst_queries() -> list[str]:
    doc = (REPO / "docs" / "analysts.md").read_text(encoding="utf-8")
    return [
        q.strip()
        for block in doc.split("```sql")[1:]
        for q in block.split("```")[0].split(";")
        if q.strip()
    ]


def test_documented_analyst_queries_run_on_the_snapshot(snapshot):
    _, path, _ = snapshot
    queries = _analyst_queries()
    assert len(queries) >= 5
    con = connect(path, read_only=True)
    try:
        for q in queries:
            assert con.execute(q).fetchall() is not None
        assert con.execute("SELECT count(*) FROM theme_by_quarter").fetchone()[0] > 0
    finally:
        con.close()


@pytest.mark.slow
def test_analysts_query_with_the_duckdb_cli_while_a_run_writes(settings, tmp_path):
    """The documented queries, through the DuckDB CLI (a 1.x binary, as analysts have it), on the
    published snapshot while `rodedraad run` is loading the live warehouse."""
    cli = Path(sys.executable).parent / "duckdb"
    if not cli.exists():
        pytest.skip("DuckDB CLI not installed in this environment (pip install duckdb-cli)")
    env = {**f.cli_env(settings, tmp_path), "RODEDRAAD_BATCH_SIZE": "1"}
    f.write(settings.inbox / "eerste.txt", f.variant(1))
    assert f.cli_run(env).returncode == 0
    for i in range(40):
        f.write(settings.inbox / f"brief-{i:02d}.txt", f.variant(200 + i))
    run = f.cli_start(env)
    try:

        def archived() -> int:
            return sum(p.is_file() for p in settings.processed_dir.rglob("*"))

        deadline = time.time() + 120  # loading has begun once this run archived a file
        while archived() < 3 and time.time() < deadline:
            time.sleep(0.2)
        snapshot = settings.data_dir / "published" / "rodedraad.duckdb"
        out = subprocess.run(
            [str(cli), "-readonly", "-csv", str(snapshot), "-c", ";\n".join(_analyst_queries())],
            capture_output=True,
            text=True,
            timeout=60,
        )
        still_running = run.poll() is None
    finally:
        _, stderr = run.communicate(timeout=300)
    assert out.returncode == 0 and "Error" not in out.stderr, out.stderr
    assert still_running, "the run ended before the CLI queried; the test proves nothing"
    assert run.returncode == 0, stderr
    count = subprocess.run(
        [
            str(cli),
            "-readonly",
            "-noheader",
            "-csv",
            str(snapshot),
            "-c",
            "SELECT count(*) FROM complaint_facts",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert count.stdout.strip() == "41"


def test_scheduled_report_flow_writes_the_last_quarter(snapshot, tmp_path):
    """The flow ``rodedraad serve`` runs each quarter, run here as a Prefect flow."""
    from flows.ingest import settings_payload
    from flows.report import report

    s, path, marker = snapshot
    s = s.model_copy(update={"reports_dir": tmp_path / "rapporten"})
    out = report(config=settings_payload(s), grain="kwartaal", today="2025-10-01")
    assert out["period"] == "2025-Q3" and Path(out["html"]).parent == tmp_path / "rapporten"
    expected = _count_2025_q3(path)
    assert out["n_documents"] == expected
    assert Path(out["pdf"]).read_bytes().startswith(b"%PDF")
    assert marker not in Path(out["html"]).read_text(encoding="utf-8")


def test_serve_schedules_the_inbox_and_both_reports(settings):
    from prefect.client.schemas.schedules import CronSchedule, IntervalSchedule

    from rodedraad.schedule import INBOX, REPORT_MONTH, REPORT_QUARTER, deployments

    by_name = {d.name: d for d in deployments(settings)}
    assert set(by_name) == {INBOX, REPORT_MONTH, REPORT_QUARTER}
    inbox = by_name[INBOX]
    assert isinstance(inbox.schedules[0].schedule, IntervalSchedule)
    assert inbox.concurrency_limit == 1
    month, quarter = (by_name[n].schedules[0].schedule for n in (REPORT_MONTH, REPORT_QUARTER))
    assert isinstance(month, CronSchedule) and month.cron == settings.report_cron_month
    assert quarter.cron == settings.report_cron_quarter
    assert month.timezone == "Europe/Amsterdam"
    assert by_name[REPORT_QUARTER].parameters["grain"] == "kwartaal"
    assert all(d.entrypoint.startswith("flows.") for d in by_name.values())
    off = settings.model_copy(update={"report_cron_quarter": ""})
    assert {d.name for d in deployments(off)} == {INBOX, REPORT_MONTH}


def test_reports_and_dashboard_fold_the_same_small_cells():
    """One suppression rule: the names the dashboard shows as "overig" are those the report sums
    into "overig"; "onbekend" is never folded in, however small."""
    from reports.suppression import UNKNOWN, shown_as, suppressed

    counts = {"Utrecht": 9, "Ede": 5, "Urk": 4, "Vlieland": 1, UNKNOWN: 2}
    shown = shown_as(counts, 5)
    assert {n for n, s in shown.items() if s == OTHER} == {"Urk", "Vlieland"}
    assert suppressed(list(counts.items()), 5) == [
        ("Utrecht", 9), ("Ede", 5), (OTHER, 5), (UNKNOWN, 2)
    ]  # fmt: skip
