"""Near-duplicate detection on generated variants of our own annotated letters: prints, per
shingle scheme, how many true copies are linked (recall) and how many different letters are
wrongly linked (false links), and how long a signature takes.

Copies of a letter (should be linked): forwarded with a header, sent as e-mail with a covering
note, re-wrapped (PDF instead of Word), OCR'd with 1 % and 3 % of characters misread, and the
letter twice (e-mail body plus the same text as attachment).
Not copies (must not be linked): a follow-up letter from the same writer (same heading and
signature, new body), a follow-up that quotes the earlier letter below a new paragraph of
~80 words, every other pair of different letters, and the generated benchmark corpus (standard
sentences, different writers).

    .venv/bin/python -m benchmarks.bench_dedup [--corpus 300] [--scale 5000]

``--scale N`` also times the warehouse side: a DuckDB with N complaints loaded before migration
009 (no signatures), then one run that loads 50 new letters: the one-time backfill of
signatures, building the LSH index and deciding the 50.
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import time
from collections.abc import Callable
from pathlib import Path

from nlp.dedup import compare, identity_tokens, normalise, shingles, signature
from nlp.dedup.similarity import CONTAINED, EXTRA, JACCARD

LETTERS = Path(__file__).resolve().parent.parent / "tests" / "metadata_letters"
KEY = b"bench-key"

_HEADER = (
    "---------- Doorgestuurd bericht ---------\nVan: Klantcontact gemeente <info@gemeente.nl>\n"
    "Datum: ma 3 mrt 2025 om 10:12\nOnderwerp: Fwd: klacht jeugdbescherming\n"
    "Aan: Kinderombudsman <post@kinderombudsman.nl>\n\n"
    "Goedemorgen, hierbij sturen wij u een brief door die bij ons binnenkwam. Deze hoort bij "
    "u thuis. Met vriendelijke groet, Team Klantcontact\n\n"
)
_NOTE = (
    "Geachte heer, mevrouw,\n\nIn de bijlage vindt u mijn klacht. Ik hoop snel iets van u te "
    "horen.\n\nMet vriendelijke groet\n\n"
)
_NEW = (
    "Ik schreef u eerder, zie mijn brief hieronder. Inmiddels is er weer veel gebeurd. De "
    "gezinsvoogd is vertrokken en er is nog geen nieuwe. Mijn kind mocht niet naar het "
    "verjaardagsfeest van zijn opa, terwijl dat was toegezegd. Ook is het evaluatiegesprek "
    "voor de tweede keer verzet, nu naar na de zomer. Ik heb de teamleider gemaild maar geen "
    "antwoord gekregen. Ik vraag u nogmaals om te helpen, want zo kan het niet langer.\n\n"
    "---- eerdere brief ----\n"
)


def _letters() -> list[str]:
    return [p.read_text("utf-8").split("---\n", 1)[1] for p in sorted(LETTERS.glob("*/*.txt"))]


def _ocr(text: str, rate: float, rng: random.Random) -> str:
    swap = {"e": "c", "l": "1", "o": "0", "i": "l", "n": "m", "a": "e", "h": "b", "u": "n"}
    return "".join(swap.get(c, c) if c.isalpha() and rng.random() < rate else c for c in text)


def _rewrap(text: str, width: int = 58) -> str:
    out = []
    for para in text.split("\n\n"):
        words, line = para.split(), ""
        for w in words:
            if len(line) + len(w) > width:
                out.append(line)
                line = w
            else:
                line = f"{line} {w}".strip()
        out.append(line + "\n")
    return "\n".join(out)


def _parts(text: str) -> tuple[str, str, str]:
    """Heading (to the salutation), body, closing (from the greeting)."""
    head_end = re.search(r"^(Geachte|Beste|Hallo|Hoi|hoi|hey|Aan:).*$", text, re.M)
    tail = re.search(r"^(Met vriendelijke|Vriendelijke|Hoogachtend|Groet|Mvg|groetjes)", text, re.M)
    a = head_end.end() if head_end else 0
    b = tail.start() if tail and tail.start() > a else len(text)
    return text[:a], text[a:b], text[b:]


def cases(letters: list[str], seed: int = 3) -> tuple[list[tuple], list[tuple]]:
    rng = random.Random(seed)
    same, different = [], []
    for i, text in enumerate(letters):
        same += [
            ("doorgestuurd", text, _HEADER + text),
            ("e-mail met begeleidende tekst", text, _NOTE + text),
            ("anders afgebroken", text, _rewrap(text)),
            ("OCR 1%", text, _ocr(text, 0.01, rng)),
            ("OCR 3%", text, _ocr(_rewrap(text), 0.03, rng)),
            ("body en bijlage", text, text + "\n\n" + text),
        ]
        other = letters[(i + 7) % len(letters)]
        head, _, tail = _parts(text)
        different += [
            ("vervolgbrief", text, head + _parts(other)[1] + tail),
            ("vervolgbrief met citaat", text, _NEW + text),
        ]
    for a, b in itertools.combinations(letters, 2):
        different.append(("andere brief", a, b))
    return same, different


Scheme = Callable[[str], set[str]]


def _words(k: int) -> Scheme:
    def fn(text: str) -> set[str]:
        w = normalise(re.sub(r"\[([A-Z]+)-\d+\]", r" \1 ", text)).split()
        return {" ".join(w[i : i + k]) for i in range(max(1, len(w) - k + 1))}

    return fn


def _chars(k: int, spaces: bool) -> Scheme:
    def fn(text: str) -> set[str]:
        flat = normalise(re.sub(r"\[([A-Z]+)-\d+\]", r" \1 ", text))
        flat = flat if spaces else flat.replace(" ", "")
        return {flat[i : i + k] for i in range(max(1, len(flat) - k + 1))}

    return fn


def evaluate(name: str, fn: Scheme, anon: Callable[[str], tuple[str, list]], same, different):
    cache: dict[str, tuple[set[str], list[str]]] = {}

    def prep(text: str) -> tuple[set[str], list[str]]:
        if text not in cache:
            a, ents = anon(text)
            cache[text] = (fn(a), identity_tokens(text, ents, KEY))
        return cache[text]

    def linked(a: str, b: str) -> bool:
        (sa, ia), (sb, ib) = prep(a), prep(b)
        return compare(sa, sb, ia, ib).duplicate

    hit: dict[str, list[int]] = {}
    for kind, a, b in same:
        hit.setdefault(kind, [0, 0])
        hit[kind][0] += linked(a, b)
        hit[kind][1] += 1
    wrong: dict[str, list[int]] = {}
    for kind, a, b in different:
        wrong.setdefault(kind, [0, 0])
        wrong[kind][0] += linked(a, b)
        wrong[kind][1] += 1
    recall = sum(v[0] for v in hit.values()) / sum(v[1] for v in hit.values())
    print(f"\n{name}: linked copies {recall:.3f}")
    for kind, (n, total) in hit.items():
        print(f"  copy   {kind:<32} {n:>4}/{total}")
    for kind, (n, total) in wrong.items():
        print(f"  wrong  {kind:<32} {n:>4}/{total}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=int, default=300, help="generated letters to add")
    parser.add_argument("--all-schemes", action="store_true", help="compare shingle schemes")
    parser.add_argument("--scale", type=int, default=0, help="time the warehouse side at N")
    args = parser.parse_args()
    if args.scale:
        scale(args.scale)
    from benchmarks.corpus import letters as corpus_letters
    from nlp.anonymise import Anonymiser
    from nlp.pipeline import load

    anonymiser = Anonymiser(load())

    def anon(text: str) -> tuple[str, list]:
        out = anonymiser.anonymise(text)
        return out.text, out.entities

    letters = _letters()
    same, different = cases(letters)
    generated = [c.text for c in corpus_letters(args.corpus, seed=11)]
    different += [("benchmarkcorpus", a, b) for a, b in itertools.combinations(generated, 2)]
    print(
        f"{len(letters)} own letters, {len(same)} copies, {len(different)} pairs that are not "
        f"copies (incl. {args.corpus} generated letters); thresholds: Jaccard >= {JACCARD}, or "
        f"contained >= {CONTAINED} with <= {EXTRA} extra shingles; different people never"
    )
    schemes: dict[str, Scheme] = {"char 5 (in gebruik)": shingles}
    if args.all_schemes:
        schemes |= {
            "char 7": _chars(7, False),
            "char 9 met spaties": _chars(9, True),
            "woord 2": _words(2),
            "woord 3": _words(3),
        }
    for name, fn in schemes.items():
        evaluate(name, fn, anon, same, different)

    texts = [anon(t)[0] for t in letters + generated]
    t0 = time.perf_counter()
    for t in texts:
        signature(shingles(t))
    t1 = time.perf_counter()
    print(f"\nshingles + MinHash signature: {1000 * (t1 - t0) / len(texts):.1f} ms per document")


def scale(n: int) -> None:
    import tempfile
    from datetime import UTC, datetime

    from benchmarks.corpus import letters as corpus_letters
    from schemas.records import ProcessedDocument, ThemeResult
    from warehouse import db, load
    from warehouse.duplicates import DuplicateFinder

    def doc(i: int, text: str) -> ProcessedDocument:
        return ProcessedDocument(
            content_id=f"d{i}", file_ref=f"r{i}", file_type=".txt", size_bytes=len(text),
            received_at=datetime.now(UTC), pages=None, n_words=len(text.split()),
            language="nl", text=text, entity_counts={}, status="verwerkt", residual_flags=[],
            themes=ThemeResult({}, [], None, [], "m"), pipeline="p", anonymiser_version="a",
            text_fingerprint=f"f{i}",
        )  # fmt: skip

    texts = [c.text for c in corpus_letters(n + 50, seed=5)]
    with tempfile.TemporaryDirectory() as tmp:
        con = db.connect(Path(tmp) / "w.duckdb")
        for start in range(0, n, 1000):
            batch = [doc(i, texts[i]) for i in range(start, min(n, start + 1000))]
            load.load_batch(con, "r", load.BatchLoad(processed=batch))
        con.execute("DELETE FROM document_signatures")  # as loaded before migration 009
        finder = DuplicateFinder(con)
        t0 = time.perf_counter()
        finder.resolve([doc(n, texts[n])])
        t1 = time.perf_counter()
        finder.resolve([doc(i, texts[i]) for i in range(n + 1, n + 50)])
        t2 = time.perf_counter()
        finder2 = DuplicateFinder(con)  # a later run: signatures stored, index only
        finder2.resolve([doc(n + 60, texts[n - 1] + " Nagekomen.")])
        t3 = time.perf_counter()
        con.close()
    print(
        f"warehouse with {n} complaints: first run after 009 (backfill + index + 1 letter) "
        f"{t1 - t0:.1f} s; 49 more letters {t2 - t1:.2f} s; a later run (index + 1 letter) "
        f"{t3 - t2:.1f} s"
    )


if __name__ == "__main__":
    main()
