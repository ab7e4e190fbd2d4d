"""A letter in another language than Dutch (issue 11: "all non-complaints get no theme", and the
models read Dutch only): it is said to be in that language, gets no theme, and waits for a person.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from application.inbox import InboxFile
from application.processing import WorkerConfig, process_file
from nlp.language import DUTCH, UNKNOWN, detect, is_other_language
from nlp.language import FLAG as LANGUAGE_FLAG
from nlp.themes.kind import settle
from schemas.records import ProcessedDocument, ThemeResult
from schemas.vocabulary import DocumentKind, DocumentStatus

CORPUS = Path(__file__).parent / "corpus"

ENGLISH = (
    "Dear Sir or Madam, my son was placed with a foster family last spring and since then the "
    "guardian has not answered a single one of my e-mails. I was never told why the weekend "
    "visits stopped. I would like someone to explain what I have to do to see him again."
)
GERMAN = (
    "Sehr geehrte Damen und Herren, meine Tochter wohnt seit dem Sommer in einer Pflegefamilie. "
    "Der Vormund hat mir nie erklärt, warum ich sie nur einmal im Monat sehen darf. Ich bitte "
    "Sie um Hilfe."
)
DUTCH_NOTE = (
    "vandaag weer niks gehoord van de voogd. ik snap echt niet waarom ik niet naar huis mag"
)
DUTCH_WITH_ENGLISH = (
    "De gezinsvoogd noemde ons gesprek een 'quick check-in' en zei dat het 'no big deal' was. "
    "Voor ons was het dat wel: na dat gesprek mocht onze dochter niet meer thuis slapen en niemand "
    "heeft ons uitgelegd waarom."
)


def test_the_language_a_text_is_in():
    assert detect(ENGLISH) == "en" and detect(GERMAN) == "de"
    assert detect(DUTCH_NOTE) == DUTCH
    assert detect(DUTCH_WITH_ENGLISH) == DUTCH  # English words inside a Dutch letter
    assert detect("Zie bijlage.") == UNKNOWN  # too few words to tell
    assert is_other_language("en") and is_other_language("pl")
    assert not any(is_other_language(x) for x in (DUTCH, UNKNOWN, None, ""))


FOOTER = (
    "This e-mail and any attachments are confidential and intended solely for the addressee. "
    "If you have received this message in error, please notify the sender immediately and "
    "delete it. Any unauthorised use, disclosure or copying is strictly prohibited and may be "
    "unlawful. The sender accepts no liability for any damage caused by this message."
)


def test_a_short_dutch_mail_under_an_english_disclaimer_is_dutch():
    mail = "De gezinsvoogd heeft mijn mails van maart nog steeds niet beantwoord.\n\n" + FOOTER
    assert detect(mail) == DUTCH
    assert detect(FOOTER) == "en"


def test_every_dutch_test_letter_is_taken_for_dutch():
    """1,500 letters of our own in many registers (young people, second-language Dutch, lawyers,
    e-mails with headers): none may lose its themes to a wrong language."""
    texts = [
        json.loads(line)["text"]
        for path in sorted(CORPUS.glob("*.jsonl"))
        if not path.stem.startswith("gateblind")  # these hold English and German on purpose
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assert len(texts) > 1000
    assert [t[:40] for t in texts if detect(t) != DUTCH] == []


def _result() -> ThemeResult:
    return ThemeResult({"regie": 0.9}, ["regie"], "regie", [], "m1", DocumentKind.KLACHT)


def test_a_text_in_another_language_gets_no_theme():
    other = settle(_result(), n_words=60, language="en")
    assert other.kind == DocumentKind.GEEN_KLACHT and other.assigned == []
    assert other.scores == {"regie": 0.9}  # kept, for whoever checks the decision
    for language in (DUTCH, UNKNOWN, None):
        assert settle(_result(), n_words=60, language=language).assigned == ["regie"]


@pytest.mark.parametrize(("text", "language"), [(ENGLISH, "en"), (GERMAN, "de")])
def test_the_inbox_sets_it_aside_for_a_person(tmp_path, text, language):
    path = tmp_path / "brief.txt"
    path.write_text(text, encoding="utf-8")
    data = path.read_bytes()
    item = InboxFile(
        path=str(path),
        file_ref=hashlib.sha256(b"brief").hexdigest()[:16],
        file_type=".txt",
        size=len(data),
        is_symlink=False,
        content_id=hashlib.sha256(data).hexdigest(),
    )
    cfg = WorkerConfig(
        spacy_model="", max_file_bytes=1_000_000, ocr_enabled=False, theme_threshold=0.5
    )
    result = process_file(item, cfg)
    assert isinstance(result, ProcessedDocument), result
    assert result.language == language
    assert result.kind == DocumentKind.GEEN_KLACHT and result.themes.assigned == []
    assert result.status == DocumentStatus.CONTROLE_NODIG
    assert LANGUAGE_FLAG in result.residual_flags


def test_reclassifying_keeps_it_without_a_theme(tmp_path):
    """`rodedraad reclassify` settles the kind again, with the stored language."""
    from datetime import UTC, datetime

    from warehouse import db, load
    from warehouse.reclassify import replace_themes

    con = db.connect(tmp_path / "w.duckdb")

    def doc(cid: str, language: str) -> ProcessedDocument:
        themes = settle(_result(), n_words=60, language=language)
        return ProcessedDocument(
            content_id=cid,
            file_ref="ref" + cid[:4],
            file_type=".txt",
            size_bytes=300,
            received_at=datetime(2026, 5, 12, tzinfo=UTC),
            pages=None,
            n_words=60,
            language=language,
            text="[PERSOON-1] writes about the guardian.",
            entity_counts={"PERSOON": 1},
            status=DocumentStatus.VERWERKT,
            residual_flags=[],
            pipeline="test",
            anonymiser_version="t",
            themes=themes,
            kind=themes.kind,
        )

    # stored before the language rule: a complaint with status 'verwerkt' and no flag
    old = doc("e" * 64, "en")
    old.themes, old.kind = _result(), DocumentKind.KLACHT
    load.load_batch(con, "r1", load.BatchLoad(processed=[old, doc("n" * 64, "nl")]))
    replace_themes(con, [("e" * 64, _result()), ("n" * 64, _result())])
    status = dict(
        con.execute("SELECT document_id, (status, residual_flags) FROM documents").fetchall()
    )
    assert status["e" * 64] == (DocumentStatus.CONTROLE_NODIG, [])  # documents.language says why
    assert status["n" * 64] == (DocumentStatus.VERWERKT, [])
    kinds = dict(con.execute("SELECT document_id, kind FROM documents").fetchall())
    assigned = con.execute(
        "SELECT document_id FROM complaint_themes WHERE assigned ORDER BY ALL"
    ).fetchall()
    con.close()
    assert kinds == {"e" * 64: "geen klacht", "n" * 64: "klacht"}
    assert assigned == [("n" * 64,)]
