"""What the dashboard reads from the published snapshot, each in one short read-only session
(the snapshot is swapped atomically by a run; a reader never blocks one)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from dashboards.dutch import first_words
from schemas.settings import TIMEZONE
from warehouse.labels import uncertain


def _connect(path: str) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(path, read_only=True)


@st.cache_data(show_spinner=False)
def load(path: str, mtime: float) -> dict[str, pd.DataFrame]:
    """Everything the overview and topic pages show. ``mtime`` makes a newly published snapshot
    invalidate the cache. Small cells are not suppressed here: that depends on the period the
    user picks (``dashboards.filters``)."""
    con = _connect(path)
    try:
        facts = con.execute(
            """
            SELECT f.document_id, timezone(?, f.received_at) AS received_at,
                   CAST(f.complaint_date AS TIMESTAMP) AS complaint_date, f.month, f.quarter,
                   f.status, f.municipality, f.organisation, f.complainant_role, f.themes,
                   f.primary_theme, left(c.text, 1000) AS head
            FROM complaint_facts f
            LEFT JOIN checked_complaints c USING (document_id)
            """,
            [TIMEZONE],
        ).df()
        topics = con.execute(
            "SELECT topic_id, label, theme, n_complaints, words, passages, first_seen "
            "FROM topics_current ORDER BY n_complaints DESC"
        ).df()
        complaint_topics = con.execute(
            "SELECT ct.topic_id, ct.document_id FROM complaint_topics ct "
            "JOIN topics_current t USING (topic_run_id, topic_id)"
        ).df()
        not_complaints = con.execute("SELECT count(*) FROM not_complaints").fetchone()[0]
    finally:
        con.close()
    facts["preview"] = facts.pop("head").map(
        lambda t: first_words(t) if isinstance(t, str) else None
    )
    return {
        "facts": facts,
        "topics": topics,
        "complaint_topics": complaint_topics,
        "not_complaints": pd.DataFrame({"n": [not_complaints]}),
    }


def checked_text(path: str, document_id: str) -> str | None:
    """A complaint's anonymised text, or None while it waits in 'controle nodig' (its text may
    hold personal data nobody has checked; ``checked_complaints``)."""
    con = _connect(path)
    try:
        row = con.execute(
            "SELECT text FROM checked_complaints WHERE document_id = ?", [document_id]
        ).fetchone()
    finally:
        con.close()
    return row[0] if row else None


def evidence(path: str, document_id: str) -> list[tuple[str, str]]:
    """(theme, sentence) the model took as evidence for a complaint, strongest first."""
    con = _connect(path)
    try:
        return con.execute(
            "SELECT theme, sentence FROM theme_evidence WHERE document_id = ? ORDER BY score DESC",
            [document_id],
        ).fetchall()
    finally:
        con.close()


@st.cache_data(show_spinner=False)
def to_label(path: str, mtime: float, threshold: float, limit: int) -> pd.DataFrame:
    """Unlabelled complaints, the most uncertain first: the query of ``rodedraad label
    export``."""
    con = _connect(path)
    try:
        rows = uncertain(con, threshold, limit)
        dates = dict(
            con.execute(
                "SELECT document_id, CAST(complaint_date AS DATE) FROM complaint_facts"
            ).fetchall()
        )
    finally:
        con.close()
    return pd.DataFrame(
        [(i, m, list(t or []), text, dates.get(i)) for i, m, t, text in rows],
        columns=["document_id", "margin", "themes", "text", "complaint_date"],
    )


def snapshot_mtime(path: Path) -> float:
    return path.stat().st_mtime
