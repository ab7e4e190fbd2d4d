"""The report's section on new topics (issue 17): the ``nieuw`` topics of the period with their
label, size, trend against the previous period, first appearance and passages, read from a
warehouse with planted topics; a topic with too few complaints in the period is only counted."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from benchmarks.corpus import letters
from benchmarks.preload import load_letters
from reports.data import gather
from reports.period import parse
from reports.render import write
from warehouse.db import connect, insert_rows
from warehouse.publish import publish

_BIG = "Het leerlingenvervoer haalt de kinderen PLANTGROOT te laat op bij het pleeggezin."
_SMALL = "De kluisjes op de groep PLANTKLEIN zijn opengebroken en spullen zijn weg."
_OLD = "Een onderwerp van een oudere run PLANTOUD dat niet meer bestaat."
_THEME = "Een gewoon regie-onderwerp PLANTTHEMA."


def _run(con, run_id: str, fitted_at: datetime, topics: list[dict], links: list[dict]) -> None:
    insert_rows(
        con,
        "topic_runs",
        [
            {
                "topic_run_id": run_id,
                "fitted_at": fitted_at,
                "n_complaints": 80,
                "n_sentences": 400,
                "k": 10,
                "seed": 42,
                "encoder": "test",
                "zeroshot_min_similarity": 0.0,
                "bertopic_version": "test",
            }
        ],
    )
    insert_rows(con, "topics", [{"topic_run_id": run_id, "seeded": False, **t} for t in topics])
    insert_rows(con, "complaint_topics", [{"topic_run_id": run_id, **c} for c in links])


def _topic(tid: int, theme: str, words: list[str], passage: str, n: int, first_seen=None):
    return {
        "topic_id": tid,
        "label": f"{theme}: {', '.join(words[:3])}",
        "words": words,
        "size": 3 * n,
        "n_complaints": n,
        "theme": theme,
        "passages": [passage, f"Tweede passage {tid}.", f"Derde passage {tid}.", "Vierde."],
        "first_seen": first_seen,
    }


@pytest.fixture(scope="module")
def report_html(tmp_path_factory, anonymiser) -> tuple[str, dict]:
    from schemas.settings import load_settings

    base = tmp_path_factory.mktemp("report-topics")
    s = load_settings(data_dir=base / "data", db_path=base / "data" / "rodedraad.duckdb")
    load_letters(s, anonymiser, letters(80, seed=5, start=date(2025, 1, 1), days=360))
    con = connect(s.db_path)
    try:
        q3 = [
            r[0]
            for r in con.execute(
                "SELECT document_id FROM complaint_facts WHERE quarter = '2025-Q3' "
                "ORDER BY document_id"
            ).fetchall()
        ]
        q2 = [
            r[0]
            for r in con.execute(
                "SELECT document_id FROM complaint_facts WHERE quarter = '2025-Q2' "
                "ORDER BY document_id"
            ).fetchall()
        ]
        assert len(q3) >= 10 and len(q2) >= 3
        big = ["leerlingenvervoer", "taxi", "ophalen", "chauffeur"]
        small = ["kluisje", "spullen", "groep"]
        _run(
            con,
            "oud",
            datetime(2025, 1, 1, tzinfo=UTC),
            [_topic(0, "nieuw", ["oud", "onderwerp"], _OLD, 9)],
            [{"document_id": d, "topic_id": 0, "n_sentences": 1} for d in q3[:9]],
        )
        links = (
            [{"document_id": d, "topic_id": 0, "n_sentences": 2} for d in q3[:8] + q2[:2]]
            + [{"document_id": d, "topic_id": 1, "n_sentences": 1} for d in q3[8:10]]
            + [{"document_id": d, "topic_id": 2, "n_sentences": 1} for d in q3[:9]]
        )
        _run(
            con,
            "nu",
            datetime(2025, 12, 1, tzinfo=UTC),
            [
                _topic(0, "nieuw", big, _BIG, 10, date(2025, 5, 12)),
                _topic(1, "nieuw", small, _SMALL, 2, date(2025, 8, 3)),
                _topic(2, "regie", ["regie", "plan"], _THEME, 9),
            ],
            links,
        )
    finally:
        con.close()
    snapshot = publish(s.db_path, s.snapshot_path)
    con = connect(snapshot, read_only=True)
    try:
        data = gather(con, parse("2025-Q3"), min_cell=5)
    finally:
        con.close()
    html_path, _ = write(data, base / "out", pdf=False)
    return html_path.read_text(encoding="utf-8"), {"data": data}


def _section(html: str) -> str:
    start = html.index("<h2>Nieuwe onderwerpen</h2>")
    return html[start : html.index("<h2>", start + 4)]


def test_new_topics_section_shows_label_size_trend_first_seen_and_passages(report_html):
    html, found = report_html
    section = _section(html)
    (topic,) = found["data"].new_topics
    assert topic.label == "leerlingenvervoer, taxi, ophalen" and topic.count == 8
    assert topic.previous == 2
    assert "<h3>leerlingenvervoer, taxi, ophalen</h3>" in section
    assert "8 klachten in deze periode (vorige periode: 2; trend" in section
    assert "voor het eerst gezien 12 mei 2025" in section
    assert "(nieuw in deze periode)" not in section  # it appeared in the previous quarter
    assert _BIG in section and "Tweede passage 0." in section and "Derde passage 0." in section
    assert "Vierde." not in section  # at most three passages
    assert "Kernwoorden: leerlingenvervoer, taxi, ophalen, chauffeur" in section


def test_small_new_topics_are_counted_but_not_shown(report_html):
    html, found = report_html
    section = _section(html)
    assert found["data"].n_new_small == 1
    assert "PLANTKLEIN" not in html and "kluisje" not in html  # label, words and passages
    assert "Nog 1 nieuw onderwerp heeft minder dan 5 klachten" in section


def test_only_new_topics_of_the_newest_run_are_shown(report_html):
    html, _ = report_html
    assert "PLANTOUD" not in html  # an earlier run's topic
    assert "PLANTTHEMA" not in _section(html)  # a theme's topic is no new topic
