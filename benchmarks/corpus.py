"""Synthetic complaint letters with known themes and known personal data, deterministic by seed.

Used by tests (labels, training, topics), the benchmarks and the privacy audit. All sentences
are our own writing; names, addresses, phone numbers, IBANs and BSNs come from Faker's ``nl_NL``
locale. Every personal value placed in a letter is returned with it, so an audit can search every
artefact for exactly those values.

    python -m benchmarks.corpus --n 100 --out /tmp/inbox --seed 7

``write_inbox`` writes them as the files staff would drop: .txt, .pdf, .docx, .odt and .eml in
turn, each dated on its received day (mail Date header, otherwise the file time).
"""

from __future__ import annotations

import argparse
import os
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from faker import Faker

from benchmarks.formats import docx_bytes, eml_bytes, odt_bytes, pdf_bytes

FORMATS = (".txt", ".pdf", ".docx", ".odt", ".eml")

THEME_SENTENCES: dict[str, list[str]] = {
    "waarheidsvinding": [
        "In het verslag staat dat ik mijn {kind} verwaarloos, maar dat is nooit onderzocht.",
        "De gezinsvoogd heeft klakkeloos overgenomen wat Veilig Thuis jaren geleden schreef.",
        "Er staat een diagnose in het rapport die geen enkele arts ooit heeft gesteld.",
        "Alles wat goed gaat bij ons thuis wordt weggelaten, er staan alleen negatieve dingen in.",
        "Mijn verzoek om de fouten in het rapport te corrigeren is geweigerd.",
        "De jeugdbeschermer kiest steeds de kant van mijn ex en is totaal niet neutraal.",
        "Ze schrijven hun vermoedens op als feiten, zonder enige onderbouwing.",
        "Het raadsrapport klopt op veel punten niet en niemand heeft het nagevraagd.",
    ],
    "communicatie": [
        "Niemand heeft mij verteld dat mijn {kind} naar een ander pleeggezin is verhuisd.",
        "Mijn mails aan de gezinsvoogd blijven al weken onbeantwoord.",
        "Het is mij nog steeds onduidelijk wat ik moet doen om mijn {kind} terug te krijgen.",
        "Het verslag is naar de rechter gestuurd voordat ik het had kunnen lezen.",
        "Mijn reactie op het plan is niet meegenomen in de stukken voor de zitting.",
        "De afspraken uit het gesprek zijn nooit op papier gezet.",
        "Ik word niet gehoord en behandeld alsof ik niets begrijp.",
        "Mijn {kind} is nooit zelf gevraagd wat hij of zij wil.",
    ],
    "drang_dwang": [
        "De hulpverlener zei dat mijn {kind} uit huis wordt geplaatst als ik niet meewerk.",
        "Er is geen maatregel, toch moest ik tekenen voor het plan van aanpak.",
        "Niemand vertelde ons dat de hulp vrijwillig was en dat we mochten weigeren.",
        "Uit angst heb ik toestemming gegeven voor het onderzoek.",
        "In het drangkader werd gedreigd met een melding bij de Raad voor de Kinderbescherming.",
        "Ze deden alsof de jeugdbescherming zelf kan beslissen over een uithuisplaatsing.",
    ],
    "regie": [
        "Er zijn vijf instanties bij ons gezin betrokken en niemand coördineert iets.",
        "De hulp die in het plan stond, is na een jaar nog steeds niet gestart.",
        "Mijn ex blokkeert de omgang en de gezinsvoogd grijpt niet in.",
        "Er kwam nooit een schriftelijke aanwijzing, hoe vaak afspraken ook worden genegeerd.",
        "Iedere instantie wijst naar een andere en wij blijven zonder hulp zitten.",
        "De behandeling van mijn {kind} wordt uitgesteld, want eerst moeten wij als ouders "
        "aan onszelf werken.",
    ],
    "tijdigheid": [
        "We staan al negen maanden op een wachtlijst voor passende hulp.",
        "Sinds de zomer hebben we geen gezinsvoogd meer.",
        "In twee jaar tijd hebben we zes verschillende jeugdbeschermers gehad.",
        "De gezinsvoogd verdween zonder uitleg en er kwam niemand voor in de plaats.",
        "Het wijkteam stopte voordat de GI begon; maandenlang was er geen contact met mijn {kind}.",
        "Het zoeken naar een nieuw pleeggezin duurt nu al meer dan een half jaar.",
    ],
    "geschilbeslechting": [
        "We hebben drie bemiddelingsgesprekken gehad en de uitkomst stond steeds vooraf vast.",
        "De teammanager verdedigde alleen zijn medewerker en luisterde niet naar ons.",
        "Pas in de laatste zin van een standaardbrief stond dat ik een klacht kon indienen.",
        "Ons is nooit een onafhankelijke bemiddelaar aangeboden.",
        "Mijn klacht bij de klachtencommissie is maanden blijven liggen zonder reactie.",
    ],
}

