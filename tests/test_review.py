"""`rodedraad nakijken`: a person sees what the residual check suspects, redacts it and clears
the document; the text, its evidence sentences and stored topic words are redacted alike, and
the published snapshot is republished at once."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, datetime

import duckdb
from click.testing import CliRunner

from nlp.anonymise import lexicons, residual
from nlp.themes.sentences import split
from rodedraad.cli import main
from schemas.records import Evidence, ThemeResult
from tests.test_warehouse import _doc
from warehouse import db, load
from warehouse.topics import store

# A stored anonymised text with what a letter really leaked: a lowercase surname after the
# replaced first name, and a name in the possessive.
LEFTOVER = (
    "Ik ben [PERSOON-1] koster, de moeder van [PERSOON-2].\n\n"
    "Kayleighs school heeft nooit gebeld. De gezinsvoogd kwam niet op de afspraak."
)
CLEAN = "[PERSOON-1] vindt dat de gezinsvoogd te weinig belt."


def _runner(settings) -> CliRunner:
    """The CLI for this installation (data folder, snapshot and lock under tmp_path)."""
    return CliRunner(env={"RODEDRAAD_DATA_DIR": str(settings.data_dir)})


def _setup(settings) -> str:
    con = db.connect(settings.db_path)
    flags = residual.check(LEFTOVER, lexicons.load())
    assert flags, "the residual check must suspect this text"
    sentences = split(LEFTOVER)
    doc = replace(
        _doc("abcdef0123456789"),
        text=LEFTOVER,
        status="controle nodig",
        residual_flags=flags,
        themes=ThemeResult(
            scores={"communicatie": 0.9},
            assigned=["communicatie"],
            primary="communicatie",
            evidence=[Evidence("communicatie", i, s, 0.8) for i, s in enumerate(sentences)],
            model_version="m",
        ),
    )
    other = replace(_doc("fedcba9876543210"), text=CLEAN)
    load.load_batch(con, "r1", load.BatchLoad(processed=[doc, other]))
    store(
        con,
        {
            "topic_run_id": "t1",
            "n_complaints": 2,
            "n_sentences": 4,
            "k": 2,
            "seed": 1,
            "encoder": "test",
            "zeroshot_min_similarity": 0.5,
            "bertopic_version": "0",
        },
        [
            {
                "topic_run_id": "t1",
                "topic_id": 0,
                "label": "nieuw: kayleighs, school, koster, afspraak, gebeld",
                "words": ["kayleighs", "school", "koster", "afspraak", "gebeld"],
                "size": 3,
                "n_complaints": 1,
                "theme": "nieuw",
                "seeded": False,
                "passages": ["Kayleigh komt te laat op school, zegt koster."],
            }
        ],
        [{"topic_run_id": "t1", "document_id": doc.content_id, "topic_id": 0, "n_sentences": 2}],
    )
    con.close()
    return doc.content_id


def _state(path, doc_id):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {
            "status": con.execute(
                "SELECT status, reviewed_at FROM documents WHERE document_id = ?", [doc_id]
            ).fetchone(),
            "text": con.execute(
                "SELECT text FROM complaints WHERE document_id = ?", [doc_id]
            ).fetchone()[0],
            "evidence": [
                r[0]
                for r in con.execute(
                    "SELECT sentence FROM theme_evidence WHERE document_id = ? "
                    "ORDER BY sentence_index",
                    [doc_id],
                ).fetchall()
            ],
            "topic": con.execute("SELECT label, words FROM topics").fetchone(),
            "passages": con.execute("SELECT passages FROM topics").fetchone()[0],
            "other": con.execute(
                "SELECT text FROM complaints WHERE document_id <> ?", [doc_id]
            ).fetchone()[0],
        }
    finally:
        con.close()


def test_reviewer_sees_the_suspects_redacts_and_clears(settings, caplog):
    doc_id = _setup(settings)
    caplog.set_level(logging.DEBUG)
    # finding 1 with the default label, then a string (possessive included), then confirm
    result = _runner(settings).invoke(
        main,
        ["nakijken", doc_id[:8], "--db", str(settings.db_path)],
        input="1\n\nt\nKayleigh\nPERSOON\na\n",
    )
    assert result.exit_code == 0, result.output
    assert "⟦koster⟧1" in result.output and "naam naast vervanging" in result.output
    assert "status nu 'verwerkt'" in result.output
    for where in (settings.db_path, settings.snapshot_path):  # the snapshot was republished
        state = _state(where, doc_id)
        assert state["status"][0] == "verwerkt" and state["status"][1] is not None
        assert state["text"].startswith("Ik ben [PERSOON-1], de moeder van [PERSOON-2].")
        assert "[PERSOON-3]s school" in state["text"]
        joined = " ".join(state["evidence"])
        assert "koster" not in joined and "Kayleigh" not in joined
        assert "[PERSOON-3]s school" in joined and "Ik ben [PERSOON-1], de moeder" in joined
        label, words = state["topic"]
        assert words == ["school", "afspraak", "gebeld"]
        assert label == "nieuw: school, afspraak, gebeld"
        shown = " ".join(state["passages"])  # issue 17: stored passages are redacted too
        assert "Kayleigh" not in shown and "koster" not in shown and "school" in shown
        assert state["other"] == CLEAN
    assert not [r for r in caplog.records if "koster" in r.getMessage()], "text was logged"


def test_redact_by_string_and_range_without_questions(settings):
    doc_id = _setup(settings)
    start = LEFTOVER.index("koster")
    result = _runner(settings).invoke(
        main,
        [
            "nakijken",
            doc_id[:8],
            "--db",
            str(settings.db_path),
            "--positie",
            f"{start}-{start + 6}",
            "--tekst",
            "Kayleigh",
            "--akkoord",
        ],
    )
    assert result.exit_code == 0, result.output
    text = _state(settings.db_path, doc_id)["text"]
    assert "koster" not in text and "Kayleigh" not in text


def test_stopping_changes_nothing(settings):
    doc_id = _setup(settings)
    before = _state(settings.db_path, doc_id)
    result = _runner(settings).invoke(
        main, ["nakijken", doc_id[:8], "--db", str(settings.db_path)], input="s\n"
    )
    assert result.exit_code == 0 and "niets gewijzigd" in result.output
    assert _state(settings.db_path, doc_id) == before


def test_a_string_that_is_not_there_changes_nothing(settings):
    doc_id = _setup(settings)
    before = _state(settings.db_path, doc_id)
    result = _runner(settings).invoke(
        main,
        ["nakijken", doc_id[:8], "--db", str(settings.db_path), "--tekst", "Zwartveld"],
    )
    assert result.exit_code == 1 and "niets gewijzigd" in result.output
    assert _state(settings.db_path, doc_id) == before


def test_nagekeken_still_confirms_at_once(settings):
    doc_id = _setup(settings)
    result = _runner(settings).invoke(
        main, ["nagekeken", doc_id[:8], "--db", str(settings.db_path)]
    )
    assert result.exit_code == 0, result.output
    state = _state(settings.db_path, doc_id)
    assert state["status"][0] == "verwerkt" and state["text"] == LEFTOVER
    assert datetime.now(UTC) >= state["status"][1]
