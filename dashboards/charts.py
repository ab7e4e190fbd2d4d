"""The dashboard's charts (Altair, as Streamlit draws them), labelled in Dutch.

Months are put on the axis as Dutch labels ('okt 2026') in calendar order rather than as
timestamps, so no axis ever shows the browser's English day ticks ('Fri 09'), and a period of
one month still has a point per theme. The legend sits beside the lines: Streamlit fits the
whole chart, legend included, into its height. Bars are horizontal, so long theme names stay
whole and horizontal.
"""

from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd

from dashboards.dutch import month_label
from schemas.records import THEME_KEYS, THEME_LABELS

_BAR_HEIGHT = 28  # pixels per bar


def monthly(exploded: pd.DataFrame, months: list[date]) -> alt.Chart:
    """Complaints per theme per month; every month of the period and every theme is on the
    chart, months without complaints as 0."""
    counts = exploded.groupby(["month", "themes"]).size()
    keys = [k for k in THEME_KEYS if k in set(exploded["themes"])] or list(THEME_KEYS)
    rows = [
        {
            "maand": month_label(m),
            "volgorde": i,
            "thema": THEME_LABELS[k],
            "klachten": int(counts.get((pd.Timestamp(m), k), 0)),
        }
        for i, m in enumerate(months)
        for k in keys
    ]
    data = pd.DataFrame(rows)
    order = [month_label(m) for m in months]
    themes = [THEME_LABELS[k] for k in keys]
    return (
        alt.Chart(data)
        .mark_line(point=alt.OverlayMarkDef(size=70, filled=True))
        .properties(height=300)
        .encode(
            x=alt.X(
                "maand:O",
                sort=order,
                title="Maand",
                axis=alt.Axis(labelAngle=0, labelOverlap="greedy"),
            ),
            y=alt.Y("klachten:Q", title="Klachten", axis=alt.Axis(tickMinStep=1, format="d")),
            # Each theme has its own marker shape as well as colour: told apart in print
            # and by colour-blind readers.
            color=alt.Color(
                "thema:N",
                title="Thema",
                sort=themes,
                legend=alt.Legend(orient="right", labelLimit=0),
            ),
            shape=alt.Shape("thema:N", sort=themes, legend=None),
            tooltip=[
                alt.Tooltip("maand:O", title="Maand"),
                alt.Tooltip("thema:N", title="Thema"),
                alt.Tooltip("klachten:Q", title="Klachten"),
            ],
        )
    )


def bars(counts: pd.Series, title: str) -> alt.Chart:
    """Horizontal bars, largest first, with the count at the end of each bar; labels are whole
    and horizontal."""
    data = pd.DataFrame({"naam": counts.index.astype(str), "klachten": counts.to_numpy()})
    order = data.sort_values(["klachten", "naam"], ascending=[False, True])["naam"].tolist()
    base = alt.Chart(data).encode(
        y=alt.Y("naam:N", sort=order, title=None, axis=alt.Axis(labelLimit=0)),
        x=alt.X("klachten:Q", title="Klachten", axis=alt.Axis(tickMinStep=1, format="d")),
        tooltip=[alt.Tooltip("naam:N", title=title), alt.Tooltip("klachten:Q", title="Klachten")],
    )
    text = base.mark_text(align="left", dx=4).encode(text="klachten:Q")
    return (base.mark_bar() + text).properties(height=alt.Step(_BAR_HEIGHT))
