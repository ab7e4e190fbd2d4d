"""Storing one topic fit: runs, topics and per-complaint topic counts, in one transaction."""

from __future__ import annotations

from datetime import UTC, datetime

import duckdb

from schemas.records import NEW_TOPIC
from warehouse.db import insert_rows, transaction


def complaints_for_topics(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """(document id, anonymised text) of checked complaints. Documents marked 'controle nodig'
    stay out: topic words end up in reports. A linked copy of a letter (duplicate_of) stays out
    too: it would count the same sentences twice, and so does a document that is no complaint
    (documents.kind, migration 010)."""
    return con.execute(
        "SELECT document_id, text FROM checked_complaints ORDER BY document_id"
    ).fetchall()


def store(
    con: duckdb.DuckDBPyConnection,
    run: dict,
    topics: list[dict],
    complaint_topics: list[dict],
) -> None:
    """One topic run: its parameters, topics and per-complaint topics, in one transaction."""
    with transaction(con):
        insert_rows(con, "topic_runs", [{**run, "fitted_at": datetime.now(UTC)}])
        insert_rows(con, "topics", topics)
        insert_rows(con, "complaint_topics", complaint_topics)


def complaint_dates(con: duckdb.DuckDBPyConnection) -> dict[str, object]:
    """Document id -> the date a complaint counts from (its letter date, else when received)."""
    return dict(
        con.execute("SELECT document_id, complaint_date::DATE FROM counted_documents").fetchall()
    )


def previous_topics(con: duckdb.DuckDBPyConnection) -> list[tuple[list[str], str, object]]:
    """(words, theme, first_seen) of the newest earlier fit's topics: a topic filed under a theme
    before is not new now, and a returning new topic keeps the date it first appeared."""
    return con.execute(
        "SELECT words, theme, first_seen FROM topics_current ORDER BY topic_id"
    ).fetchall()


def new_topic_complaints(con: duckdb.DuckDBPyConnection) -> list[tuple[int, list[str], set[str]]]:
    """The current run's ``nieuw`` topics: id, words and the complaints they occur in."""
    rows = con.execute(
        "SELECT t.topic_id, t.words, list(ct.document_id) FROM topics_current t "
        "JOIN complaint_topics ct USING (topic_run_id, topic_id) WHERE t.theme = ? "
        "GROUP BY ALL ORDER BY t.topic_id",
        [NEW_TOPIC],
    ).fetchall()
    return [(tid, list(words), set(docs)) for tid, words, docs in rows]
