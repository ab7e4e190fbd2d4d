"""``rodedraad review ID`` (old name ``nakijken``): a person finishes the anonymisation of one
document.

Shows the anonymised text in the terminal with what the residual check suspects marked, lets
the reviewer redact more (a string: every occurrence; a range of characters; or a marked
suspect by its number) and then confirm. The stored text and everything derived from it are
redacted, the status becomes 'verwerkt' and the snapshot is republished at once. Nothing is
logged: the text only goes to this terminal. ``nagekeken ID`` (hidden, kept for old scripts) is
the same command; without redactions it confirms at once (as it always did).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from rodedraad.cli_common import settings, warehouse_reader, warehouse_writer
from rodedraad.cli_dutch import AliasOption, DutchCommand
from schemas.dutch_words import plural

_MARK_OPEN, _MARK_CLOSE = "⟦", "⟧"
_DEFAULT_LABEL = {
    "naam na aanspreekvorm": "PERSOON",
    "bekende voornaam": "PERSOON",
    "naam naast vervanging": "PERSOON",
    "naam met tussenvoegsel": "PERSOON",
    "naamachtig woordpaar": "PERSOON",
    "gescande tekst": "PERSOON",
    "lange cijferreeks": "ZAAKNUMMER",
    "@-teken": "EMAIL",
}


def _labels() -> list[str]:
    from schemas.entities import EntityLabel

    return [label.value for label in EntityLabel]


def _parse_range(value: str) -> tuple[int, int]:
    start, sep, end = value.replace(" ", "").partition("-")
    if not sep:
        start, sep, end = value.replace(" ", "").partition(":")
    try:
        return int(start), int(end)
    except ValueError:
        raise click.BadParameter(
            f"{value!r}: geef van-tot als twee getallen, bv. 120-126"
        ) from None


def _render(text: str, findings, pending) -> str:
    """The text with suspects marked ⟦like this⟧¹ (number = suspect) and pending redactions
    shown as their placeholder-to-be."""
    marks = sorted(
        [(f.start, f.end, f"{i}") for i, f in enumerate(findings, start=1)]
        + [(s, e, "x") for s, e in pending],
        key=lambda m: (m[0], m[1]),
    )
    out, pos = [], 0
    for start, end, tag in marks:
        if start < pos:
            continue
        out.append(text[pos:start])
        body = text[start:end]
        if tag == "x":
            out.append(click.style(f"{_MARK_OPEN}weg: {body}{_MARK_CLOSE}", fg="green"))
        else:
            out.append(click.style(f"{_MARK_OPEN}{body}{_MARK_CLOSE}{tag}", fg="red", bold=True))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _show(doc, findings, pending_spans) -> None:
    click.echo(
        f"Document {doc.document_id[:16]} (status: {doc.status}; "
        f"redenen: {', '.join(doc.flags) or 'geen'})\n"
    )
    click.echo(_render(doc.text, findings, pending_spans))
    click.echo("")
    if findings:
        click.echo("Mogelijke restanten (gemarkeerd met ⟦ ⟧ en een nummer):")
        for i, f in enumerate(findings, start=1):
            click.echo(
                f"  {i}. {doc.text[f.start : f.end]!r} ({f.code}), positie {f.start}-{f.end}"
            )
    else:
        click.echo("De controle vond geen mogelijke restanten meer.")


_HELP = (
    "Kies: een nummer (die restant weglakken, meerdere met komma's), t = tekst weglakken "
    "(overal waar die staat), p = positie weglakken (van-tot), l = tekst opnieuw tonen, "
    "a = akkoord en opslaan, s = stoppen zonder iets te wijzigen."
)


def _interactive(doc, lex):
    """The reviewer's choices; None when they stop without saving."""
    from nlp.anonymise import residual
    from nlp.anonymise.redact import Redaction, RedactionError, plan
    from schemas.entities import EntityLabel

    findings = residual.findings(doc.text, lex)
    pending: list[Redaction] = []

    def spans():
        try:
            return [(e.start, e.end) for e in plan(doc.text, pending)] if pending else []
        except RedactionError:
            return []

    def label_for(default: str) -> EntityLabel:
        value = click.prompt(
            "Soort", default=default, type=click.Choice(_labels(), case_sensitive=False)
        )
        return EntityLabel(value.upper())

    def add(r: Redaction) -> None:
        try:
            edits = plan(doc.text, [*pending, r])
        except RedactionError as exc:
            click.echo(f"Niet gelukt: {exc}")
            return
        pending.append(r)
        verb = "wordt" if len(edits) == 1 else "worden"
        where = plural(len(edits), "plaats", "plaatsen")
        click.echo(f"Genoteerd: {where} {verb} weggelakt bij opslaan.")

    _show(doc, findings, [])
    click.echo(_HELP)
    while True:
        choice = click.prompt("Keuze [nummer/t/p/l/a/s]", default="", show_default=False)
        choice = choice.strip().lower()
        if choice.replace(",", " ").replace(" ", "").isdigit():
            for part in choice.replace(",", " ").split():
                n = int(part)
                if not 1 <= n <= len(findings):
                    click.echo(f"Geen restant nummer {n}.")
                    continue
                f = findings[n - 1]
                add(Redaction(label_for(_DEFAULT_LABEL[f.code]), start=f.start, end=f.end))
        elif choice in ("t", "tekst"):
            needle = click.prompt("Welke tekst moet weg (elke keer dat die voorkomt)")
            add(Redaction(label_for("PERSOON"), text=needle))
        elif choice in ("p", "positie"):
            start, end = _parse_range(click.prompt("Positie van-tot (bv. 120-126)"))
            add(Redaction(label_for("PERSOON"), start=start, end=end))
        elif choice in ("l", "lijst", "toon"):
            _show(doc, findings, spans())
        elif choice in ("a", "akkoord"):
            return pending
        elif choice in ("s", "stop", "q"):
            return None
        else:
            click.echo(_HELP)


