"""The dashboard's pages in headless Chromium (issue 18 pts 2 and 5): Dutch labels (no 'Filters',
no English day or month names on the axes), a complaint list that names each complaint by date,
primary theme and first words, and a Labelen page whose saved label the next `label import`
takes into the warehouse."""

from __future__ import annotations

import json
import re
import stat
from datetime import date

import pytest

from application.label_queue import queue_path
from benchmarks.corpus import letters
from benchmarks.preload import load_letters
from dashboards.dutch import day_label, first_words, month_label, theme_label
from tests import factories as f
from tests.test_dashboard import _metric_is, _stop, _wait_for, start_dashboard
from tests.test_reports import ARTIFACTS, _chromium
from warehouse.db import connect
from warehouse.labels import uncertain
from warehouse.publish import publish

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ENGLISH = re.compile(
    r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun|Monday|Friday|January|February|March|May|June|July|"
    r"October|Oct|Dec|Filters|Choose an option|Select)\b"
)


@pytest.fixture
def dashboard(settings, anonymiser, tmp_path):
    """A published snapshot of 40 complaints over eight months, and the dashboard on it."""
    load_letters(settings, anonymiser, letters(40, seed=12, start=date(2026, 3, 1), days=220))
    publish(settings.db_path, settings.snapshot_path)
    env = f.cli_env(settings, tmp_path)
    port, proc = start_dashboard(env)
    try:
        _wait_for(port, proc)
        yield settings, env, f"http://127.0.0.1:{port}"
    finally:
        _stop(proc)


def _settled(page) -> None:
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(
        timeout=60_000
    )
    page.wait_for_timeout(500)


def _select_value(page, label: str) -> str:
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text=label)
    return box.locator("input").first.input_value() or box.inner_text()


def test_overview_is_dutch_and_names_complaints(dashboard):
    from playwright.sync_api import sync_playwright

    settings, _, url = dashboard
    con = connect(settings.snapshot_path, read_only=True)
    total, first_month, last_month = con.execute(
        "SELECT count(*), min(month), max(month) FROM complaint_facts"
    ).fetchone()
    in_last_month = con.execute(
        "SELECT count(*) FROM complaint_facts WHERE month = ?", [last_month]
    ).fetchone()[0]
    newest = con.execute(
        "SELECT f.complaint_date, f.primary_theme, c.text FROM complaint_facts f "
        "JOIN checked_complaints c USING (document_id) "
        "ORDER BY f.complaint_date DESC, f.document_id LIMIT 1"
    ).fetchone()
    con.close()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium(), args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 2400})
        page.goto(url)
        _metric_is(page, total)
        _settled(page)
        body = page.locator("body").inner_text()
        assert "Selectie" in body and "Periode (maanden)" in body
        assert not ENGLISH.search(body), ENGLISH.search(body)
        axis_text = page.locator('[data-testid="stVegaLiteChart"] svg text').evaluate_all(
            "els => els.map(e => e.textContent)"
        )
        assert month_label(first_month) in axis_text and month_label(last_month) in axis_text
        assert not [t for t in axis_text if ENGLISH.search(t)]
        # the complaint picker: date · primary theme · first words (not a hash id)
        shown = _select_value(page, "Klacht lezen")
        expected = f"{day_label(newest[0])} · {theme_label(newest[1])} · {first_words(newest[2])}"
        assert shown == expected
        assert not re.search(r"\b[0-9a-f]{12,}\b", shown)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "dashboard-overzicht.png"), full_page=True)
        # one month left by the period filter: the month chart still draws a point per theme
        start = page.locator('[data-testid="stSlider"] input[type=range]').first
        start.focus()
        start.press("End")  # as far as the end of the period: the last month
        _metric_is(page, in_last_month)
        line_chart = page.locator('[data-testid="stVegaLiteChart"]').first
        months_shown = line_chart.locator("g.role-axis-label text").evaluate_all(
            "els => els.map(e => e.textContent)"
        )
        assert month_label(last_month) in months_shown
        assert month_label(first_month) not in months_shown
        assert line_chart.locator("g.mark-symbol path").count() >= 1
        page.goto(f"{url}/onderwerpen")
        page.get_by_text("Nieuwe onderwerpen").first.wait_for(timeout=60_000)
        _settled(page)
        assert not ENGLISH.search(page.locator("body").inner_text())
        browser.close()


def test_a_label_saved_on_the_labelen_page_is_taken_in(dashboard):
    from playwright.sync_api import sync_playwright

    settings, env, url = dashboard
    con = connect(settings.snapshot_path, read_only=True)
    first, second = (r[0] for r in uncertain(con, settings.theme_threshold, 2))
    first_date = con.execute(
        "SELECT complaint_date FROM complaint_facts WHERE document_id = ?", [first]
    ).fetchone()[0]
    con.close()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium(), args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 1800})
        page.goto(f"{url}/labelen")
        page.get_by_text("Label opslaan").wait_for(timeout=90_000)
        _settled(page)
        body = page.locator("body").inner_text()
        assert not ENGLISH.search(body), ENGLISH.search(body)
        # the most uncertain complaint comes first, named by its date
        assert _select_value(page, "Klacht (onzekerste eerst)").startswith(day_label(first_date))
        page.locator('[data-testid="stSelectbox"]').filter(has_text="Hoofdthema").click()
        page.get_by_role("option", name="Regie", exact=True).click()
        page.locator('[data-testid="stMultiSelect"]').click()
        page.get_by_role("option", name="Communicatie en verslaglegging").click()
        page.keyboard.press("Escape")
        page.get_by_role("button", name="Label opslaan").click()
        page.get_by_text("Opgeslagen: Regie, Communicatie en verslaglegging.").wait_for(
            timeout=60_000
        )
        _settled(page)
        assert "1 label wacht in de wachtrij" in page.locator("body").inner_text()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "dashboard-labelen.png"), full_page=True)

        path = queue_path(settings.data_dir)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        entries = [json.loads(line) for line in path.read_text().splitlines()]
        assert [(e["document_id"], e["themes"]) for e in entries] == [
            (first, ["regie", "communicatie"])
        ]

        result = f.cli_run(env, "label", "import")
        assert result.returncode == 0, result.stderr
        assert "1 label uit het dashboard overgenomen." in result.stdout
        assert not path.exists()
        con = connect(settings.db_path, read_only=True)
        assert con.execute("SELECT document_id, themes FROM labels").fetchall() == [
            (first, ["regie", "communicatie"])
        ]
        con.close()
        # the republished snapshot: the labelled complaint has left the list to label
        page.reload()
        page.get_by_text("Label opslaan").wait_for(timeout=90_000)
        _settled(page)
        assert "wachtrij op de" not in page.locator("body").inner_text()
        con = connect(settings.snapshot_path, read_only=True)
        second_date = con.execute(
            "SELECT complaint_date FROM complaint_facts WHERE document_id = ?", [second]
        ).fetchone()[0]
        con.close()
        assert _select_value(page, "Klacht (onzekerste eerst)").startswith(day_label(second_date))
        browser.close()
