"""The sidebar selection (period, theme, place, organisation, role) and small-cell suppression
for the selected period.

Suppression is computed after the period filter, with the reports' function
(``reports.suppression.shown_as``), so a municipality, organisation or role with fewer than
``min_cell`` complaints in the period shows as "overig" here exactly as in that period's
report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from dashboards.dutch import month_label
from reports.suppression import shown_as
from schemas.records import THEME_KEYS, THEME_LABELS

ALL = "(alle)"
SUPPRESSED = ("municipality", "organisation", "complainant_role")


@dataclass(frozen=True)
class Selection:
    start: date  # first day of the first month
    end: date  # first day after the last month
    view: pd.DataFrame  # complaints in the selection, small cells suppressed for the period


def months(facts: pd.DataFrame) -> list[date]:
    """Every month from the first complaint to the last, also months without complaints."""
    first, last = facts["complaint_date"].min(), facts["complaint_date"].max()
    return [p.date() for p in pd.date_range(first.replace(day=1), last, freq="MS")]


def in_period(facts: pd.DataFrame, start: date, end: date) -> pd.DataFrame:
    """Complaints whose complaint date (a Dutch calendar day) lies in [start, end)."""
    dates = facts["complaint_date"]
    return facts[(dates >= pd.Timestamp(start)) & (dates < pd.Timestamp(end))]


def suppress(view: pd.DataFrame, min_cell: int) -> pd.DataFrame:
    """``view`` with small municipalities, organisations and roles shown as "overig", counted
    within ``view`` (the selected period)."""
    out = view.copy()
    for column in SUPPRESSED:
        out[column] = out[column].map(shown_as(out[column].value_counts().to_dict(), min_cell))
    return out


def _next_month(d: date) -> date:
    return date(d.year + (d.month == 12), d.month % 12 + 1, 1)


def sidebar(facts: pd.DataFrame, min_cell: int) -> Selection:
    """The selection widgets, in Dutch, and the complaints they leave."""
    with st.sidebar:
        st.header("Selectie")
        options = months(facts)
        if len(options) > 1:
            first, last = st.select_slider(
                "Periode (maanden)",
                options=options,
                value=(options[0], options[-1]),
                format_func=month_label,
                key="periode",
            )
        else:
            first = last = options[0]
            st.caption(f"Periode: {month_label(first)}")
        start, end = first, _next_month(last)
        view = suppress(in_period(facts, start, end), min_cell)
        theme = st.radio(
            "Thema", [ALL, *THEME_KEYS], format_func=lambda k: THEME_LABELS.get(k, k), key="thema"
        )
        chosen = {
            column: st.selectbox(
                label,
                [ALL, *sorted(view[column].unique())],
                key=column,
                placeholder="Kies een waarde",
            )
            for column, label in zip(
                SUPPRESSED, ("Gemeente", "Organisatie", "Indiener"), strict=True
            )
        }
        st.caption(
            f"Gemeenten, organisaties en indieners met minder dan {min_cell} klachten in de "
            "gekozen periode staan samen onder 'overig', net als in het rapport."
        )
    if theme != ALL:
        view = view[view["themes"].apply(lambda ts: theme in list(ts))]
    for column, choice in chosen.items():
        if choice != ALL:
            view = view[view[column] == choice]
    return Selection(start, end, view)
