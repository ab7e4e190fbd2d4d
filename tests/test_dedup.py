"""Duplicates by content: the same text in new bytes is not counted again, a forwarded copy is
linked and counted once, a follow-up letter or another parent's standard letter is not a copy.
Letters are our own writing (tests/metadata_letters)."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from nlp.dedup import compare, identity_tokens, normalise, shingles, text_fingerprint
from schemas.records import Entity, ProcessedDocument, ThemeResult
from warehouse import db, load
from warehouse.duplicates import DuplicateFinder

LETTERS = sorted((Path(__file__).parent / "metadata_letters").glob("*/*.txt"))
KEY = b"k" * 32
FORWARD = (
    "---------- Doorgestuurd bericht ---------\nVan: [PERSOON-1] <[EMAIL-1]>\n"
    "Onderwerp: Fwd: klacht\n\nHierbij doorgestuurd, deze brief is voor u bedoeld.\n\n"
)


def letter(i: int) -> str:
    return LETTERS[i].read_text("utf-8").split("---\n", 1)[1]


def test_same_text_in_another_rendering_has_one_fingerprint():
    text = letter(0)
    rewrapped = text.replace("\n", " ").replace("  ", "\n\n").replace("'", "’") + "\n\n"
    assert normalise(text) == normalise(rewrapped)
    assert text_fingerprint(text, KEY) == text_fingerprint(rewrapped, KEY)
    assert text_fingerprint(text, KEY) != text_fingerprint(letter(1), KEY)


def test_fingerprints_are_keyed_so_nothing_can_be_confirmed_without_the_key():
    text = letter(0)
    plain = hashlib.sha256(normalise(text).encode()).hexdigest()
    assert text_fingerprint(text, KEY) != plain
    assert text_fingerprint(text, KEY) != text_fingerprint(text, b"x" * 32)
    name = "Jan de Vries"
    tokens = identity_tokens(f"Ik ben {name}.", [Entity(7, 19, "PERSOON")], KEY)
    assert len(tokens) == 1 and name.lower() not in tokens[0]
    assert tokens[0] not in hashlib.sha256(f"PERSOON:{name.lower()}".encode()).hexdigest()


def test_identity_tokens_ignore_how_a_phone_number_is_written():
    a = identity_tokens("bel 06-12345678", [Entity(4, 15, "TELEFOON")], KEY)
    b = identity_tokens("bel +31 6 1234 5678", [Entity(4, 19, "TELEFOON")], KEY)
    assert a == b


@pytest.mark.parametrize("i", range(0, 80, 9))
def test_copies_are_linked_and_other_letters_are_not(i):
    text = letter(i)
    own = shingles(text)
    assert compare(own, shingles(FORWARD + text)).duplicate  # forwarded with a header
    assert compare(own, shingles("Zie de bijlage.\n\n" + text + "\n\n" + text)).duplicate
    follow_up = (
        "Ik schreef u eerder, zie hieronder. Sindsdien is de gezinsvoogd vertrokken en is er "
        "niemand voor in de plaats gekomen. Het evaluatiegesprek is voor de derde keer "
        "uitgesteld en mijn mails aan de teamleider blijven onbeantwoord. Ik wil dat iemand "
        "nu echt naar ons kijkt.\n\n" + text
    )
    assert not compare(own, shingles(follow_up)).duplicate
    assert not compare(own, shingles(letter((i + 1) % 80))).duplicate


def test_a_standard_letter_from_another_parent_is_not_a_copy():
    body = shingles(letter(3))
    assert compare(body, body, ["aaaa"], ["aaaa"]).duplicate  # the same writer
    assert not compare(body, body, ["aaaa"], ["bbbb"]).duplicate  # two writers, one text
    assert compare(body, body, [], ["bbbb"]).duplicate  # nobody named: the text decides


def doc(cid: str, text: str, *, fp: str = "", ids: tuple[str, ...] = (), **kw) -> ProcessedDocument:
    return ProcessedDocument(
        content_id=cid,
        file_ref="ref-" + cid,
        file_type=".txt",
        size_bytes=len(text),
        received_at=kw.pop("received_at", datetime(2026, 11, 20, 10, tzinfo=UTC)),
        pages=None,
        n_words=len(text.split()),
        language="nl",
        text=text,
        entity_counts={},
        status="verwerkt",
        residual_flags=[],
        themes=ThemeResult({"regie": 0.9}, ["regie"], "regie", [], "m"),
        pipeline="test",
        anonymiser_version="t",
        text_fingerprint=fp or hashlib.sha256(text.encode()).hexdigest(),
        identity=list(ids),
        **kw,
    )


def _load(con, docs, run="r"):
    finder = DuplicateFinder(con)
    keep, dropped = finder.resolve(docs)
    batch = load.BatchLoad(processed=keep)
    for d in docs:
        if d.file_ref in dropped:
            batch.duplicates.append((d.file_ref, d.content_id))
            batch.links[d.file_ref] = dropped[d.file_ref]
    load.load_batch(con, run, batch)
    return keep, dropped


def test_warehouse_counts_a_group_once_and_points_at_what_it_repeats(tmp_path):
    con = db.connect(tmp_path / "w.duckdb")
    a, b = letter(0), letter(1)
    _load(con, [doc("a", a, letter_date=date(2025, 2, 11)), doc("b", b)])
    # a later run: the same text of a (new bytes), a forwarded copy of b, a follow-up of a
    keep, dropped = _load(
        con,
        [
            doc("a2", a, fp=hashlib.sha256(a.encode()).hexdigest()),
            doc("b-fwd", FORWARD + b, letter_date=date(2024, 11, 3)),
            doc("b-fwd2", FORWARD + FORWARD + b),
            doc("c", letter(2)),
        ],
        run="r2",
    )
    assert dropped["ref-a2"].duplicate_of == "a" and dropped["ref-a2"].kind == "tekst"
    assert {d.content_id: d.duplicate_of for d in keep} == {"b-fwd": "b", "b-fwd2": "b", "c": None}
    assert con.execute(
        "SELECT outcome, duplicate_of, duplicate_kind FROM intake WHERE file_ref = 'ref-a2'"
    ).fetchone() == ("duplicaat", "a", "tekst")
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 5  # a2 not loaded
    facts = dict(con.execute("SELECT document_id, n_copies FROM complaint_facts").fetchall())
    assert facts == {"a": 0, "b": 2, "c": 0}
    assert con.execute("SELECT sum(n_complaints) FROM theme_by_month").fetchone()[0] == 3
    # the group takes the letter date a copy carries when its first document has none
    assert con.execute(
        "SELECT letter_date, month FROM complaint_facts WHERE document_id = 'b'"
    ).fetchone() == (date(2024, 11, 3), date(2024, 11, 1))


def test_documents_loaded_before_the_migration_get_signatures_when_needed(tmp_path):
    con = db.connect(tmp_path / "w.duckdb")
    load.load_batch(con, "r1", load.BatchLoad(processed=[doc("old", letter(5))]))
    con.execute("DELETE FROM document_signatures")  # as a warehouse from before 009
    con.execute("UPDATE documents SET text_fingerprint = NULL")
    keep, dropped = _load(con, [doc("new", FORWARD + letter(5))], run="r2")
    assert not dropped and keep[0].duplicate_of == "old"
    assert con.execute("SELECT count(*) FROM document_signatures").fetchone()[0] == 2


@pytest.mark.parametrize(
    ("basis", "month"), [("brief", date(2024, 3, 1)), ("ontvangst", date(2026, 11, 1))]
)
def test_the_date_basis_decides_the_month(tmp_path, basis, month):
    con = db.connect(tmp_path / "w.duckdb")
    load.load_batch(
        con, "r1", load.BatchLoad(processed=[doc("a", letter(0), letter_date=date(2024, 3, 14))])
    )
    load.set_date_basis(con, basis)
    assert con.execute("SELECT month FROM complaint_facts").fetchone()[0] == month
    assert con.execute("SELECT month FROM theme_by_month").fetchone()[0] == month