def _one(docs):  # type: ignore[no-untyped-def]
    from schemas.vocabulary import DocumentStatus

    review = [d for d in docs if d.status == DocumentStatus.CONTROLE_NODIG]
    if len(review) == 1:
        return review[0]  # a 'controle nodig' document goes before cleared ones
    if not docs:
        raise click.ClickException("geen document gevonden met dat id")
    if len(docs) > 1:
        raise click.ClickException(f"{len(docs)} documenten passen bij dat id; geef meer tekens")
    return docs[0]


def _run(
    document_id: str,
    db_path: Path | None,
    texts: tuple[str, ...],
    ranges: tuple[str, ...],
    label: str,
    confirm: bool,
) -> None:
    from nlp.anonymise import lexicons
    from nlp.anonymise.redact import Redaction, RedactionError
    from schemas.entities import EntityLabel
    from warehouse.review import find_documents, redact_and_clear

    if len(document_id) < 6:
        raise click.ClickException("geef ten minste de eerste 6 tekens van het document-id")
    s = settings(db_path=db_path)
    # Read, then let go of the warehouse while the reviewer reads: a run may go on meanwhile.
    with warehouse_reader(s) as con:
        doc = _one(find_documents(con, document_id))
    kind = EntityLabel(label.upper())
    requested = [Redaction(kind, text=t) for t in texts] + [
        Redaction(kind, start=a, end=b) for a, b in map(_parse_range, ranges)
    ]
    if requested or confirm:
        chosen: list[Redaction] | None = requested
    else:
        chosen = _interactive(doc, lexicons.load())
    if chosen is None:
        click.echo("Gestopt: er is niets gewijzigd.")
        return
    with warehouse_writer(s) as con:
        now = [d for d in find_documents(con, doc.document_id) if d.document_id == doc.document_id]
        if not now or now[0].text != doc.text:
            raise click.ClickException(
                "het document is intussen gewijzigd; er is niets opgeslagen, begin opnieuw"
            )
        try:
            result = redact_and_clear(con, now[0], chosen)
        except RedactionError as exc:
            raise click.ClickException(f"niets gewijzigd: {exc}") from None
    click.echo(
        f"Document {result.document_id[:16]} is nagekeken; status nu 'verwerkt'. "
        f"Weggelakt: {plural(result.redacted, 'plaats', 'plaatsen')} in de tekst, "
        f"{plural(result.evidence_rows, 'bewijszin', 'bewijszinnen')}, "
        f"{plural(result.topic_rows, 'onderwerp', 'onderwerpen')}. De gepubliceerde kopie is "
        "bijgewerkt."
    )


def _options(fn):  # type: ignore[no-untyped-def]
    for opt in reversed(
        [
            click.argument("document_id"),
            click.option(
                "--text",
                "--tekst",
                "texts",
                cls=AliasOption,
                metavar="TEKST",
                multiple=True,
                help="Weg te lakken tekst (overal).",
            ),
            click.option(
                "--position",
                "--positie",
                "ranges",
                cls=AliasOption,
                metavar="VAN-TOT",
                multiple=True,
                help="Weg te lakken positie van-tot.",
            ),
            click.option(
                "--label",
                "--soort",
                "label",
                cls=AliasOption,
                default="PERSOON",
                show_default=True,
                type=click.Choice(_labels(), case_sensitive=False),
                help="Soort vervanging voor --text/--position.",
            ),
            click.option(
                "--yes",
                "--akkoord",
                "akkoord",
                cls=AliasOption,
                is_flag=True,
                help="Zonder vragen bevestigen.",
            ),
            click.option(
                "--db", "db_path", type=click.Path(path_type=Path), help="DuckDB-bestand."
            ),
        ]
    ):
        fn = opt(fn)
    return fn


@click.command("review", cls=DutchCommand)
@_options
def review(document_id, texts, ranges, label, akkoord, db_path) -> None:  # type: ignore[no-untyped-def]
    """Kijk een document na (begin van id volstaat): toon de tekst met mogelijke restanten,
    lak weg wat nog herleidbaar is en bevestig; de tekst, bewijszinnen en onderwerpen worden
    bijgewerkt, de status wordt 'verwerkt' en de gepubliceerde kopie wordt vernieuwd."""
    _run(document_id, db_path, texts, ranges, label, akkoord)


@click.command("nagekeken", cls=DutchCommand, hidden=True)
@_options
def nagekeken(document_id, texts, ranges, label, akkoord, db_path) -> None:  # type: ignore[no-untyped-def]
    """Zelfde als 'review'; zonder --text/--position bevestigt het meteen."""
    _run(document_id, db_path, texts, ranges, label, True if not (texts or ranges) else akkoord)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(review())  # type: ignore[func-returns-value]
