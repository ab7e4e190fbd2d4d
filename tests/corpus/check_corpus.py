"""Validate the hand-written test corpora and print their counts.

Run with the system interpreter, no dependencies:

    python3 tests/corpus/check_corpus.py                 # all files (FILES below)
    python3 tests/corpus/check_corpus.py heldout3.jsonl  # one file

Exits 1 when a line breaks the format (see README.md), so the corpus can't drift silently
when letters are added or relabelled. The counts it prints are the ones quoted in README.md.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import statistics
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
FILES = {
    "planted.jsonl": "P",
    "plain.jsonl": "L",
    "heldout.jsonl": "H",
    "heldout2.jsonl": "K",
    "heldout3.jsonl": "M",
    "heldout4.jsonl": "Q",
    "heldout5.jsonl": "R",
    "heldout6.jsonl": "S",
    "heldout7.jsonl": "T",
    "heldout8.jsonl": "U",
    "heldout9.jsonl": "V",
    "heldout10.jsonl": "W",
    "heldout11.jsonl": "X",
    "heldout12.jsonl": "Y",
    "heldout13.jsonl": "Z",
    "heldout14.jsonl": "A",
    "heldout15.jsonl": "B",
    "heldout16.jsonl": "C",
    "heldout17.jsonl": "D",
    "heldout18.jsonl": "E",
    "heldout20.jsonl": "G",
    "heldout21.jsonl": "J",
    "heldout22.jsonl": "N",
    "heldout23.jsonl": "F",
    "heldout24.jsonl": "I",
    "heldout25.jsonl": "O",
    "heldout26.jsonl": "AA",
    "heldout27.jsonl": "AB",
    "heldout28.jsonl": "AC",
    "heldout29.jsonl": "AD",
    "heldout30.jsonl": "AE",
    "heldout32.jsonl": "AG",
    "heldout33.jsonl": "AH",
    "heldout31.jsonl": "AF",
    "heldout34.jsonl": "AI",
    "heldout35.jsonl": "AJ",
    "heldout36.jsonl": "AK",
    "heldout37.jsonl": "AL",
    "heldout38.jsonl": "AM",
    "heldout39.jsonl": "AN",
    "heldout40.jsonl": "AO",
    "heldout41.jsonl": "AP",
    "heldout42.jsonl": "AQ",
    "heldout43.jsonl": "AR",
    "heldout44.jsonl": "AS",
    "heldout45.jsonl": "AT",
    "heldout46.jsonl": "AU",
}

FIELDS = ("id", "text", "themes", "planted", "role", "organisation", "municipality", "letter_date")
THEMES = (
    "waarheidsvinding",
    "communicatie",
    "drang_dwang",
    "regie",
    "tijdigheid",
    "geschilbeslechting",
)
PLANTED = (
    "leerlingenvervoer",
    "spullen",
    "omgangshuis",
    "zorgverzekering",
    "tolk",
    "sociale_media",
    "huisdier",
    "schulden",
    "paspoort",
    "sportclub",
    "slaapplek",
    "naamswijziging",
    "medicatie",
    "geloof",
    "voeding",
    "werk_ouder",
    "uitvaart",
    "datalek",
    "brp_inschrijving",
    "haar_uiterlijk",
    "bankrekening",
    "broers_zussen",
    "verblijfsstatus",
    "zwangerschap",
    "gebit",
    "politie",
    "tandzorg",
    "gesprek_opnemen",
    "eigen_bijdrage",
    "verkeerd_adres",
    "kinderbijslag",
    "separeer",
    "bijbaan",
    "feestdagen",
    "huisvesting",
    "schoolbezoek",
    "reiskosten",
    "telefooncontact",
    "schoolkamp",
    "bril",
    "vaccinatie",
    "mantelzorg",
    "clientportaal",
    "zakgeld",
    "roken",
    "rijbewijs",
    "schade",
    "zwemles",
    "vog_screening",
    "bedplassen",
    "laptop",
    "muziekles",
    "gamen",
    "verjaardag",
    "toeslagenaffaire",
    "bijles",
    "handtekening",
    "pesten",
    "dossierinzage",
    "logeren",
    "bewaartermijn",
    "kinderopvang",
    "examen",
    "toegankelijkheid",
    "drugstest",
    "autoveiligheid",
    "weglopen",
    "ziekenhuisopname",
    "ouder_in_detentie",
    "rechtsbijstand",
    "detentie",
)
ROLES = (
    "moeder",
    "vader",
    "ouder",
    "grootouder",
    "pleegouder",
    "jongere",
    "advocaat",
    "vertrouwenspersoon",
    "familielid",
    "professional",
    "onbekend",
)
# Canonical names, as in nlp/metadata/organisations.toml (the GIs only: a letter is labelled with
# the GI it is about, never with a chain partner it also names).
ORGANISATIONS = (
    "Jeugdbescherming Regio Amsterdam",
    "Jeugdbescherming Brabant",
    "Jeugdbescherming Gelderland",
    "Jeugdbescherming Noord",
    "Jeugdbescherming Overijssel",
    "Jeugdbescherming west",
    "Jeugdbescherming Rotterdam Rijnmond",
    "Samen Veilig Midden-Nederland",
    "William Schrikker Stichting",
    "Leger des Heils Jeugdbescherming & Reclassering",
    "Nidos",
    "Jeugdbescherming Noord-Holland",
    "Intervence",
    "Briedis Jeugdbescherming",
    "Jeugdbescherming Limburg",
    "Jeugdbescherming Flevoland",
    "onbekend",
)
MIN_WORDS, MAX_WORDS = 150, 400
FIRST_DATE, LAST_DATE = dt.date(2024, 1, 1), dt.date(2026, 12, 31)
SENTENCE_MIN_WORDS = 8  # shorter sentences ("Met vriendelijke groet,") may repeat


def _sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+|\n+", text)
    return [" ".join(p.lower().split()) for p in parts if len(p.split()) >= SENTENCE_MIN_WORDS]


def _written(name: str, text: str) -> bool:
    """Whether a place name occurs in the text as a whole word ("Ede" not in "geleden")."""
    return re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text, re.I) is not None


def check_record(rec: object, prefix: str) -> list[str]:
    """Problems with one parsed line (empty when it is valid)."""
    if not isinstance(rec, dict):
        return ["not a JSON object"]
    problems = []
    if tuple(rec) != FIELDS:
        problems.append(f"fields {tuple(rec)} != {FIELDS}")
        return problems
    if not re.fullmatch(prefix + r"\d{3}", str(rec["id"])):
        problems.append(f"id {rec['id']!r} is not {prefix}NNN")
    text = rec["text"]
    if not isinstance(text, str):
        problems.append("text is not a string")
        return problems
    words = len(text.split())
    if not MIN_WORDS <= words <= MAX_WORDS:
        problems.append(f"{words} words, outside {MIN_WORDS}-{MAX_WORDS}")
    themes = rec["themes"]
    if not isinstance(themes, list) or any(t not in THEMES for t in themes):
        problems.append(f"themes {themes!r} not a list of codebook keys")
    elif len(set(themes)) != len(themes) or len(themes) > 2:
        problems.append(f"themes {themes!r}: duplicates or more than two")
    if rec["planted"] not in (*PLANTED, None):
        problems.append(f"planted {rec['planted']!r} unknown")
    if rec["planted"] and not themes:
        problems.append("a planted letter also carries a theme")
    if rec["role"] not in ROLES:
        problems.append(f"role {rec['role']!r} unknown")
    if rec["organisation"] not in ORGANISATIONS:
        problems.append(f"organisation {rec['organisation']!r} not canonical")
    mun = rec["municipality"]
    if not isinstance(mun, str) or not mun.strip() or re.search(r"\d", mun):
        problems.append(f"municipality {mun!r} invalid")
    date = rec["letter_date"]
    if date is not None:
        try:
            day = dt.date.fromisoformat(date)
        except (TypeError, ValueError):
            problems.append(f"letter_date {date!r} not ISO")
        else:
            if not FIRST_DATE <= day <= LAST_DATE:
                problems.append(f"letter_date {date} outside {FIRST_DATE}-{LAST_DATE}")
            elif str(day.year) not in text:
                problems.append(f"letter_date year {day.year} not written in the text")
    return problems


def load(path: Path, prefix: str) -> tuple[list[dict], list[str]]:
    records, errors = [], []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"{path.name}:{n}: not JSON ({exc.msg})")
            continue
        where = f"{path.name}:{n} ({rec.get('id') if isinstance(rec, dict) else '?'})"
        errors += [f"{where}: {problem}" for problem in check_record(rec, prefix)]
        if isinstance(rec, dict):
            records.append(rec)
    return records, errors


def repeated_sentences(records: list[dict]) -> list[str]:
    """Sentences of 8+ words that occur in more than one letter (all files together)."""
    seen: dict[str, str] = {}
    problems = []
    for rec in records:
        for sentence in set(_sentences(rec.get("text", ""))):
            if sentence in seen and seen[sentence] != rec["id"]:
                other = seen[sentence]
                problems.append(f"{rec['id']}: sentence also in {other}: {sentence[:60]}...")
            seen.setdefault(sentence, rec["id"])
    return problems


def _table(counter: Counter, order: tuple[str, ...] | None = None) -> str:
    keys = order if order else sorted(counter, key=lambda k: (-counter[k], k))
    return ", ".join(f"{k}={counter[k]}" for k in keys if counter[k])


def report(name: str, records: list[dict]) -> None:
    complaints = [r for r in records if r["themes"]]
    words = [len(r["text"].split()) for r in records]
    print(f"== {name}: {len(records)} letters")
    print(f"  planted: {_table(Counter(r['planted'] or 'none' for r in records))}")
    print(f"  non-complaints (no theme): {len(records) - len(complaints)}")
    print(f"  primary theme: {_table(Counter(r['themes'][0] for r in complaints), THEMES)}")
    print(
        "  primary theme, letters without planted issue: "
        + _table(Counter(r["themes"][0] for r in complaints if not r["planted"]), THEMES)
    )
    for issue in PLANTED:
        sub = Counter(r["themes"][0] for r in complaints if r["planted"] == issue)
        if sub:
            print(f"  primary theme, planted={issue}: {_table(sub, THEMES)}")
    print(f"  any theme: {_table(Counter(t for r in complaints for t in r['themes']), THEMES)}")
    two = sum(len(r["themes"]) == 2 for r in complaints)
    print(f"  complaints with a second theme: {two} of {len(complaints)}")
    print(f"  role: {_table(Counter(r['role'] for r in records), ROLES)}")
    print(f"  organisation: {_table(Counter(r['organisation'] for r in records))}")
    muns = Counter(r["municipality"] for r in records)
    known = [r for r in records if r["municipality"] != "onbekend"]
    unwritten = sum(not _written(r["municipality"], r["text"]) for r in known)
    distinct = len(muns) - ("onbekend" in muns)
    print(
        f"  municipality: {distinct} distinct, onbekend={muns['onbekend']}, "
        f"name not written in the text (a village, town or alias to map)={unwritten}"
    )
    years = Counter(r["letter_date"][:4] if r["letter_date"] else "null" for r in records)
    print(f"  letter_date: {_table(years, ('2024', '2025', '2026', 'null'))}")
    print(f"  words: min={min(words)} median={statistics.median(words):g} max={max(words)}")


def main(argv: list[str]) -> int:
    names = argv or list(FILES)
    everything, errors = [], []
    for name in names:
        path = HERE / name
        if name not in FILES or not path.exists():
            errors.append(f"{name}: not one of {', '.join(FILES)} or missing")
            continue
        records, errs = load(path, FILES[name])
        errors += errs
        ids = Counter(r["id"] for r in records)
        errors += [f"{name}: id {i} occurs {n} times" for i, n in ids.items() if n > 1]
        if records and not errs:
            report(name, records)
        everything += records
    ids = Counter(r.get("id") for r in everything)
    errors += [f"id {i} in more than one file" for i, n in ids.items() if n > 1 and i]
    errors += repeated_sentences(everything)
    for error in errors:
        print("ERROR", error)
    print("OK" if not errors else f"{len(errors)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
