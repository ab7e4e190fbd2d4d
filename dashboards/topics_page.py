"""Nieuwe onderwerpen: topics that belong to none of the six themes ('nieuw'), with their size
in the selection, when they first appeared, and passages that show what they are about."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from dashboards.context import Context
from dashboards.dutch import count_label, day_label, theme_label
from schemas.records import NEW_TOPIC

_OWN_NAMES = (NEW_TOPIC, "algemeen")  # topics of no theme, or in most letters


def in_selection(
    topics: pd.DataFrame, complaint_topics: pd.DataFrame, view: pd.DataFrame
) -> pd.DataFrame:
    """Each current topic with ``n_selected``: its complaints within ``view``, largest first;
    topics without any complaint in the selection are left out."""
    links = complaint_topics[complaint_topics["document_id"].isin(view["document_id"])]
    sizes = links.groupby("topic_id")["document_id"].nunique().rename("n_selected")
    out = topics.join(sizes, on="topic_id", how="inner")
    return out.sort_values(["n_selected", "topic_id"], ascending=[False, True])


def page(ctx: Context) -> None:
    st.title("Nieuwe onderwerpen")
    if ctx.facts is None:
        return
    selection = ctx.selection()
    topics = ctx.data["topics"]
    if topics.empty:
        st.caption("Nog geen onderwerpen berekend (`rodedraad topics`).")
        return
    shown = in_selection(topics, ctx.data["complaint_topics"], selection.view)
    new = shown[shown["theme"] == NEW_TOPIC]
    st.caption(
        "Onderwerpen die bij geen van de zes thema's horen, met het aantal klachten in de "
        "gekozen selectie en een paar passages (geanonimiseerd) die laten zien waar ze over gaan."
    )
    if new.empty:
        st.info("Geen nieuwe onderwerpen in deze selectie.")
    for _, topic in new.iterrows():
        first = day_label(topic["first_seen"]) if pd.notna(topic["first_seen"]) else ""
        since = f", voor het eerst gezien {first}" if first else ""
        with st.expander(
            f"{topic['label']} · {count_label(int(topic['n_selected']), 'klacht', 'klachten')}"
            f"{since}",
            expanded=True,
        ):
            words = ", ".join(list(topic["words"])[:8])
            if words:
                st.caption(f"Kernwoorden: {words}")
            passages = list(topic["passages"]) if topic["passages"] is not None else []
            for passage in passages[:3]:
                st.markdown(
                    f'<blockquote class="passage">{html.escape(passage)}</blockquote>',
                    unsafe_allow_html=True,
                )
            if not passages:
                st.caption("Geen passages opgeslagen (onderwerpen opnieuw berekenen).")

    st.subheader("Alle onderwerpen in deze selectie")
    table = pd.DataFrame(
        {
            "onderwerp": shown["label"],
            "thema": shown["theme"].map(lambda t: t if t in _OWN_NAMES else theme_label(t)),
            "klachten in selectie": shown["n_selected"],
            "klachten totaal": shown["n_complaints"],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")
