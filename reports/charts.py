"""Charts as inline SVG (matplotlib): no JavaScript and no network, so the same markup works in
the HTML report, in WeasyPrint's PDF and in any mail client."""

from __future__ import annotations

import io
from datetime import date

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from schemas.records import THEME_KEYS, THEME_LABELS

matplotlib.rcParams["svg.fonttype"] = "none"


def _svg(fig, name: str) -> str:
    # ids inside the SVG derive from the salt: one salt per chart keeps them unique in a page
    matplotlib.rcParams["svg.hashsalt"] = f"rodedraad-{name}"
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg") :]


def theme_bars(current: dict[str, int], previous: dict[str, int], labels: tuple[str, str]) -> str:
    """Complaints per theme, this period against the previous one (SVG)."""
    fig, ax = plt.subplots(figsize=(7.5, 3.2))
    y = range(len(THEME_KEYS))
    ax.barh(
        [i + 0.2 for i in y],
        [previous.get(k, 0) for k in THEME_KEYS],
        0.4,
        label=labels[1],
        color="#c9c9c9",
    )
    ax.barh(
        [i - 0.2 for i in y],
        [current.get(k, 0) for k in THEME_KEYS],
        0.4,
        label=labels[0],
        color="#b2182b",
    )
    ax.set_yticks(list(y), [THEME_LABELS[k] for k in THEME_KEYS])
    ax.invert_yaxis()
    ax.set_xlabel("aantal klachten")
    ax.legend(loc="lower right", frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig, "bars")


def monthly_trend(rows: list[tuple[date, str, int]]) -> str:
    """Complaints per theme per month (SVG)."""
    fig, ax = plt.subplots(figsize=(7.5, 3.0))
    months = sorted({m for m, _, _ in rows})
    for key in THEME_KEYS:
        counts = {m: n for m, k, n in rows if k == key}
        ax.plot(months, [counts.get(m, 0) for m in months], marker="o", label=THEME_LABELS[key])
    ax.set_ylabel("klachten per maand")
    ax.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1, 1))
    ax.spines[["top", "right"]].set_visible(False)
    fig.autofmt_xdate()
    return _svg(fig, "trend")
