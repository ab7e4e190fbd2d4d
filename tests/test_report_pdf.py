"""The report as a manager reads it: the text of the PDF (pypdf) and the access to its files.

A warehouse with a year and a half of synthetic complaints; one theme's complaints of 2024-Q3
are moved a year on, so 2025-Q3 has a real rise against the same quarter a year earlier. Stored
evidence holds what older runs left: "op mei 2025" (a day generalised to its month), a sentence
cut in the middle and an over-long one.
"""

from __future__ import annotations

import grp
import os
import re
import stat
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from benchmarks.corpus import letters
from benchmarks.preload import load_letters
from reports.access import ReportAccess, ReportAccessError
from reports.data import gather
from reports.period import parse
from reports.quotes import choose, tidy, whole
from reports.render import write
from schemas.records import THEME_LABELS
from warehouse.db import connect
from warehouse.publish import publish

pypdf = pytest.importorskip("pypdf", reason="pypdf not installed")

RISING = "regie"
OLD_STYLE = "Ik heb op mei 2025 de gezinsvoogd gebeld en daarna nooit meer iets gehoord."
CUT = "en toen zei de jeugdbeschermer dat wij niet meer welkom waren bij het gesprek over"
LONG = "Het plan van aanpak werd steeds opnieuw gewijzigd zonder overleg " * 8 + "met ons."


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory, anonymiser) -> Path:
    from schemas.settings import load_settings

    base = tmp_path_factory.mktemp("report-pdf")
    s = load_settings(data_dir=base / "data", db_path=base / "data" / "rodedraad.duckdb")
    load_letters(s, anonymiser, letters(300, seed=5, start=date(2024, 7, 1), days=460))
    con = connect(s.db_path)
    con.execute(
        """
        UPDATE documents SET received_at = received_at + INTERVAL 1 YEAR
        WHERE document_id IN (
            SELECT document_id FROM complaint_theme_facts
            WHERE theme = ? AND complaint_date >= DATE '2024-07-01'
              AND complaint_date < DATE '2024-10-01')
        """,
        [RISING],
    )
    # the best-scored evidence of a 2025-Q3 complaint per theme: what older runs stored
    docs = con.execute(
        "SELECT document_id, theme, min(sentence_index) FROM theme_evidence "
        "JOIN complaint_facts USING (document_id) WHERE quarter = '2025-Q3' GROUP BY ALL "
        "ORDER BY 2, 1"
    ).fetchall()
    planted = {"communicatie": OLD_STYLE, "regie": CUT, "tijdigheid": LONG}
    for doc_id, theme, index in docs:
        if theme in planted:
            con.execute(
                "UPDATE theme_evidence SET sentence = ?, score = 1.0 "
                "WHERE document_id = ? AND theme = ? AND sentence_index = ?",
                [planted.pop(theme), doc_id, theme, index],
            )
    assert not planted, planted
    con.close()
    return publish(s.db_path, s.snapshot_path)


