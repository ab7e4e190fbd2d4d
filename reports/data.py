"""Everything a report shows, read from the published snapshot (never the live warehouse).

Every complaint counts once (a linked copy of a letter is not counted again) on its complaint
date: the letter's own date when it carries one, else the received day, or always the received
day when the warehouse's date basis is 'ontvangst' (``date_basis``; migration 009).

Small cells: a municipality or organisation with fewer than ``min_cell`` complaints in the period
is folded into "overig". Quotes are evidence sentences (already anonymised) from documents with
status 'verwerkt' only, never from a document marked 'controle nodig', and whole sentences only
(``reports.quotes``).

Only complaints count (``documents.kind = 'klacht'``, migration 010): a thank-you note, a
question or a too-short file is stored but not counted; the report says how many there were.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import duckdb

from reports.period import Period
from reports.quotes import MAX_CHARS, MIN_CHARS, choose
from reports.suppression import OTHER, shown_as, suppressed
from schemas.records import NEW_TOPIC, THEME_KEYS, THEME_LABELS
from schemas.settings import TIMEZONE
from schemas.vocabulary import DocumentStatus

_QUOTES = 3
_CANDIDATES = 60  # best-scored evidence sentences looked at for the quotes (whole ones)


@dataclass
class ThemeSection:
    key: str
    label: str
    count: int
    share: float
    previous: int
    year_ago: int
    quotes: list[str] = field(default_factory=list)
    topics: list[tuple[str, int]] = field(default_factory=list)  # label, complaints


@dataclass(frozen=True)
class NewTopic:
    """A ``nieuw`` topic with complaints in the period (issue 17): what it is, how large, how it
    moved against the previous period, since when it exists and passages that show it."""

    label: str
    words: list[str]
    count: int  # complaints in the period
    previous: int  # complaints in the previous period
    first_seen: date | None
    passages: list[str]  # anonymised, from checked complaints only


@dataclass
class ReportData:
    period: Period
    n_documents: int
    n_previous: int
    n_year_ago: int
    n_quarantined: int
    n_review: int
    themes: list[ThemeSection]
    monthly: list[tuple[date, str, int]]  # month, theme, complaints (12 months up to the end)
    cooccurrence: list[tuple[str, str, int]]
    municipalities: list[tuple[str, int]]
    organisations: list[tuple[str, int]]
    roles: list[tuple[str, int]]
    new_topics: list[NewTopic]
    pipelines: list[str]
    classifiers: list[str]
    min_cell: int
    date_basis: str = "brief"  # brief | ontvangst: the day each complaint counts on
    n_letter_dated: int = 0  # complaints in the period counted on their letter's own date
    n_not_complaints: int = 0  # documents received in the period that are no complaint
    n_new_small: int = 0  # nieuw topics with too few complaints in the period to show


def _between(p: Period) -> list:
    return [p.start, p.end]


def _count(con: duckdb.DuckDBPyConnection, p: Period) -> int:
    return con.execute(
        "SELECT count(*) FROM complaint_facts WHERE complaint_date >= ? AND complaint_date < ?",
        _between(p),
    ).fetchone()[0]


def _theme_counts(con: duckdb.DuckDBPyConnection, p: Period) -> dict[str, int]:
    rows = con.execute(
        "SELECT theme, count(*) FROM complaint_theme_facts "
        "WHERE complaint_date >= ? AND complaint_date < ? GROUP BY theme",
        _between(p),
    ).fetchall()
    return dict(rows)


def gather(con: duckdb.DuckDBPyConnection, period: Period, min_cell: int = 5) -> ReportData:
    """Everything the report shows for ``period``, small cells suppressed, from checked complaints
    only."""
    prev, ago = period.previous(), period.year_ago()
    n = _count(con, period)
    now, before, year = (_theme_counts(con, p) for p in (period, prev, ago))
    sections = []
    for key in THEME_KEYS:
        quotes = choose(
            (
                r[0]
                for r in con.execute(
                    """
                SELECT e.sentence, max(e.score) AS score FROM theme_evidence e
                JOIN complaint_facts f USING (document_id)
                WHERE e.theme = ? AND f.status = ?
                  AND f.complaint_date >= ? AND f.complaint_date < ?
                  AND length(e.sentence) BETWEEN ? AND ?
                GROUP BY e.sentence
                ORDER BY score DESC, e.sentence LIMIT ?
                """,
                    [
                        key,
                        DocumentStatus.VERWERKT,
                        *_between(period),
                        MIN_CHARS,
                        MAX_CHARS,
                        _CANDIDATES,
                    ],
                ).fetchall()
            ),
            _QUOTES,
        )
        topics = con.execute(
            """
            SELECT t.label, count(DISTINCT ct.document_id) AS n FROM topics_current t
            JOIN complaint_topics ct USING (topic_run_id, topic_id)
            JOIN complaint_facts f USING (document_id)
            WHERE t.theme = ? AND NOT t.seeded AND f.complaint_date >= ? AND f.complaint_date < ?
            GROUP BY t.label ORDER BY n DESC, t.label LIMIT 3
            """,
            [key, *_between(period)],
        ).fetchall()
        sections.append(
            ThemeSection(
                key=key,
                label=THEME_LABELS[key],
                count=now.get(key, 0),
                share=now.get(key, 0) / n if n else 0.0,
                previous=before.get(key, 0),
                year_ago=year.get(key, 0),
                quotes=quotes,
                topics=[(label, c) for label, c in topics],
            )
        )
    twelve = Period(date(period.end.year - 1, period.end.month, 1), period.end, "")
    new, n_new_small = new_topics(con, period, min_cell)

    def grouped(column: str) -> list[tuple[str, int]]:
        rows = con.execute(
            f"SELECT {column}, count(*) FROM complaint_facts "
            "WHERE complaint_date >= ? AND complaint_date < ? GROUP BY 1",
            _between(period),
        ).fetchall()
        return suppressed(rows, min_cell)

    return ReportData(
        period=period,
        n_documents=n,
        n_previous=_count(con, prev),
        n_year_ago=_count(con, ago),
        n_quarantined=con.execute(
            "SELECT count(*) FROM quarantine WHERE timezone(?, quarantined_at)::DATE >= ? "
            "AND timezone(?, quarantined_at)::DATE < ?",
            [TIMEZONE, period.start, TIMEZONE, period.end],
        ).fetchone()[0],
        n_review=con.execute(
            "SELECT count(*) FROM complaint_facts WHERE status = ? "
            "AND complaint_date >= ? AND complaint_date < ?",
            [DocumentStatus.CONTROLE_NODIG, *_between(period)],
        ).fetchone()[0],
        themes=sections,
        monthly=con.execute(
            "SELECT month, theme, count(*) FROM complaint_theme_facts "
            "WHERE complaint_date >= ? AND complaint_date < ? GROUP BY ALL ORDER BY ALL",
            _between(twelve),
        ).fetchall(),
        cooccurrence=con.execute(
            """
            SELECT a.theme, b.theme, count(*) FROM complaint_theme_facts a
            JOIN complaint_theme_facts b ON a.document_id = b.document_id AND a.theme < b.theme
            WHERE a.complaint_date >= ? AND a.complaint_date < ? GROUP BY ALL ORDER BY 3 DESC
            """,
            _between(period),
        ).fetchall(),
        municipalities=grouped("municipality"),
        organisations=grouped("organisation"),
        roles=grouped("complainant_role"),
        new_topics=new,
        n_new_small=n_new_small,
        pipelines=[
            r[0]
            for r in con.execute(
                "SELECT DISTINCT c.pipeline FROM complaints c JOIN complaint_facts f USING "
                "(document_id) WHERE f.complaint_date >= ? AND f.complaint_date < ? ORDER BY 1",
                _between(period),
            ).fetchall()
        ],
        classifiers=[
            r[0]
            for r in con.execute(
                "SELECT DISTINCT classifier_version FROM complaint_facts "
                "WHERE complaint_date >= ? AND complaint_date < ? ORDER BY 1",
                _between(period),
            ).fetchall()
        ],
        min_cell=min_cell,
        date_basis=con.execute("SELECT min(date_basis) FROM count_settings").fetchone()[0]
        or "brief",
        n_letter_dated=con.execute(
            "SELECT count(*) FROM complaint_facts WHERE letter_date = complaint_date "
            "AND complaint_date >= ? AND complaint_date < ?",
            _between(period),
        ).fetchone()[0],
        n_not_complaints=con.execute(
            "SELECT count(*) FROM not_complaints WHERE timezone(?, received_at)::DATE >= ? "
            "AND timezone(?, received_at)::DATE < ?",
            [TIMEZONE, period.start, TIMEZONE, period.end],
        ).fetchone()[0],
    )


_PASSAGES = 3
_MAX_NEW = 8


def new_topics(
    con: duckdb.DuckDBPyConnection, period: Period, min_cell: int
) -> tuple[list[NewTopic], int]:
    """The ``nieuw`` topics of the newest topic run with complaints in ``period``, largest first,
    and how many have fewer than ``min_cell`` (counted only, without
    label or passages: a handful of letters on one subject can point at a family)."""
    prev = period.previous()
    rows = con.execute(
        """
        SELECT t.topic_id, t.label, t.words, t.first_seen, t.passages,
               count(DISTINCT ct.document_id) FILTER (
                   WHERE f.complaint_date >= ? AND f.complaint_date < ?) AS now,
               count(DISTINCT ct.document_id) FILTER (
                   WHERE f.complaint_date >= ? AND f.complaint_date < ?) AS before
        FROM topics_current t
        JOIN complaint_topics ct USING (topic_run_id, topic_id)
        JOIN complaint_facts f USING (document_id)
        WHERE t.theme = 'nieuw'
        GROUP BY ALL
        HAVING now > 0
        ORDER BY now DESC, t.topic_id
        """,
        [*_between(period), *_between(prev)],
    ).fetchall()
    shown = shown_as({str(r[0]): r[5] for r in rows}, min_cell)
    out = [
        NewTopic(
            label=label.removeprefix(f"{NEW_TOPIC}: "),
            words=list(words or []),
            count=now,
            previous=before,
            first_seen=first_seen,
            passages=list(passages or [])[:_PASSAGES],
        )
        for tid, label, words, first_seen, passages, now, before in rows
        if shown[str(tid)] != OTHER
    ]
    small = sum(shown[str(r[0])] == OTHER for r in rows)
    return out[:_MAX_NEW], small
