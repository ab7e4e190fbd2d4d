"""Overzicht: counts and charts for the selection, the complaint list and one complaint's text
with its evidence marked."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboards import charts
from dashboards.context import Context
from dashboards.dutch import count_label, day_label, theme_label
from dashboards.evidence import marked_html
from dashboards.filters import months
from dashboards.snapshot import checked_text, evidence
from schemas.records import THEME_LABELS
from schemas.vocabulary import DocumentStatus

_STATUS = {
    DocumentStatus.VERWERKT: "verwerkt",
    DocumentStatus.CONTROLE_NODIG: "controle nodig",
}
WAITING = "(tekst wacht op controle)"
_GROUPS = (
    ("complainant_role", "Indiener"),
    ("municipality", "Gemeente"),
    ("organisation", "Organisatie"),
)


def beginning(row: pd.Series) -> str:
    """The first words of a complaint's anonymised text, or why it is not shown."""
    if not isinstance(row["preview"], str):
        return WAITING
    return row["preview"]


def choice_label(row: pd.Series) -> str:
    """How a complaint is named in the picker: date · primary theme · first words."""
    return (
        f"{day_label(row['complaint_date'])} · {theme_label(row['primary_theme'])} · "
        f"{beginning(row)}"
    )


def complaint_text(ctx: Context, document_id: str) -> None:
    """One complaint's anonymised text, evidence sentences marked (title: their themes)."""
    text = checked_text(ctx.snapshot, document_id)
    if text is None:
        st.info("Deze tekst wacht op controle ('controle nodig') en wordt niet getoond.")
        return
    html, n = marked_html(text, evidence(ctx.snapshot, document_id), THEME_LABELS)
    st.caption(
        f"{count_label(n, 'zin', 'zinnen')} gemarkeerd als bewijs voor een thema "
        "(wijs een markering aan om het thema te zien)."
    )
    st.markdown(
        f'<div class="klachttekst" style="white-space: pre-wrap; line-height: 1.6">{html}</div>',
        unsafe_allow_html=True,
    )


def page(ctx: Context) -> None:
    st.title("Overzicht")
    if ctx.facts is None:
        return
    selection = ctx.selection()
    view = selection.view
    st.metric("Klachten", len(view))
    if ctx.not_complaints:
        st.caption(
            f"{ctx.not_complaints} ontvangen documenten zijn geen klacht (bedankje, vraag, te "
            "korte tekst) en tellen nergens mee."
        )
    exploded = view.explode("themes").dropna(subset=["themes"])
    period_months = [m for m in months(ctx.facts) if selection.start <= m < selection.end]
    st.subheader("Per thema per maand")
    st.altair_chart(charts.monthly(exploded, period_months), width="stretch")
    per_theme = exploded["themes"].map(THEME_LABELS).value_counts()
    panels = [("Thema", per_theme)] + [
        (title, view[column].value_counts()) for column, title in _GROUPS
    ]
    for row in (panels[:2], panels[2:]):
        for col, (title, counts) in zip(st.columns(2), row, strict=True):
            with col:
                st.subheader(f"Per {title.lower()}")
                if counts.empty:
                    st.caption("Geen klachten in deze selectie.")
                else:
                    st.altair_chart(charts.bars(counts, title), width="stretch")

    st.subheader("Klachten")
    ordered = view.sort_values(["complaint_date", "document_id"], ascending=[False, True])
    table = pd.DataFrame(
        {
            "datum": ordered["complaint_date"].map(day_label),
            "hoofdthema": ordered["primary_theme"].map(theme_label),
            "begin van de tekst": ordered["preview"].fillna(WAITING),
            "gemeente": ordered["municipality"],
            "organisatie": ordered["organisation"],
            "indiener": ordered["complainant_role"],
            "status": ordered["status"].map(lambda s: _STATUS.get(s, s)),
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")
    if ordered.empty:
        return
    labels = dict(zip(ordered["document_id"], ordered.apply(choice_label, axis=1), strict=True))
    chosen = st.selectbox(
        "Klacht lezen",
        list(labels),
        format_func=labels.__getitem__,
        placeholder="Kies een klacht",
        key="klacht",
    )
    if chosen is not None:
        complaint_text(ctx, chosen)