@pytest.fixture(scope="module")
def report(snapshot, tmp_path_factory):
    con = connect(snapshot, read_only=True)
    try:
        data = gather(con, parse("2025-Q3"), min_cell=5)
    finally:
        con.close()
    out = tmp_path_factory.mktemp("rapporten") / "rapporten"
    html_path, pdf_path = write(data, out)
    reader = pypdf.PdfReader(pdf_path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    return data, html_path, pdf_path, text


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_pdf_months_are_dutch_month_ticks(report):
    _, _, _, text = report
    words = set(re.findall(r"[a-z]+", text))
    assert {"jul", "aug", "sep"} <= words  # the months of the quarter, as tick labels
    assert "2025-07-0" not in text and "Jul" not in text  # no day ticks, no English months


def test_pdf_quotes_are_whole_sentences_and_read_well(report):
    data, html_path, _, text = report
    flat = _flat(text)
    quotes = [q for t in data.themes for q in t.quotes]
    assert len(quotes) >= 12
    for q in quotes:
        assert whole(q), q
        assert q[0].isupper() or q[0] == "[", q
        assert q.rstrip("\"'”)")[-1] in ".!?…", q
        # the quote is in the PDF in full (pypdf may break lines anywhere)
        assert _flat(q).replace(" ", "") in flat.replace(" ", ""), q
    assert "in mei 2025" in flat  # the stored "op mei 2025" reads as Dutch
    assert not re.search(r"\b[Oo]p (januari|februari|maart|april|mei|juni|juli|augustus|"
                         r"september|oktober|november|december)\b", flat)  # fmt: skip
    assert CUT[:40] not in flat and LONG[:60] not in flat  # skipped, never cut short
    html = html_path.read_text(encoding="utf-8")
    assert CUT[:40] not in html and LONG[:60] not in html


def test_pdf_uses_dutch_plurals(report):
    _, _, _, text = report
    flat = _flat(text)
    assert not re.search(r"\b1 (klachten|bestanden)\b", flat)
    assert not re.search(r"\b([02-9]|\d\d+) (klacht|bestand)\b(?!en)", flat)
    assert re.search(r"\b\d+ klachten\b", flat)


def test_pdf_states_the_signal_against_the_same_period_a_year_earlier(report):
    data, _, _, text = report
    flat = _flat(text)
    theme = next(t for t in data.themes if t.key == RISING)
    assert theme.year_ago == 0 < theme.count  # all of 2024-Q3 moved a year on
    label = THEME_LABELS[RISING]
    expected = (
        f"{label}: meer klachten dan dezelfde periode een jaar eerder (2024-Q3): "
        f"{theme.count} tegen 0."
    )
    assert _flat(expected) in flat, flat[flat.find("Signalen") :][:800]
    # the method says in plain Dutch what was compared and how
    method = flat[flat.rfind("Methode") :]
    assert "vorige periode (2025-Q2)" in method
    assert "dezelfde periode een jaar eerder (2024-Q3)" in method
    assert "exacte toets" in method and "toeval" in method


def test_pdf_never_splits_a_table_over_two_pages(report, tmp_path):
    """More or fewer municipalities move the organisation and complainant tables down the page;
    at every position each table that fits on a page stays whole on one page. One longer than a
    page breaks, and repeats its header row on the next."""
    data = report[0]
    roles = [("ouders", 9), ("grootouders", 7), ("pleegouders", 6), ("jongere", 5)]
    organisations = [("Raad voor de Kinderbescherming", 9), ("Wijkteam", 7), ("Veilig Thuis", 6)]
    for k in range(0, 27, 3):
        municipalities = [(f"Plaats{i:02d}", 5) for i in range(k)] + [("overig", 3)]
        variant = replace(
            data, municipalities=municipalities, organisations=organisations, roles=roles
        )
        _, pdf_path = write(variant, tmp_path / f"v{k}")
        pages = [_flat(p.extract_text()) for p in pypdf.PdfReader(pdf_path).pages]
        for header, first, last in (
            ("Indiener Klachten", "ouders", "jongere"),
            ("Organisatie Klachten", "Raad voor de Kinderbescherming", "Veilig Thuis"),
            ("Gemeente Klachten", "Plaats00" if k else "overig", "overig"),
        ):
            page = next(i for i, p in enumerate(pages) if header in p)
            rest = pages[page].split(header, 1)[1]
            assert first in rest and last in rest, (k, header, page)
    many = [(f"Plaats{i:02d}", 5) for i in range(70)]
    _, pdf_path = write(replace(data, municipalities=many), tmp_path / "lang")
    pages = [_flat(p.extract_text()) for p in pypdf.PdfReader(pdf_path).pages]
    with_rows = [p for p in pages if "Plaats" in p]
    assert len(with_rows) >= 2
    assert all("Gemeente Klachten" in p for p in with_rows)


def test_report_files_and_folder_have_the_configured_mode(report):
    _, html_path, pdf_path, _ = report
    assert stat.S_IMODE(html_path.stat().st_mode) == 0o640
    assert stat.S_IMODE(pdf_path.stat().st_mode) == 0o640
    assert stat.S_IMODE(html_path.parent.stat().st_mode) == 0o750


def test_report_access_applies_mode_and_group(snapshot, tmp_path):
    con = connect(snapshot, read_only=True)
    try:
        data = gather(con, parse("2025-08"), min_cell=5)
    finally:
        con.close()
    own = grp.getgrgid(os.getgid()).gr_name
    folder = tmp_path / "rapporten"
    folder.mkdir()
    folder.chmod(0o700)
    access = ReportAccess(mode=0o660, group=own)
    html_path, _ = write(data, folder, pdf=False, access=access, manage_dir=True)
    assert stat.S_IMODE(html_path.stat().st_mode) == 0o660
    assert html_path.stat().st_gid == os.getgid()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o770  # the reports folder follows
    # a folder given for one report (-o) that exists keeps its mode
    other = tmp_path / "elders"
    other.mkdir()
    other.chmod(0o755)
    write(data, other, pdf=False, access=access)
    assert stat.S_IMODE(other.stat().st_mode) == 0o755
    # an unknown group: a Dutch message, and nothing written
    missing = tmp_path / "nergens"
    with pytest.raises(ReportAccessError, match="bestaat niet"):
        write(data, missing, pdf=False, access=ReportAccess(group="geen-groep-rodedraad"))
    assert not missing.exists()


def test_report_mode_and_group_come_from_the_settings(tmp_path, monkeypatch):
    from pydantic import ValidationError

    from schemas.settings import load_settings

    monkeypatch.setenv("RODEDRAAD_CONFIG", str(tmp_path / "rodedraad.toml"))
    assert (load_settings().reports_mode, load_settings().reports_group) == (0o640, "")
    (tmp_path / "rodedraad.toml").write_text('reports_mode = "0600"\nreports_group = "mgmt"\n')
    s = load_settings()
    assert (s.reports_mode, s.reports_group) == (0o600, "mgmt")
    assert ReportAccess.of(s).dir_mode == 0o700
    monkeypatch.setenv("RODEDRAAD_REPORTS_MODE", "0660")
    assert load_settings().reports_mode == 0o660
    for bad in ("0460", "abc", "0o999"):
        monkeypatch.setenv("RODEDRAAD_REPORTS_MODE", bad)
        with pytest.raises(ValidationError):
            load_settings()


def test_report_command_says_in_dutch_when_the_group_does_not_exist(snapshot, tmp_path):
    from click.testing import CliRunner

    from rodedraad.cli import main

    env = {
        "RODEDRAAD_PUBLISHED_PATH": str(snapshot),
        "RODEDRAAD_DATA_DIR": str(tmp_path / "data"),
        "RODEDRAAD_CONFIG": str(tmp_path / "x.toml"),
        "RODEDRAAD_REPORTS_GROUP": "geen-groep-rodedraad",
    }
    result = CliRunner().invoke(main, ["report", "--period", "2025-08"], env=env)
    assert result.exit_code != 0
    assert "groep 'geen-groep-rodedraad' bestaat niet" in result.output
    assert not (tmp_path / "data" / "reports").exists()


@pytest.mark.parametrize(
    ("sentence", "ok"),
    [
        ("De gezinsvoogd heeft ons in drie maanden niet één keer gebeld.", True),
        ("[PERSOON-1] zei dat het verslag al naar de rechter was gestuurd.", True),
        ("“Wij hebben niets met u afgesproken,” zei de jeugdbeschermer toen.", True),
        ("en toen zei de jeugdbeschermer dat wij niet meer welkom waren bij", False),
        ("Er waren veel problemen met de instanties, bijv.", False),
        ("De brief was ondertekend door de teamleider, mevrouw J.", False),
        ("Wij kregen een brief van de raad (zonder uitleg over de reden.", False),
        ("Kort.", False),
        ("U kunt mij bereiken op [TELEFOON-1] of via [EMAIL-1] voor een afspraak.", False),
        ("[PERSOON-1] en [PERSOON-2] zeiden tegen [PERSOON-3] dat het goed was.", False),
        ("Het plan werd gewijzigd zonder overleg met ons " * 12 + "gezin.", False),
    ],
)
def test_only_whole_sentences_are_quoted(sentence, ok):
    assert whole(sentence) is ok


@pytest.mark.parametrize(
    ("sentence", "ok"),
    [
        # introductions: who wrote, not what went wrong
        ("Mijn naam is [PERSOON-1] en ik ben de moeder van [PERSOON-2], die bij ons woont.", False),
        ("Ik heet [PERSOON-1] en ik schrijf deze brief omdat niemand naar mij luistert.", False),
        ("Ik ben [PERSOON-1], ik ben zestien jaar en woon bij mijn vader in [PLAATS-1].", False),
        ("Ik ben de vader van [PERSOON-1] en [PERSOON-2] en schrijf u over hun situatie.", False),
        ("Wij zijn sinds twee jaar pleegouders van [PERSOON-1] en wonen in een dorp.", False),
        ("Hierbij dien ik, [PERSOON-1], een klacht in over de gang van zaken bij de GI.", False),
        ("Graag stel ik mij even voor: ik ben grootmoeder en zorg voor mijn kleinzoon.", False),
        ("Ondergetekende wil graag een klacht indienen over de handelwijze van de voogd.", False),
        # about what happened, though they start alike
        ("Ik ben boos op de moeder van [PERSOON-1] omdat zij de afspraken niet nakomt.", True),
        ("Ik ben niet de vader van [PERSOON-1], maar dat staat wel in het verslag.", True),
        ("Ik ben al maanden bezig om de gezinsvoogd aan de telefoon te krijgen.", True),
        (
            "De jeugdbeschermer wil voorstellen dat de omgang wordt verminderd, zonder overleg.",
            True,
        ),
    ],
)
def test_self_introductions_are_not_quoted(sentence, ok):
    assert whole(sentence) is ok
    assert choose([sentence], 1) == ([sentence] if ok else [])


def test_quotes_read_well_and_do_not_repeat():
    assert tidy("Op mei 2025 belde ik,\nmaar op  juni 2025 niet.") == (
        "In mei 2025 belde ik, maar in juni 2025 niet."
    )
    assert tidy("Ik kom op [DATUM] langs op kantoor.") == "Ik kom op [DATUM] langs op kantoor."
    chosen = choose(
        [
            "Het is mij nog steeds onduidelijk wat ik moet doen om mijn zoon terug te krijgen.",
            "Het is mij nog steeds onduidelijk wat ik moet doen om mijn dochter terug te krijgen.",
            "en dan nog een stuk van een zin zonder begin of einde erbij",
            "Niemand heeft ons ooit uitgelegd waarom de afspraak werd afgezegd.",
            "Ook de klachtbehandeling duurde veel langer dan de termijn die was beloofd.",
        ],
        2,
    )
    assert chosen == [
        "Het is mij nog steeds onduidelijk wat ik moet doen om mijn zoon terug te krijgen.",
        "Niemand heeft ons ooit uitgelegd waarom de afspraak werd afgezegd.",
    ]


def test_a_group_that_cannot_reach_the_reports_is_warned_in_dutch(tmp_path):
    """data_dir is owner-only (0700): reports under it stay closed to the managers' group."""
    own = grp.getgrgid(os.getgid()).gr_name
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    data_dir.chmod(0o700)
    access = ReportAccess(group=own)
    access.folder(data_dir / "reports", manage=True)
    assert access.blocked_by(data_dir / "reports") == data_dir
    warning = access.warning(data_dir / "reports")
    assert warning and f"groep {own!r} kan de rapporten niet openen" in warning
    assert str(data_dir) in warning and "reports_dir" in warning
    data_dir.chmod(0o710)  # the group may pass (not list): data_dir is no longer the blocker
    assert access.blocked_by(data_dir / "reports") != data_dir
    assert ReportAccess().warning(data_dir / "reports") is None  # no group configured
