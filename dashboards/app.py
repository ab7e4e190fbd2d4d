"""rodedraad dashboard (Streamlit): themes over time, per municipality, organisation and role,
complaints with their anonymised text and highlighted evidence, and topics.

Each complaint counts once (linked copies of one letter are not counted again) on its complaint
date: the letter's own date when it carries one, else the received day (``date_basis``).

Reads only the published snapshot (``published_path`` in the settings, read like every command
reads them), opened read-only for as long as a query takes, so it never blocks ingestion.
Municipalities and organisations with fewer than ``min_cell`` complaints are shown as "overig"
(``reports.suppression``, the reports' rule). Start it with ``rodedraad dashboard``.
"""

from __future__ import annotations

import html

import duckdb
import pandas as pd
import streamlit as st

from reports.suppression import shown_as
from schemas.records import THEME_KEYS, THEME_LABELS
from schemas.settings import TIMEZONE, load_settings
from schemas.vocabulary import DocumentStatus

SETTINGS = load_settings()
SNAPSHOT = SETTINGS.snapshot_path
MIN_CELL = SETTINGS.min_cell
ALL = "(alle)"


@st.cache_data(show_spinner=False)
def load(path: str, mtime: float) -> dict[str, pd.DataFrame]:
    """Everything the dashboard shows, read in one short read-only session. ``mtime`` makes a
    newly published snapshot invalidate the cache."""
    con = duckdb.connect(path, read_only=True)
    try:
        facts = con.execute(
            "SELECT document_id, timezone(?, received_at) AS received_at, "
            "CAST(complaint_date AS TIMESTAMP) AS complaint_date, month, quarter, "
            "status, municipality, organisation, complainant_role, themes, primary_theme "
            "FROM complaint_facts",
            [TIMEZONE],
        ).df()
        topics = con.execute(
            "SELECT topic_id, label, theme, n_complaints FROM topics_current "
            "ORDER BY n_complaints DESC"
        ).df()
        not_complaints = con.execute("SELECT count(*) FROM not_complaints").df()
    finally:
        con.close()
    for column in ("municipality", "organisation"):
        shown = shown_as(facts[column].value_counts().to_dict(), MIN_CELL)
        facts[column] = facts[column].map(shown)
    return {"facts": facts, "topics": topics, "not_complaints": not_complaints}


def text_with_evidence(path: str, document_id: str) -> tuple[str, list[tuple[str, str]], str]:
    con = duckdb.connect(path, read_only=True)
    try:
        text, status = con.execute(
            "SELECT c.text, d.status FROM complaints c JOIN documents d USING (document_id) "
            "WHERE document_id = ?",
            [document_id],
        ).fetchone()
        evidence = con.execute(
            "SELECT theme, sentence FROM theme_evidence WHERE document_id = ? ORDER BY score DESC",
            [document_id],
        ).fetchall()
    finally:
        con.close()
    return text, evidence, status


def main() -> None:
    st.set_page_config(page_title="rodedraad", layout="wide")
    st.title("Rode draden in klachten over jeugdbescherming")
    if not SNAPSHOT.is_file():
        st.warning("Nog geen gepubliceerde gegevens. Draai eerst `rodedraad run`.")
        return
    data = load(str(SNAPSHOT), SNAPSHOT.stat().st_mtime)
    facts = data["facts"]
    if facts.empty:
        st.info("Er zijn nog geen klachten verwerkt.")
        return

    with st.sidebar:
        st.header("Filters")
        first, last = facts["complaint_date"].min().date(), facts["complaint_date"].max().date()
        period = st.date_input("Periode", (first, last), min_value=first, max_value=last)
        theme = st.radio(
            "Thema", [ALL, *THEME_KEYS], format_func=lambda k: THEME_LABELS.get(k, k), key="thema"
        )
        municipality = st.selectbox("Gemeente", [ALL, *sorted(facts["municipality"].unique())])
        organisation = st.selectbox("Organisatie", [ALL, *sorted(facts["organisation"].unique())])
        role = st.selectbox("Indiener", [ALL, *sorted(facts["complainant_role"].unique())])

    view = facts
    if isinstance(period, tuple) and len(period) == 2:
        start, end = (pd.Timestamp(d) for d in period)  # Dutch calendar days
        view = view[
            (view["complaint_date"] >= start)
            & (view["complaint_date"] < end + pd.Timedelta(days=1))
        ]
    if theme != ALL:
        view = view[view["themes"].apply(lambda ts: theme in list(ts))]
    for column, choice in (
        ("municipality", municipality),
        ("organisation", organisation),
        ("complainant_role", role),
    ):
        if choice != ALL:
            view = view[view[column] == choice]

    st.metric("Klachten", len(view))
    n_not = int(data["not_complaints"].iloc[0, 0])
    if n_not:
        st.caption(
            f"{n_not} ontvangen documenten zijn geen klacht (bedankje, vraag, te korte tekst) "
            "en tellen nergens mee."
        )
    exploded = view.explode("themes").dropna(subset=["themes"])
    left, right = st.columns(2)
    with left:
        st.subheader("Per thema per maand")
        trend = exploded.groupby(["month", "themes"]).size().unstack(fill_value=0)
        trend.columns = [THEME_LABELS.get(c, c) for c in trend.columns]
        st.line_chart(trend)
    with right:
        st.subheader("Per thema")
        per_theme = exploded["themes"].map(THEME_LABELS).value_counts()
        st.bar_chart(per_theme)

    st.subheader("Klachten")
    table = view.assign(
        id=view["document_id"].str[:12],
        thema=view["themes"].apply(lambda ts: ", ".join(THEME_LABELS[t] for t in ts)),
    )[
        [
            "id",
            "complaint_date",
            "received_at",
            "thema",
            "municipality",
            "organisation",
            "complainant_role",
            "status",
        ]
    ]
    table.columns = [
        "id", "datum", "ontvangen", "thema's", "gemeente", "organisatie", "indiener", "status"
    ]  # fmt: skip
    st.dataframe(table.sort_values("datum", ascending=False), hide_index=True)

    ids = view.sort_values("complaint_date", ascending=False)["document_id"].tolist()
    if ids:
        chosen = st.selectbox("Klacht bekijken", ids, format_func=lambda i: i[:12])
        text, evidence, status = text_with_evidence(str(SNAPSHOT), chosen)
        if status != DocumentStatus.VERWERKT:
            st.info("Deze tekst wacht op controle ('controle nodig') en wordt niet getoond.")
        else:
            marked = html.escape(text)
            for t, sentence in evidence:
                s = html.escape(sentence)
                title = html.escape(THEME_LABELS.get(t, t))
                marked = marked.replace(s, f'<mark title="{title}">{s}</mark>', 1)
            st.markdown(
                f'<div class="klachttekst" style="white-space: pre-wrap">{marked}</div>',
                unsafe_allow_html=True,
            )

    st.subheader("Onderwerpen")
    topics = data["topics"]
    if topics.empty:
        st.caption("Nog geen onderwerpen berekend (`rodedraad topics`).")
    else:
        shown = topics.rename(
            columns={
                "topic_id": "nr",
                "label": "onderwerp",
                "theme": "thema",
                "n_complaints": "klachten",
            }
        )
        st.dataframe(shown, hide_index=True)


main()
