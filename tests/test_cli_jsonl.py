"""The JSON line contracts of `rodedraad anonymise` and `rodedraad classify`."""

from __future__ import annotations

import json

from click.testing import CliRunner

from rodedraad.cli import main
from schemas.records import THEME_KEYS
from tests import factories as f


def _invoke(cmd: str, lines: list[dict], tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, [cmd, str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]


def test_anonymise_line_format(tmp_path):
    rows = _invoke("anonymise", [{"id": "a1", "text": f.LETTER}], tmp_path)
    assert len(rows) == 1
    assert set(rows[0]) == {"id", "text", "entities", "controle_nodig", "redenen"}
    assert rows[0]["controle_nodig"] is False and rows[0]["redenen"] == []
    row = rows[0]
    for pii in f.PII:
        assert pii not in row["text"]
    for ent in row["entities"]:
        assert set(ent) == {"start", "end", "label"}
    covered = {f.LETTER[e["start"] : e["end"]] for e in row["entities"]}
    assert "06-87654321" in covered and "Jeugdbescherming Oost" not in covered


ENGLISH_COMPLAINT = (
    "Dear Sir or Madam, the family guardian threatened to place my daughter in foster care if I "
    "did not sign the plan, although no judge was ever involved. I was never told that I could "
    "refuse. I would like you to look into how this organisation treats parents."
)


def test_classify_line_format(tmp_path):
    rows = _invoke(
        "classify",
        [
            {"id": "k", "text": f.LETTER},
            {"id": "n", "text": "Hoe laat gaat uw kantoor open?"},
            {"id": "e", "text": ENGLISH_COMPLAINT},
        ],
        tmp_path,
    )
    assert [r["id"] for r in rows] == ["k", "n", "e"]
    # a complaint in English: the Dutch model's themes would be guesses (nlp/language.py)
    assert rows[2]["themes"] == [] and rows[2]["kind"] == "geen klacht"
    for row in rows:
        assert set(row) == {"id", "themes", "scores", "kind"}
        assert set(row["scores"]) == set(THEME_KEYS)
    assert "drang_dwang" in rows[0]["themes"] and rows[0]["kind"] == "klacht"
    assert rows[1]["themes"] == [] and rows[1]["kind"] == "geen klacht"


def test_stdin_stdout_and_bad_input():
    runner = CliRunner()
    ok = runner.invoke(main, ["anonymise", "-"], input='{"id": "x", "text": "Bel 06-12345678."}\n')
    assert ok.exit_code == 0 and "[TELEFOON-1]" in ok.stdout
    bad = runner.invoke(main, ["anonymise", "-"], input="geen json\n")
    assert bad.exit_code == 2 and "regel 1" in bad.output


def test_anonymise_line_carries_the_residual_flag(tmp_path):
    """A user of the JSON lines gets the same warning as the inbox ('controle nodig'): here a
    name the recognisers cannot know (an ordinary word as a surname after a placeholder)."""
    rows = _invoke(
        "anonymise",
        [
            {"id": "ok", "text": "Mijn naam is Fatima el Amrani. Bel 06-12345678."},
            {"id": "nee", "text": "Mijn naam is Fatima Zomerdag. Iemand@ergens is mijn adres."},
        ],
        tmp_path,
    )
    by_id = {r["id"]: r for r in rows}
    assert by_id["ok"]["controle_nodig"] is False and by_id["ok"]["redenen"] == []
    assert by_id["nee"]["controle_nodig"] is True
    assert "@-teken" in by_id["nee"]["redenen"]
