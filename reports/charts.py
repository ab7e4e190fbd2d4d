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


# One look per theme, told apart by colour (Okabe-Ito, safe for colour-blind readers), marker
# and line style, so that two identical series still show both and a grey print still reads.
_STYLE = {
    "waarheidsvinding": ("#0072B2", "o", "-"),
    "communicatie": ("#D55E00", "s", "--"),
    "drang_dwang": ("#009E73", "^", "-."),
    "regie": ("#CC79A7", "D", ":"),
    "tijdigheid": ("#E69F00", "v", (0, (5, 1))),
    "geschilbeslechting": ("#56B4E9", "P", (0, (3, 1, 1, 1))),
}
# Short theme names for the line ends, where the full names would squeeze the chart.
SHORT_LABELS = {
    "waarheidsvinding": "Waarheidsvinding",
    "communicatie": "Communicatie",
    "drang_dwang": "Drang en dwang",
    "regie": "Regie",
    "tijdigheid": "Tijdigheid",
    "geschilbeslechting": "Geschilbeslechting",
}
_SHORT_MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def month_label(month: date, first: bool) -> str:
    """'okt', with the year under the first month and under every January ('jan\n2026')."""
    name = _SHORT_MONTHS[month.month - 1]
    return f"{name}\n{month.year}" if first or month.month == 1 else name


def months_until(end: date, first: date | None, n: int = 12) -> list[date]:
    """The first days of the (at most ``n``) months before ``end``, from ``first`` on: every
    month, also one without complaints."""
    y, m = end.year, end.month if end.day > 1 else end.month - 1
    out: list[date] = []
    while len(out) < n:
        if m == 0:
            y, m = y - 1, 12
        month = date(y, m, 1)
        if first is not None and month < date(first.year, first.month, 1):
            break
        out.append(month)
        m -= 1
    return out[::-1]


def theme_bars(current: dict[str, int], previous: dict[str, int], labels: tuple[str, str]) -> str:
    """Complaints per theme, this period against the previous one (SVG): the counts at the bar
    ends, the legend above the bars."""
    fig, ax = plt.subplots(figsize=(5.0, 3.8))
    y = range(len(THEME_KEYS))
    now = [current.get(k, 0) for k in THEME_KEYS]
    before = [previous.get(k, 0) for k in THEME_KEYS]
    bars_now = ax.barh([i - 0.2 for i in y], now, 0.4, label=labels[0], color="#b2182b")
    bars_before = ax.barh([i + 0.2 for i in y], before, 0.4, label=labels[1], color="#bdbdbd")
    for bars in (bars_now, bars_before):
        ax.bar_label(bars, padding=3, fontsize=9, color="#333333")
    ax.set_yticks(list(y), [_wrapped(THEME_LABELS[k]) for k in THEME_KEYS], fontsize=9)
    ax.invert_yaxis()
    ax.set_xlim(0, max([*now, *before, 1]) * 1.15)  # room for the numbers at the bar ends
    ax.set_xlabel("aantal klachten")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2, frameon=False, fontsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig, "bars")


def _wrapped(label: str, width: int = 26) -> str:
    """A long theme name over two lines, so the labels do not squeeze the bars."""
    if len(label) <= width:
        return label
    words, line, lines = label.split(), "", []
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    return "\n".join([*lines, line])


def monthly_trend(rows: list[tuple[date, str, int]], end: date) -> str:
    """Complaints per theme per month up to ``end`` (SVG): one tick per month in Dutch, each
    theme its own colour, marker and line style, named at the end of its line."""
    months = months_until(end, min((m for m, _, _ in rows), default=None))
    fig, ax = plt.subplots(figsize=(5.6, 3.6))
    if not rows:
        ax.text(0.5, 0.5, "Geen klachten in deze maanden", ha="center", va="center")
        ax.set_axis_off()
        return _svg(fig, "trend")
    x = list(range(len(months)))
    ends: list[tuple[float, str, str]] = []
    for key in THEME_KEYS:
        counts = {m: n for m, k, n in rows if k == key}
        values = [counts.get(m, 0) for m in months]
        colour, marker, style = _STYLE[key]
        ax.plot(x, values, color=colour, marker=marker, linestyle=style, linewidth=1.6,
                markersize=5, label=THEME_LABELS[key])  # fmt: skip
        ends.append((values[-1], SHORT_LABELS[key], colour))
    top = max(n for _, _, n in rows)
    ax.set_ylim(0, top * 1.1 + 0.5)
    heights = _spread([e[0] for e in ends], top)
    for y_text, (y_line, label, colour) in zip(heights, ends, strict=True):
        ax.annotate(
            label,
            xy=(x[-1], y_line),
            xytext=(x[-1] + 0.6, y_text),
            textcoords="data",
            va="center",
            fontsize=9,
            color=colour,
            annotation_clip=False,
            arrowprops={"arrowstyle": "-", "color": colour, "linewidth": 0.6}
            if abs(y_text - y_line) > top * 0.02
            else None,
        )
    ax.set_xticks(x, [month_label(m, i == 0) for i, m in enumerate(months)], fontsize=9)
    ax.set_xlim(-0.4, len(months) - 0.6)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_ylabel("klachten per maand")
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig, "trend")


def _spread(values: list[float], top: float) -> list[float]:
    """Label heights near ``values`` but at least a line apart, so no two names overlap."""
    gap = max(top, 1) * 0.11
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0.0] * len(values)
    last = None
    for i in order:
        y = values[i] if last is None else max(values[i], last + gap)
        out[i] = last = y
    # pushed above the axis: shift the whole stack down, keeping the gaps
    overflow = max(out) - (top * 1.1 + 0.5)
    if overflow > 0:
        out = [max(y - overflow, 0.0) for y in out]
    return out
