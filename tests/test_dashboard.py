"""The dashboard in headless Chromium, on the published snapshot, while another process holds the
live warehouse for writing (as a run does)."""

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


def test_dashboard_filters_while_the_warehouse_is_being_written(settings, anonymiser, tmp_path):
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
    port = _free_port()
    env = {
        **os.environ,
        "RODEDRAAD_CONFIG": str(tmp_path / "none.toml"),
        "RODEDRAAD_DATA_DIR": str(settings.data_dir),
        "RODEDRAAD_DB_PATH": str(settings.db_path),
    }
    with f.database_held_elsewhere(settings.db_path):  # a writer holds the live file
        proc = subprocess.Popen(
            [sys.executable, "-m", "rodedraad.cli", "dashboard", "--port", str(port)],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        try:
            _wait_for(port, proc)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
                page = browser.new_page(viewport={"width": 1400, "height": 1600})
                page.goto(f"http://127.0.0.1:{port}")
                metric = page.locator('[data-testid="stMetricValue"]').first
                metric.wait_for(timeout=90_000)
                assert metric.inner_text().strip() == str(total)
                page.locator('[data-testid="stRadio"]').get_by_text("Regie", exact=True).click()
                page.wait_for_function(
                    "n => document.querySelector('[data-testid=\"stMetricValue\"]')"
                    ".innerText.trim() === String(n)",
                    arg=regie,
                    timeout=30_000,
                )
                # evidence highlighted in the complaint text (rendered after the metric)
                page.locator("mark").first.wait_for(timeout=30_000)
                ARTIFACTS.mkdir(exist_ok=True)
                page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)
                browser.close()
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)
