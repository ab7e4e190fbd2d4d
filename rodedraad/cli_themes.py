"""``rodedraad label``, ``train`` and ``reclassify``: learning the themes from staff.

Each opens the warehouse as its single writer (exit 75 while a run holds it) and takes the run
lock, so a reclassification never interleaves with an ingest run.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from rodedraad.cli_common import settings, take_label_queue, warehouse_writer
from rodedraad.cli_dutch import AliasOption, DutchCommand, DutchGroup
from schemas.dutch_words import plural
from schemas.settings import Settings


def _settings(db_path: Path | None) -> Settings:
    return settings(db_path=db_path)


_writer = warehouse_writer  # lock, single writer, republish: shared with `review`


_db = click.option("--db", "db_path", type=click.Path(path_type=Path), help="DuckDB-bestand.")


@click.group(cls=DutchGroup)
def label() -> None:
    """Labels van medewerkers: importeren en bepalen wat als volgende te labelen."""


@label.command("import")
@click.argument(
    "csv_file", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@_db
def label_import(csv_file: Path | None, db_path: Path | None) -> None:
    """Importeer labels uit CSV (kolommen complaint_id, themes; thema's met ; gescheiden) en de
    labels die in het dashboard zijn opgeslagen (zonder CSV-bestand: alleen die).

    Leest wat 'label export' schrijft, ook na opslaan in Excel (puntkomma, Windows-1252)."""
    from warehouse.labels import LabelError, import_labels, parse_csv

    s = _settings(db_path)
    try:
        labels = parse_csv(csv_file) if csv_file is not None else None
        with _writer(s) as con:
            intake = take_label_queue(s, con)
            if labels is None:
                if not intake.stored and not intake.problems:
                    click.echo("Geen labels uit het dashboard in de wachtrij.")
                return
            n = import_labels(con, labels, csv_file.name)
    except LabelError as exc:
        click.echo("Niets geïmporteerd; los deze punten op:", err=True)
        for problem in exc.problems:
            click.echo(f"  - {problem}", err=True)
        sys.exit(2)
    click.echo(f"{plural(n, 'label', 'labels')} geïmporteerd.")


@label.command("export")
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(path_type=Path),
    required=True,
    help="CSV-bestand om in te vullen.",
)
@click.option(
    "-n",
    "--count",
    "--aantal",
    "limit",
    cls=AliasOption,
    metavar="AANTAL",
    default=50,
    show_default=True,
    help="Hoeveel klachten.",
)
@_db
def label_export(out: Path, limit: int, db_path: Path | None) -> None:
    """Schrijf de onzekerste ongelabelde klachten (kleinste marge eerst) naar CSV."""
    from warehouse.labels import uncertain, write_export

    s = _settings(db_path)
    with _writer(s) as con:
        rows = uncertain(con, s.theme_threshold, limit)
    write_export(rows, out)
    out.chmod(0o600)
    click.echo(
        f"{plural(len(rows), 'klacht', 'klachten')} geschreven naar {out} (geanonimiseerde "
        "tekst; vul 'themes' in, "
        "het voorstel van het model staat in 'voorstel_model', en importeer met "
        "'rodedraad label import')."
    )


@click.command(cls=DutchCommand)
@click.option(
    "--base",
    "--basis",
    "base_corpus",
    cls=AliasOption,
    type=click.Path(path_type=Path),
    help="Map met gelabelde JSON-regels om mee te trainen (standaard: theme_base_corpus).",
)
@_db
def train(base_corpus: Path | None, db_path: Path | None) -> None:
    """Train een themamodel op het basiscorpus en de labels van medewerkers (die wegen zwaarder);
    het wordt gebruikt als het beter is dan het huidige."""
    from application import themes
    from nlp.themes.staff import BaseCorpusError
    from nlp.themes.training import TooFewLabels
    from rodedraad.progress_bar import bar

    s = _settings(db_path)
    try:
        base = themes.read_base(s, base_corpus)
        with _writer(s) as con:
            take_label_queue(s, con)
            with bar("Trainen", "stappen") as show:
                t = themes.train(s, con, base, show)
    except (BaseCorpusError, TooFewLabels) as exc:
        click.echo(f"Niet getraind: {exc}", err=True)
        sys.exit(2)
    weight = f" (elk {s.staff_label_weight:g} keer zo zwaar)"
    click.echo(
        f"{plural(t.n_labels, 'label', 'labels')} van medewerkers{weight}; basiscorpus: "
        f"{plural(t.n_base, 'voorbeeld', 'voorbeelden')}; "
        f"basis: {t.basis}"
    )
    click.echo(
        f"Eigen voorbeelden van rodedraad: {t.model.metrics['n_own']}; "
        f"gemeten op de labels van medewerkers ({t.model.metrics['folds']}-voudig)"
    )
    cv = t.model.metrics["cv"]
    click.echo(
        f"Model {t.model.version}: kruisgevalideerd macro-F1 {cv['macro_f1']:.3f}, "
        f"top-1 {cv['top1']:.3f} ({t.model.metrics['folds']}-voudig)"
    )
    for key, m in cv["per_theme"].items():
        click.echo(f"  {key:<20} P {m['precision']:.2f}  R {m['recall']:.2f}  F1 {m['f1']:.2f}")
    click.echo(f"Het model is {t.decision.reason}.")
    click.echo(f"Actief themamodel: {t.active}")
    if t.decision.activated:
        click.echo("Oude klachten opnieuw indelen: rodedraad reclassify")


@click.command(cls=DutchCommand)
@click.option(
    "--all",
    "--alles",
    "alles",
    cls=AliasOption,
    is_flag=True,
    help="Ook klachten die al met dit model zijn ingedeeld.",
)
@_db
def reclassify(alles: bool, db_path: Path | None) -> None:
    """Deel opgeslagen klachten opnieuw in met het actieve themamodel."""
    from application import themes
    from rodedraad.progress_bar import bar

    s = _settings(db_path)
    with _writer(s) as con, bar("Opnieuw indelen", "klachten") as show:
        described, n = themes.reclassify(s, con, alles, show)
    click.echo(f"Themamodel: {described}")
    click.echo(
        f"{plural(n, 'klacht', 'klachten')} opnieuw ingedeeld (door medewerkers gelabelde "
        "klachten houden hun label)."
    )
