"""The dashboard's parts without a browser (issue 18 pt 2): evidence found across the hard line
breaks of PDF text, suppression per selected period with the reports' function, Dutch month axes
that still draw one month, and the first words that name a complaint."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd

from dashboards.charts import bars, monthly
from dashboards.dutch import day_label, first_words, month_label
from dashboards.evidence import marked_html, spans
from dashboards.filters import in_period, suppress
from reports.suppression import OTHER, UNKNOWN, suppressed

ENGLISH = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Oct", "May ", "March")


def test_evidence_is_found_across_hard_line_breaks():
    text = (
        "Geachte heer,\nIk wacht al negen maanden op een\ngezinsvoogd.  Niemand belt\r\nterug. "
        "De rest <b>klopt</b>."
    )
    evidence = [
        ("tijdigheid", "Ik wacht al negen maanden op een gezinsvoogd."),
        ("communicatie", "Niemand belt terug."),
        ("regie", "Niemand belt terug."),  # one sentence, two themes: one mark
        ("regie", "Deze zin staat er niet in."),
    ]
    html, n = marked_html(text, evidence, {"tijdigheid": "Tijdigheid", "communicatie": "Comm"})
    assert n == 2
    assert '<mark title="Tijdigheid">Ik wacht al negen maanden op een\ngezinsvoogd.</mark>' in html
    assert '<mark title="Comm, regie">Niemand belt\r\nterug.</mark>' in html
    assert "&lt;b&gt;klopt&lt;/b&gt;" in html  # the text is escaped, the line breaks kept


def test_overlapping_evidence_is_marked_once():
    text = "Een twee drie vier vijf."
    found = spans(text, [("a", "twee drie vier"), ("b", "drie vier vijf.")])
    assert found == [(4, 18, ["a"])]


def _facts() -> pd.DataFrame:
    """Place A has 5 complaints over all time but 2 in October; role 'pleegouder' 1 in total."""
    rows = []
    for i, (day, place, role) in enumerate(
        [
            (date(2026, 9, 3), "A", "ouder"),
            (date(2026, 9, 8), "A", "ouder"),
            (date(2026, 9, 9), "A", "ouder"),
            (date(2026, 10, 1), "A", "ouder"),
            (date(2026, 10, 2), "A", "pleegouder"),
            *[(date(2026, 10, 5 + k), "B", "ouder") for k in range(5)],
            (date(2026, 10, 20), UNKNOWN, "onbekend"),
        ]
    ):
        rows.append(
            {
                "document_id": f"{i:064x}",
                "complaint_date": pd.Timestamp(day),
                "month": pd.Timestamp(day.replace(day=1)),
                "municipality": place,
                "organisation": "GI",
                "complainant_role": role,
                "themes": ["regie"],
            }
        )
    return pd.DataFrame(rows)


def test_suppression_is_computed_per_period_with_the_reports_rule():
    facts = _facts()
    all_time = suppress(facts, 5)
    assert set(all_time["municipality"]) == {"A", "B", UNKNOWN}  # A has 5 over all time
    october = suppress(in_period(facts, date(2026, 10, 1), date(2026, 11, 1)), 5)
    assert october["municipality"].value_counts().to_dict() == {"B": 5, OTHER: 2, UNKNOWN: 1}
    # roles too, as in the report: 'pleegouder' (1) folds into 'overig'
    assert OTHER in set(october["complainant_role"])
    assert "pleegouder" not in set(october["complainant_role"])
    # the same result as the report's table for that period
    raw = in_period(facts, date(2026, 10, 1), date(2026, 11, 1))
    for column in ("municipality", "complainant_role"):
        report = suppressed(list(raw[column].value_counts().items()), 5)
        assert dict(report) == october[column].value_counts().to_dict()


def _chart_text(chart) -> str:
    return json.dumps(chart.to_dict(), ensure_ascii=False)


def test_month_chart_has_dutch_months_and_draws_a_single_month():
    facts = _facts()
    october = in_period(facts, date(2026, 10, 1), date(2026, 11, 1)).explode("themes")
    chart = monthly(october, [date(2026, 10, 1)])
    spec = chart.to_dict()
    values = next(iter(spec["datasets"].values()))
    assert {v["maand"] for v in values} == {"okt 2026"}
    assert [v["klachten"] for v in values if v["thema"] == "Regie"] == [8]
    assert spec["encoding"]["x"]["type"] == "ordinal"  # no time axis with browser day ticks
    assert spec["mark"]["point"]  # one month still shows a point per theme
    text = _chart_text(chart)
    assert not any(word in text for word in ENGLISH)


def test_month_chart_fills_empty_months_in_calendar_order():
    facts = _facts().explode("themes")
    months = [date(2026, 8, 1), date(2026, 9, 1), date(2026, 10, 1)]
    spec = monthly(facts, months).to_dict()
    values = next(iter(spec["datasets"].values()))
    assert [(v["maand"], v["klachten"]) for v in values] == [
        ("aug 2026", 0),
        ("sep 2026", 3),
        ("okt 2026", 8),
    ]
    assert spec["encoding"]["x"]["sort"] == ["aug 2026", "sep 2026", "okt 2026"]


def test_bars_are_horizontal_with_whole_labels():
    spec = bars(pd.Series({"Tijdigheid, continuïteit en beschikbaarheid": 3, "Regie": 5}), "Thema")
    spec = spec.to_dict()
    encoding = spec["layer"][0]["encoding"]
    assert encoding["y"]["field"] == "naam"  # names on the vertical axis: read horizontally
    assert encoding["y"]["axis"]["labelLimit"] == 0  # never cut
    assert encoding["y"]["sort"] == ["Regie", "Tijdigheid, continuïteit en beschikbaarheid"]


def test_dutch_labels():
    assert month_label(date(2026, 3, 1)) == "mrt 2026"
    assert month_label(date(2026, 10, 1), short=False) == "oktober 2026"
    assert day_label(pd.Timestamp("2026-10-07")) == "07-10-2026"
    assert day_label(None) == ""


def test_first_words_skip_the_salutation():
    text = "Geachte heer, mevrouw,\nIk schrijf u over de voogd van mijn zoon die nooit belt."
    assert first_words(text, 6) == "Ik schrijf u over de voogd …"
    assert first_words("Kort  en\nkrachtig.", 6) == "Kort en krachtig."
