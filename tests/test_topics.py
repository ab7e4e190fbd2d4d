"""Topics: BERTopic over the sentences of synthetic complaints of our own, including a new issue
that none of the six themes names."""

from __future__ import annotations

import random
import shutil
from dataclasses import replace

import pytest

from application.topics import GENERAL_TOPIC, run_topics
from benchmarks.corpus import letters
from benchmarks.preload import load_letters
from schemas.records import NEW_TOPIC, THEME_KEYS
from warehouse.db import connect

pytestmark = pytest.mark.slow  # the first BERTopic import compiles numba code (~20 s)

_PORTAL = [
    "Het digitale ouderportaal van de GI werkt al weken niet en ik kan niet inloggen.",
    "Elke keer dat ik de app van het ouderportaal open, krijg ik een foutmelding.",
    "Via het ouderportaal zou ik de verslagen kunnen lezen, maar inloggen lukt nooit.",
    "De helpdesk van het portaal zegt dat mijn account geblokkeerd is.",
    "Ik heb al drie keer een nieuw wachtwoord voor het ouderportaal aangevraagd.",
]


def _with_portal_issue(n: int, seed: int):
    rng = random.Random(seed)
    corpus = letters(n, seed=seed)
    for i in range(0, n, 3):  # a third of the letters also raise the new issue
        extra = " ".join(rng.sample(_PORTAL, 3))
        text = corpus[i].text.replace("\n\nU kunt", f" {extra}\n\nU kunt")
        corpus[i] = replace(corpus[i], text=text)
    return corpus


def _topics(settings):
    con = connect(settings.db_path)
    try:
        return con.execute(
            "SELECT topic_id, label, words, size, n_complaints, theme, seeded FROM topics_current "
            "ORDER BY topic_id"
        ).fetchall(), con
    except Exception:
        con.close()
        raise


def test_topics_find_the_new_issue_and_are_stable(settings, anonymiser):
    load_letters(settings, anonymiser, _with_portal_issue(90, seed=5))
    first = run_topics(settings)
    assert first.n_complaints >= 80 and first.n_sentences > 200
    rows, con = _topics(settings)
    try:
        assert {r[5] for r in rows} <= set(THEME_KEYS) | {NEW_TOPIC, GENERAL_TOPIC}
        assert sum(r[3] for r in rows) == first.n_sentences
        assert all("persoon" not in r[2] and "plaats" not in r[2] for r in rows)
        assert not any(r[6] for r in rows)  # no zero-shot topics since issue 17: folded instead
        portal_ids = {
            r[0]
            for r in rows
            if r[5] == NEW_TOPIC
            and {"ouderportaal", "inloggen"} & {t for w in r[2] for t in w.split()}  # or bigrams
        }
        assert portal_ids, [r[1] for r in rows]
        covered = con.execute(
            "SELECT count(DISTINCT document_id) FROM complaint_topics JOIN topics_current "
            "USING (topic_run_id, topic_id) WHERE list_contains(?, topic_id)",
            [sorted(portal_ids)],
        ).fetchone()[0]
        assert 25 <= covered <= 40  # 30 of the 90 letters raise the portal issue
        orphans = con.execute(
            "SELECT count(*) FROM complaint_topics ct LEFT JOIN topics t "
            "USING (topic_run_id, topic_id) WHERE t.topic_id IS NULL"
        ).fetchone()[0]
        assert orphans == 0
        over_time = con.execute("SELECT count(*) FROM topics_over_time").fetchone()[0]
        new = {r[0] for r in con.execute("SELECT topic_id FROM topics_new").fetchall()}
        assert over_time > 0 and portal_ids <= new
    finally:
        con.close()

    second = run_topics(settings)  # same data, same seed: same topics (vectors from the cache)
    assert second.topic_run_id != first.topic_run_id
    shown = [(t["label"], t["size"]) for t in first.topics]
    assert [(t["label"], t["size"]) for t in second.topics] == shown
    assert list((settings.data_dir / "cache").glob("zinsvectoren-*.npz"))
    shutil.rmtree(settings.data_dir / "cache")
    third = run_topics(settings)  # the vectors computed again: still the same topics
    assert [(t["label"], t["size"]) for t in third.topics] == shown


def test_topics_command_runs_the_prefect_flow(settings, anonymiser, monkeypatch):
    import re

    from click.testing import CliRunner

    from application.topics import STEPS
    from rodedraad import progress_bar
    from rodedraad.cli import main

    env = {
        "RODEDRAAD_DATA_DIR": str(settings.data_dir),
        "RODEDRAAD_DB_PATH": str(settings.db_path),
        "RODEDRAAD_PREFECT_HOME": str(settings.prefect_home),
    }
    load_letters(settings, anonymiser, letters(2, seed=1))
    few = CliRunner().invoke(main, ["topics"], env=env)
    assert few.exit_code == 1 and "te weinig zinnen" in few.output
    load_letters(settings, anonymiser, letters(40, seed=2))
    monkeypatch.setattr(progress_bar, "on_terminal", lambda: True)  # as on a terminal
    result = CliRunner().invoke(main, ["topics"], env=env)
    assert result.exit_code == 0, result.output
    assert "onderwerpen in" in result.output and "klachten" in result.output
    # the bar goes through every step on stderr; stdout keeps its lines, in Dutch plurals
    assert "Onderwerpen zoeken" in result.stderr and f"{STEPS}/{STEPS}" in result.stderr
    lines = result.stdout.splitlines()
    assert re.fullmatch(r"\d+ onderwerpen in \d+ zinnen uit \d+ klachten \(\d+\.\d s\)\.", lines[0])
    for line in lines[1:]:  # "  12     1 klacht    label": labels stay in one column
        assert re.fullmatch(r"  [ \d]{3}  [ \d]{5} (klacht  |klachten)  \S.*", line), line
    con = connect(settings.db_path)
    try:
        assert con.execute("SELECT count(*) FROM topic_runs").fetchone()[0] == 1
    finally:
        con.close()
