"""The dashboard in headless Chromium, on the published snapshot, while `rodedraad run` writes
the live warehouse."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from datetime import date

import pytest

from benchmarks.corpus import letters
from benchmarks.preload import load_letters
from tests import factories as f
from tests.conftest import REPO
from tests.test_reports import ARTIFACTS, _chromium
from warehouse.db import connect
from warehouse.publish import publish

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_dashboard(env: dict[str, str]) -> tuple[int, subprocess.Popen]:
    """`rodedraad dashboard` on a free port, in its own session (so a stop ends it all)."""
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "rodedraad.cli", "dashboard", "--port", str(port)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    return port, proc


def _wait_for(port: int, proc: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"dashboard stopped: {proc.stdout.read() if proc.stdout else ''}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.5)
    raise AssertionError("dashboard did not start")


def _stop(proc: subprocess.Popen) -> None:
    """SIGTERM, and SIGKILL if Streamlit has not shut down in 15 s (it sometimes hangs in its
    graceful shutdown); never leave a server behind."""
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=15)


def _metric_is(page, n: int) -> None:
    page.wait_for_function(  # the element is absent while a (re)loaded page starts
        "n => document.querySelector('[data-testid=\"stMetricValue\"]')"
        "?.innerText.trim() === String(n)",
        arg=n,
        timeout=60_000,
    )
    # and the script run that set it has finished: no stale charts from the previous state
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(
        timeout=60_000
    )


def test_dashboard_filters_while_a_run_writes(settings, anonymiser, tmp_path):
    """The dashboard opens and filters on the published snapshot while `rodedraad run` loads the
    live warehouse; once the run has published, a reload shows the new complaints."""
    from playwright.sync_api import sync_playwright

    chromium = _chromium()
    load_letters(settings, anonymiser, letters(80, seed=8, start=date(2025, 1, 1)))
    snapshot = publish(settings.db_path, settings.snapshot_path)
    con = connect(snapshot, read_only=True)
    total, regie = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE list_contains(themes, 'regie')) "
        "FROM complaint_facts"
    ).fetchone()
    con.close()
    assert 0 < regie < total
    new = 100  # enough work that the run is still loading when the checks are done
    for i in range(new):
        f.write(settings.inbox / f"brief-{i:02d}.txt", f.variant(300 + i))
    env = {**f.cli_env(settings, tmp_path), "RODEDRAAD_BATCH_SIZE": "1"}
    port, proc = start_dashboard(env)
    run = None
    try:
        _wait_for(port, proc)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1400, "height": 1600})
            page.goto(f"http://127.0.0.1:{port}")
            page.locator('[data-testid="stMetricValue"]').first.wait_for(timeout=90_000)
            _metric_is(page, total)
            run = f.cli_start(env)
            deadline = time.monotonic() + 120  # loading has begun once a file is archived
            while not any(settings.processed_dir.rglob("*.txt")) and time.monotonic() < deadline:
                assert run.poll() is None, run.communicate()[1]
                time.sleep(0.1)
            page.reload()
            _metric_is(page, total)  # the last published state, not a half-loaded run
            page.locator('[data-testid="stRadio"]').get_by_text("Regie", exact=True).click()
            _metric_is(page, regie)
            assert page.locator("mark").count() > 0  # evidence highlighted in the text
            assert run.poll() is None, "the run ended before the dashboard was used"
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)
            _, err = run.communicate(timeout=300)
            assert run.returncode == 0, err
            page.reload()  # a new session: no filter, and the newly published snapshot
            _metric_is(page, total + new)
            browser.close()
    finally:
        if run is not None and run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
        _stop(proc)
