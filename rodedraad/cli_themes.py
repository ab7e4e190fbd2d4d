"""``rodedraad label``, ``train`` and ``reclassify``: learning the themes from staff.

Each opens the warehouse as its single writer (exit 75 while a run holds it) and takes the run
lock, so a reclassification never interleaves with an ingest run.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from rodedraad.cli_common import settings, warehouse_writer
from rodedraad.cli_dutch import AliasOption, DutchCommand, DutchGroup
from schemas.settings import Settings

_CHUNK = 256


def _settings(db_path: Path | None) -> Settings:
    return settings(db_path=db_path)


_writer = warehouse_writer  # lock, single writer, republish: shared with `review`


_db = click.option("--db", "db_path", type=click.Path(path_type=Path), help="DuckDB-bestand.")


@click.group(cls=DutchGroup)
def label() -> None:
    """Labels van medewerkers: importeren en bepalen wat als volgende te labelen."""


@label.command("import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_db
def label_import(csv_file: Path, db_path: Path | None) -> None:
    """Importeer labels uit CSV (kolommen complaint_id, themes; thema's met ; gescheiden).

    Leest wat 'label export' schrijft, ook na opslaan in Excel (puntkomma, Windows-1252)."""
    from warehouse.labels import LabelError, import_labels, parse_csv

    s = _settings(db_path)
    try:
        labels = parse_csv(csv_file)
        with _writer(s) as con:
            n = import_labels(con, labels, csv_file.name)
    except LabelError as exc:
        click.echo("Niets geïmporteerd; los deze punten op:", err=True)
        for problem in exc.problems:
            click.echo(f"  - {problem}", err=True)
        sys.exit(2)
    click.echo(f"{n} labels geïmporteerd.")


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
        f"{len(rows)} klachten geschreven naar {out} (geanonimiseerde tekst; vul 'themes' in, "
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
    from application import components
    from nlp.themes import codebook
    from nlp.themes.model_store import save
    from nlp.themes.staff import BaseCorpusError, fit, read_base_corpus, training_set
    from nlp.themes.training import TooFewLabels
    from warehouse.labels import labelled
    from warehouse.models import record_model

    s = _settings(db_path)
    folder = base_corpus or s.theme_base_corpus
    try:
        base = read_base_corpus(folder) if folder else []
    except BaseCorpusError as exc:
        click.echo(f"Niet getraind: {exc}", err=True)
        sys.exit(2)
    with _writer(s) as con:
        rows = labelled(con)
        model_base = codebook(s.embedding_model, s.theme_threshold)
        weight = f" (elk {s.staff_label_weight:g} keer zo zwaar)" if base else ""
        click.echo(
            f"{len(rows)} labels van medewerkers{weight}; basiscorpus: {len(base)} voorbeelden; "
            f"basis: {model_base.describe()}"
        )
        examples = training_set(base, [(t, th) for _, t, th in rows], s.staff_label_weight)
        try:
            model = fit(
                model_base.featuriser,
                examples,
                model_base,
                seed=s.topics_seed,
                threshold=s.theme_threshold,
            )
        except TooFewLabels as exc:
            click.echo(f"Niet getraind: {exc}", err=True)
            sys.exit(2)
        decision = save(s.theme_models_dir, model)
        record_model(con, model.metrics, decision.activated)
    cv = model.metrics["cv"]
    click.echo(
        f"Model {model.version}: kruisgevalideerd macro-F1 {cv['macro_f1']:.3f}, "
        f"top-1 {cv['top1']:.3f} ({model.metrics['folds']}-voudig)"
    )
    for key, m in cv["per_theme"].items():
        click.echo(f"  {key:<20} P {m['precision']:.2f}  R {m['recall']:.2f}  F1 {m['f1']:.2f}")
    click.echo(f"Het model is {decision.reason}.")
    active = components.theme_model(components.worker_config(s))
    click.echo(f"Actief themamodel: {active.version}")
    if decision.activated:
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
    from application import components
    from warehouse.reclassify import replace_themes, stale

    s = _settings(db_path)
    model = components.theme_model(components.worker_config(s))
    click.echo(f"Themamodel: {model.describe()}")
    from rodedraad.progress_bar import bar

    with _writer(s) as con, bar("Opnieuw indelen", "klachten") as show:
        todo = stale(con, model.version, alles)
        for start in range(0, len(todo), _CHUNK):
            if show:
                show(start, len(todo))
            chunk = todo[start : start + _CHUNK]
            results = model.classify_many([text for _, text in chunk])
            replace_themes(
                con,
                [(doc_id, r) for (doc_id, _), r in zip(chunk, results, strict=True)],
                s.min_words,
            )
    click.echo(
        f"{len(todo)} klachten opnieuw ingedeeld (door medewerkers gelabelde klachten houden "
        "hun label)."
    )
