"""The manager's view of the demo: after the sample inbox (examples/inbox and ../shared/samples)
has run, `rodedraad report` shows all six themes with counts, trends and quotes."""

from __future__ import annotations

import re
import shutil

import duckdb
import pytest

from reports.signals import plural
from schemas.records import THEME_LABELS
from tests import factories as f
from tests.conftest import REPO

pytestmark = [pytest.mark.slow, pytest.mark.shared]


def test_sample_inbox_report_shows_all_six_themes(settings, tmp_path, shared):
    settings.inbox.mkdir(parents=True, exist_ok=True)
    for src in [*(REPO / "examples" / "inbox").iterdir(), *(shared / "samples").iterdir()]:
        shutil.copy(src, settings.inbox / src.name)
    env = f.cli_env(settings, tmp_path)
    run = f.cli_run(env)
    assert run.returncode == 0, run.stderr
    assert "Quarantaine:        0" in run.stdout
    snapshot = settings.data_dir / "published" / "rodedraad.duckdb"
    con = duckdb.connect(str(snapshot), read_only=True)
    try:
        first, last = con.execute(  # the days complaints count on (their letters' own dates)
            "SELECT min(complaint_date), max(complaint_date) FROM complaint_facts"
        ).fetchone()
        per_theme = dict(
            con.execute("SELECT theme, count(*) FROM complaint_theme_facts GROUP BY 1").fetchall()
        )
    finally:
        con.close()
    out = f.cli_run(env, "report", "--period", f"{first}..{last}", "-o", str(tmp_path / "r"))
    assert out.returncode == 0, out.stderr
    html = next((tmp_path / "r").glob("*.html")).read_text(encoding="utf-8")
    assert next((tmp_path / "r").glob("*.pdf")).read_bytes().startswith(b"%PDF")
    text = re.sub(
        r"\s+", " ", re.sub(r"<[^>]+>", " ", re.sub(r"<svg.*?</svg>", "", html, flags=re.S))
    )
    for key, label in THEME_LABELS.items():
        assert per_theme.get(key, 0) > 0, f"geen klacht met thema {key}"
        count = plural(per_theme[key], "klacht", "klachten")  # "1 klacht", "2 klachten"
        section = text.split(f"{label} {count}", 1)
        assert len(section) == 2, f"{label}: geen telling in het rapport"
        body = section[1].split("Voorbeelden (geanonimiseerd):", 1)
        assert len(body) == 2 and "Geen voorbeeldzinnen" not in body[0], f"{label}: geen citaat"
    assert "vorige periode" in text and "een jaar eerder" in text  # the trend columns
