"""Labelen: read a complaint the model is least sure about, with its evidence, and set its
themes. The label goes to the owner-only queue (``application.label_queue``), which the next
``rodedraad run``, ``train`` or ``label import`` takes into the warehouse; the dashboard itself
never writes the warehouse."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from application.label_queue import add, pending
from dashboards.context import Context
from dashboards.dutch import NO_COMPLAINT, count_label, day_label, first_words, theme_label
from dashboards.evidence import marked_html
from dashboards.snapshot import evidence, to_label
from schemas.records import THEME_KEYS, THEME_LABELS

CANDIDATES = 200  # the most uncertain complaints offered
_SAVED = "labelen_opgeslagen"


def choice_label(row: pd.Series) -> str:
    """date · model's proposal · first words (the margin decides the order)."""
    proposal = ", ".join(theme_label(t) for t in row["themes"]) or NO_COMPLAINT
    return f"{day_label(row['complaint_date'])} · voorstel: {proposal} · {first_words(row['text'])}"


def _save(data_dir: Path, document_id: str, primary: str, others: list[str]) -> None:
    themes = [] if primary == NO_COMPLAINT else [primary, *[t for t in others if t != primary]]
    add(data_dir, document_id, themes)
    what = NO_COMPLAINT if not themes else ", ".join(THEME_LABELS[t] for t in themes)
    st.session_state[_SAVED] = f"Opgeslagen: {what}."


def page(ctx: Context) -> None:
    st.title("Labelen")
    st.caption(
        "De klachten waarover het themamodel het minst zeker is staan bovenaan. Kies de thema's "
        "(het eerste is het hoofdthema) of 'geen klacht'. Een label wordt bewaard in een "
        "wachtrij; de volgende `rodedraad run`, `rodedraad train` of `rodedraad label import` "
        "neemt het over."
    )
    if not ctx.data:
        return
    data_dir = ctx.settings.data_dir
    if message := st.session_state.pop(_SAVED, None):
        st.success(message)
    queued = pending(data_dir)
    if queued:
        st.info(
            f"{count_label(len(queued), 'label wacht', 'labels wachten')} in de wachtrij op de "
            "volgende run, training of label import."
        )
    candidates = to_label(ctx.snapshot, ctx.mtime, ctx.settings.theme_threshold, CANDIDATES)
    candidates = candidates[~candidates["document_id"].isin(queued)]
    if candidates.empty:
        st.info("Er zijn geen ongelabelde klachten om te labelen.")
        return
    rows = {r["document_id"]: r for _, r in candidates.iterrows()}
    chosen = st.selectbox(
        "Klacht (onzekerste eerst)",
        list(rows),
        format_func=lambda i: choice_label(rows[i]),
        placeholder="Kies een klacht",
        key="labelen_klacht",
    )
    if chosen is None:
        return
    row = rows[chosen]
    proposal = ", ".join(theme_label(t) for t in row["themes"]) or NO_COMPLAINT
    margin = f"{row['margin']:.3f}".replace(".", ",")  # a Dutch decimal comma
    st.caption(
        f"Voorstel van het model: {proposal} (marge tot de drempel {margin}); "
        "het label is uw eigen oordeel."
    )
    html, n = marked_html(row["text"], evidence(ctx.snapshot, chosen), THEME_LABELS)
    st.caption(
        f"{count_label(n, 'zin', 'zinnen')} gemarkeerd als bewijs voor een thema (wijs een "
        "markering aan om het thema te zien)."
    )
    st.markdown(
        f'<div class="klachttekst" style="white-space: pre-wrap; line-height: 1.6">{html}</div>',
        unsafe_allow_html=True,
    )
    with st.form(f"label-{chosen}", clear_on_submit=True):
        primary = st.selectbox(
            "Hoofdthema",
            [*THEME_KEYS, NO_COMPLAINT],
            index=None,
            format_func=lambda k: THEME_LABELS.get(k, k),
            placeholder="Kies het hoofdthema of 'geen klacht'",
        )
        others = st.multiselect(
            "Andere thema's (niet bij 'geen klacht')",
            list(THEME_KEYS),
            format_func=THEME_LABELS.__getitem__,
            placeholder="Kies nul of meer thema's",
        )
        submitted = st.form_submit_button("Label opslaan")
    if submitted:
        if primary is None:
            st.error("Kies een hoofdthema, of 'geen klacht'.")
        elif primary == NO_COMPLAINT and others:
            st.error("'Geen klacht' gaat niet samen met andere thema's.")
        else:
            _save(data_dir, chosen, primary, others)
            st.rerun()