_OPENINGS = [
    "Sinds de ondertoezichtstelling van mijn {kind} {child} loopt het mis met de GI.",
    "Ik schrijf u over de jeugdbescherming rond mijn {kind} {child}.",
    "Al twee jaar heeft ons gezin te maken met een gezinsvoogd van de gecertificeerde instelling.",
    "Mijn {kind} {child} woont sinds vorig jaar in een pleeggezin.",
]
_FILLERS = [
    "Dit speelt al een hele tijd.",
    "Ik heb hierover ook met de school gesproken.",
    "Het gaat ons allemaal erg aan het hart.",
    "Ik hoop dat u hier iets mee kunt doen.",
]
_NON_COMPLAINTS = [
    "Graag wil ik u bedanken voor het prettige gesprek van vorige week. De uitleg over uw werk "
    "was heel duidelijk en ik weet nu waar ik terecht kan. Nogmaals hartelijk dank.",
    "Mijn dochter wordt al maanden gepest op school en de mentor doet er niets aan. De directeur "
    "reageert niet op mijn mails. Kunt u mij zeggen bij wie ik moet zijn?",
    "Wat zijn de openingstijden van uw kantoor en kan ik ook 's avonds bellen? Ik wil graag een "
    "afspraak maken voor een gesprek over mijn werk bij de gemeente.",
]


@dataclass
class Letter:
    doc_id: str
    text: str
    themes: list[str]  # primary first; [] for a non-complaint
    received: date
    pii: dict[str, list[str]] = field(default_factory=dict)  # label -> values in the text


def letter_corpora(folder: Path) -> list[Path]:
    """The hand-written letter corpora of ``tests/corpus`` (the gate sets are short texts of
    every kind, not letters)."""
    return sorted(p for p in folder.glob("*.jsonl") if not p.name.startswith("gateblind"))


def hand_written(path: Path) -> tuple[list[Letter], dict[str, dict]]:
    """The hand-written letters of a tests/corpus JSON Lines file, and each row by the SHA-256 of
    its text (the document id the warehouse gives it)."""
    import hashlib
    import json

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    found = [
        Letter(
            r["id"],
            r["text"],
            r["themes"],
            date.fromisoformat(r["letter_date"]) if r["letter_date"] else date(2025, 6, 1),
        )
        for r in rows
    ]
    return found, {hashlib.sha256(r["text"].encode()).hexdigest(): r for r in rows}


def letters(n: int, seed: int = 7, start: date = date(2025, 1, 1), days: int = 540) -> list[Letter]:
    rng = random.Random(seed)
    fake = Faker("nl_NL")
    fake.seed_instance(seed)
    out = []
    for i in range(n):
        received = start + timedelta(days=rng.randrange(days))
        writer, child = fake.name(), fake.first_name()
        pii = {"PERSOON": [writer, child]}
        kind = rng.choice(["zoon", "dochter"])
        if rng.random() < 0.05:
            body = rng.choice(_NON_COMPLAINTS)
            themes: list[str] = []
        else:
            themes = rng.sample(list(THEME_SENTENCES), k=rng.choice([1, 1, 2, 2, 3]))
            parts = [rng.choice(_OPENINGS)]
            for t in themes:
                parts += rng.sample(THEME_SENTENCES[t], k=min(2, len(THEME_SENTENCES[t])))
                if rng.random() < 0.4:
                    parts.append(rng.choice(_FILLERS))
            body = " ".join(parts).format(kind=kind, child=child)
        address, postcode, city = fake.street_address(), fake.postcode(), fake.city()
        phone, email, iban = fake.phone_number(), fake.free_email(), fake.iban()
        pii.update(
            ADRES=[address], POSTCODE=[postcode], TELEFOON=[phone], EMAIL=[email], IBAN=[iban]
        )
        text = (
            f"Geachte heer, mevrouw,\n\n{body}\n\n"
            f"U kunt mij bereiken op {phone} of via {email}. Mijn rekeningnummer voor de "
            f"reiskosten is {iban}.\n\nMet vriendelijke groet,\n\n{writer}\n{address}\n"
            f"{postcode} {city}\n"
        )
        out.append(Letter(f"L{i:05d}", text, themes, received, pii))
    return out


def render(letter: Letter, ext: str) -> bytes:
    sent = datetime.combine(letter.received, time(10), UTC)
    match ext:
        case ".txt":
            return letter.text.encode("utf-8")
        case ".pdf":
            return pdf_bytes(letter.text)
        case ".docx":
            return docx_bytes(letter.text)
        case ".odt":
            return odt_bytes(letter.text)
        case ".eml":
            sender = f"{letter.pii['PERSOON'][0]} <{letter.pii['EMAIL'][0]}>"
            return eml_bytes(letter.text, sent=sent, sender=sender)
    raise ValueError(f"unknown format {ext}")


def write_inbox(
    corpus: list[Letter], out: Path, formats: tuple[str, ...] = FORMATS
) -> dict[str, Letter]:
    """Write each letter as a file (formats in turn); returns file name -> letter."""
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    for i, letter in enumerate(corpus):
        ext = formats[i % len(formats)]
        path = out / f"klacht-{letter.doc_id}{ext}"
        path.write_bytes(render(letter, ext))
        stamp = datetime.combine(letter.received, time(10), UTC).timestamp()
        os.utime(path, (stamp, stamp))
        written[path.name] = letter
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--alleen-txt", action="store_true", help="only .txt files")
    args = parser.parse_args()
    formats = (".txt",) if args.alleen_txt else FORMATS
    write_inbox(letters(args.n, args.seed), args.out, formats)
    print(f"{args.n} brieven geschreven naar {args.out} ({', '.join(formats)})")


if __name__ == "__main__":
    main()
