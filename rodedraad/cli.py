"""The ``rodedraad`` command. Messages for staff are Dutch; exit codes:
0 = the run completed (even with quarantined files), 1 = the run failed,
2 = wrong usage or input, 75 = another run or process holds the inbox or database."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from rodedraad.cli_common import (
    EXIT_FAILED,
    exit_when_busy,
    failure_message,
    release_frames,
    take_label_queue_now,
)
from rodedraad.cli_common import settings as _settings
from rodedraad.cli_dutch import AliasOption, DutchGroup, hidden_alias, install
from schemas.dutch_words import plural
from schemas.settings import DEFAULT_TOML, TIMEZONE, config_file

install()  # click's own texts in Dutch

if TYPE_CHECKING:  # flows imports Prefect, which must be configured first (see run/serve)
    from application.ingest import RunSummary
    from schemas.settings import Settings

_common = [
    click.option(
        "--inbox", type=click.Path(path_type=Path), help="Map met binnengekomen bestanden."
    ),
    click.option("--db", "db_path", type=click.Path(path_type=Path), help="DuckDB-bestand."),
]


def _with_common(fn):  # type: ignore[no-untyped-def]
    for opt in reversed(_common):
        fn = opt(fn)
    return fn


@click.group(cls=DutchGroup, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """rodedraad: rode draden in klachten over jeugdbescherming."""
    # Everything rodedraad writes (warehouse, snapshot, reports, logs, Prefect's database) is
    # for the owner only; flow runs started by `serve` inherit this.
    os.umask(0o077)


@main.command()
@click.option("--force", is_flag=True, help="Bestaand configuratiebestand overschrijven.")
def init(force: bool) -> None:
    """Schrijf een standaard rodedraad.toml en maak de mappen aan."""
    path = config_file()
    if path.exists() and not force:
        click.echo(f"Configuratie bestaat al: {path} (gebruik --force om te overschrijven)")
    else:
        path.write_text(DEFAULT_TOML, encoding="utf-8")
        click.echo(f"Configuratie geschreven: {path}")
    s = _settings()
    for folder in (s.data_dir, s.inbox, s.processed_dir, s.quarantine_dir, s.prefect_home):
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    s.data_dir.chmod(0o700)
    click.echo(f"Mappen klaar onder {s.data_dir}; leg klachten in {s.inbox}")


@main.command()
@_with_common
def run(inbox: Path | None, db_path: Path | None) -> None:
    """Verwerk één keer wat er in de inbox staat."""
    from application import stopping

    # From here on SIGTERM and Ctrl-C ask the run to stop at a safe point (application.stopping).
    with stopping.stop_on_signals():
        _run(inbox, db_path)


def _run(inbox: Path | None, db_path: Path | None) -> None:
    from application import stopping
    from application.inbox import ensure_not_locked
    from application.ingest import RunSummary, has_work

    s = _settings(inbox=inbox, db_path=db_path)
    if not s.inbox.is_dir():
        raise click.ClickException(
            f"inbox {s.inbox} bestaat niet (maak hem aan met 'rodedraad init')"
        )
    if s.db_path.is_dir():  # say so now, not after starting Prefect
        click.echo(f"Verwerking niet gestart: {failure_message_db_folder(s)}", err=True)
        sys.exit(EXIT_FAILED)
    with exit_when_busy():
        ensure_not_locked(s.data_dir)
    take_label_queue_now(s)  # labels saved in the dashboard since the last command
    # Nothing to process: the run is recorded, the snapshot published and retention applied
    # in this process; starting Prefect and its server for that would take seconds.
    from application.progress import listening
    from rodedraad.progress_bar import bar

    if has_work(s):
        with bar("Verwerken", "bestanden") as show, listening(show):
            result = _run_with_prefect(s)
    else:
        result = _run_inline(s)
    from nlp.extract.ocr import describe

    summary = RunSummary(**result)
    _print_summary(summary, s.quarantine_dir, describe(s.ocr == "auto"))
    if stopping.requested() is not None:
        _exit_stopped(summary)
    if summary.publish_problem:
        click.echo(_publish_message(summary.publish_problem, s), err=True)
        sys.exit(EXIT_FAILED)


def _run_inline(s: Settings) -> dict[str, Any]:
    from dataclasses import asdict

    from application import stopping
    from application.ingest import InlineRunner, run_ingest

    try:
        with exit_when_busy():
            return asdict(run_ingest(s, InlineRunner()))
    except stopping.RunStopped as exc:
        release_frames(exc)
        _exit_stopped(None)
    except Exception as exc:
        release_frames(exc)
        click.echo(failure_message(exc, s), err=True)
        sys.exit(EXIT_FAILED)


def _run_with_prefect(s: Settings) -> dict[str, Any]:
    from application import isolation, stopping
    from application.run_errors import RunFailed
    from rodedraad.prefect_env import configure_prefect

    configure_prefect(s.prefect_home)
    from prefect.exceptions import TerminationSignal

    from flows.ingest import flow_for, settings_payload
    from rodedraad.prefect_server import ServerStartAborted

    _quiet_engine_errors()
    try:
        with exit_when_busy(), _prefect_api(s):
            try:
                return flow_for(s)(config=settings_payload(s))  # type: ignore[no-any-return]
            finally:
                isolation.shutdown()  # the per-file worker processes end with the run
    except (stopping.RunStopped, ServerStartAborted) as exc:
        release_frames(exc)
        _exit_stopped(None)
    except TerminationSignal as exc:  # SIGTERM in the moments Prefect's own handler is in place
        stopping.request(exc.signal)
        release_frames(exc)
        _exit_stopped(None)
    except Exception as exc:
        release_frames(exc)
        if stopping.requested() is not None and not isinstance(exc, RunFailed):
            _exit_stopped(None)  # Prefect's own error while shutting down on the signal
        click.echo(failure_message(exc, s), err=True)
        sys.exit(EXIT_FAILED)


def _quiet_engine_errors() -> None:
    """A failed or stopped run gets one Dutch message from this command; Prefect's engine would
    log the (name-free) traceback of the same failure above it. Kept when Prefect's logging is
    set to DEBUG, for developers."""
    import logging

    if os.environ.get("PREFECT_LOGGING_LEVEL", "").upper() == "DEBUG":
        return
    for name in ("prefect.flow_runs", "prefect.task_runs"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def failure_message_db_folder(s: Settings) -> str:
    return (
        f"de database {s.db_path} is een map; geef met --db (of db_path) een bestandsnaam, "
        f"bijvoorbeeld {s.db_path / 'rodedraad.duckdb'}"
    )


def _exit_stopped(summary: RunSummary | None) -> NoReturn:
    """A signal asked the run to stop: say what happened and exit with 128 + its number."""
    from application import stopping

    signum = stopping.requested() or 15
    if summary is None:
        done = (
            "De batch die bezig was is teruggedraaid: de bestanden ervan staan nog in de inbox. "
            "Eerder voltooide batches zijn opgeslagen."
        )
    else:
        done = (
            "Alle gevonden bestanden waren al verwerkt; de gepubliceerde kopie is niet "
            "bijgewerkt (dat doet de volgende run)."
        )
    click.echo(
        f"Verwerking gestopt op verzoek ({stopping.signal_name(signum)}). {done} "
        "Draai 'rodedraad run' opnieuw om verder te gaan.",
        err=True,
    )
    sys.exit(stopping.exit_code(signum))


def _publish_message(code: str, s: Settings) -> str:
    from application.run_errors import DISK_FULL
    from rodedraad.cli_common import full_folders

    why = "de schijf is vol" if code == DISK_FULL or full_folders(s) else f"een fout ({code})"
    return (
        f"Let op: de gepubliceerde kopie ({s.snapshot_path}) is niet bijgewerkt: {why}. Alle "
        "bestanden hierboven zijn verwerkt en opgeslagen in de database; dashboard en rapporten "
        "tonen nog de vorige stand. Maak ruimte; de volgende run publiceert opnieuw."
    )


@contextlib.contextmanager
def _prefect_api(s: Settings) -> Iterator[None]:
    """The Prefect server this run reports to, in its own process group (a signal to the run
    must not kill it first; ``prefect_server``), stopped when the run ends. Dask workers of a
    LocalCluster report to it too, so it is then a full server; with a remote cluster see
    docs/scale-out.md."""
    if os.environ.get("PREFECT_API_URL"):
        yield
        return
    from application import stopping
    from rodedraad.prefect_server import local_server

    ephemeral = s.task_runner != "dask" or bool(s.dask_address)
    with local_server(s.prefect_home, ephemeral=ephemeral, should_stop=stopping.should_stop):
        yield


def _print_summary(r: RunSummary, quarantine_dir: Path | None = None, ocr_line: str = "") -> None:
    speed = (
        f"{r.processed / r.seconds:.1f} bestanden/s, {r.words / r.seconds:,.0f} woorden/s"
        if r.seconds > 0
        else ""
    )
    click.echo(f"Verwerking voltooid in {r.seconds:.1f} s ({speed}).")
    from nlp.pipeline import OFFLINE_NAME

    note = (
        " (regelgebaseerd; nl_core_news_lg is niet geïnstalleerd)"
        if r.pipeline == OFFLINE_NAME
        else ""
    )
    click.echo(f"  Pijplijn:           {r.pipeline}{note}")
    click.echo(f"  Themamodel:         {r.classifier or '(niet geladen: niets nieuws)'}")
    if ocr_line:
        click.echo(f"  OCR:                {ocr_line}")
    click.echo(f"  Bestanden gevonden: {r.files}")
    review = f" (waarvan {r.review} met status 'controle nodig')" if r.review else ""
    click.echo(f"  Verwerkt:           {r.processed}{review}")
    if r.not_complaints:
        click.echo(
            f"  Geen klacht:        {r.not_complaints} (bedankje, vraag, te korte tekst: "
            "opgeslagen, niet geteld)"
        )
    click.echo(f"  Duplicaten:         {r.duplicates} overgeslagen")
    if r.near_duplicates:
        click.echo(
            f"  Bijna-duplicaten:   {r.near_duplicates} gekoppeld aan een eerdere klacht "
            "(één keer geteld)"
        )
    click.echo(f"  Quarantaine:        {r.quarantined}")
    if r.earlier:
        click.echo(f"  Eerder verwerkt:    {r.earlier} (alleen opgeruimd uit de inbox)")
    if r.not_moved:
        from application.file_moves import describe

        click.echo(
            f"  Niet verplaatst:    {describe(r.not_moved)}; verwerkt en opgeslagen, maar nog in "
            "de inbox: de volgende run ruimt ze op"
        )
    if r.waiting:
        click.echo(f"  Wachten in inbox:   {_describe_waiting(r.waiting)}")
    _print_quarantined(r, quarantine_dir)
    click.echo(f"Database: {r.db_path}")


def _print_quarantined(r: RunSummary, quarantine_dir: Path | None) -> None:
    """Original names come from the sidecars, read here in the CLI process: the flow's result
    (which Prefect handles) holds only the content-free stored names."""
    from rodedraad.quarantine_view import lines

    for stored, reason in r.quarantine_reasons:
        what, todo = lines(quarantine_dir, stored, reason, r.quarantine_codes.get(stored))
        click.echo(f"    - {what}")
        click.echo(f"      {todo}")


def _describe_waiting(waiting: dict[str, int]) -> str:
    from application.inbox import WAIT_HIDDEN, WAIT_PARTIAL, WAIT_RECENT

    why = {
        WAIT_HIDDEN: "verborgen (naam begint met een punt; hernoem om te laten verwerken)",
        WAIT_PARTIAL: "nog niet compleet (download of tijdelijk bestand)",
        WAIT_RECENT: "te kort geleden gewijzigd (worden de volgende keer opgepakt)",
    }
    return "; ".join(f"{n} {why.get(k, k)}" for k, n in sorted(waiting.items()))


@main.command()
@click.option("--db", "db_path", type=click.Path(path_type=Path), help="DuckDB-bestand.")
def topics(db_path: Path | None) -> None:
    """Zoek onderwerpen (BERTopic) in alle gecontroleerde klachten en sla ze op."""
    s = _settings(db_path=db_path)
    from rodedraad.prefect_env import configure_prefect

    configure_prefect(s.prefect_home)
    from application.progress import listening
    from flows.ingest import settings_payload
    from flows.topics import topics as topics_flow
    from nlp.topics.model import TooFewSentences
    from rodedraad.progress_bar import bar

    try:
        with exit_when_busy(), bar("Onderwerpen zoeken", "stappen") as show, listening(show):
            result = topics_flow(config=settings_payload(s))
    except TooFewSentences as exc:
        click.echo(f"Geen onderwerpen: {exc}", err=True)
        sys.exit(EXIT_FAILED)
    click.echo(
        f"{plural(len(result['topics']), 'onderwerp', 'onderwerpen')} in "
        f"{plural(result['n_sentences'], 'zin', 'zinnen')} uit "
        f"{plural(result['n_complaints'], 'klacht', 'klachten')} ({result['seconds']:.1f} s)."
    )
    for t in sorted(result["topics"], key=lambda t: -t["n_complaints"]):
        n = t["n_complaints"]
        noun = "klacht" if n == 1 else "klachten"  # padded: the labels stay in one column
        click.echo(f"  {t['topic_id']:>3}  {n:>5} {noun:<8}  {t['label']}")


@main.command()
@_with_common
def serve(inbox: Path | None, db_path: Path | None) -> None:
    """Controleer de inbox op een vast interval en maak de maand- en kwartaalrapporten
    (Prefect serve) tot u stopt met Ctrl-C."""
    s = _settings(inbox=inbox, db_path=db_path)
    from rodedraad.prefect_env import configure_prefect

    configure_prefect(s.prefect_home)
    from nlp.extract.ocr import describe
    from rodedraad.prefect_server import local_server

    click.echo(f"Inbox {s.inbox} wordt elke {s.serve_interval_seconds} s gecontroleerd.")
    click.echo(f"OCR: {describe(s.ocr == 'auto')}")
    for what, cron in (
        ("de vorige maand", s.report_cron_month),
        ("het vorige kwartaal", s.report_cron_quarter),
    ):
        if cron.strip():
            click.echo(f"Rapport over {what}: cron '{cron}' ({TIMEZONE}).")
    click.echo("Stoppen: Ctrl-C.")
    # SIGTERM (a service manager) stops serve as Ctrl-C does, so that the server it started in
    # its own process group is stopped too instead of being left behind.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        with local_server(s.prefect_home):
            from prefect import serve as prefect_serve

            from rodedraad.schedule import deployments

            _first_look(s)  # files dropped before serve started wait for no schedule
            prefect_serve(*deployments(s), print_starting_message=False)
    except KeyboardInterrupt:
        pass
    except RuntimeError as exc:
        click.echo(f"Niet gestart: {exc}", err=True)
        sys.exit(EXIT_FAILED)
    click.echo("Gestopt.")


def _first_look(s: Settings) -> None:
    from flows.ingest import flow_for, settings_payload

    try:
        flow_for(s)(config=settings_payload(s), poll=True)
    except Exception as exc:  # the schedule tries again; serve keeps running
        release_frames(exc)
        click.echo(failure_message(exc, s), err=True)


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


@main.command()
@click.option("--db", "db_path", type=click.Path(path_type=Path), help="DuckDB-bestand.")
def status(db_path: Path | None) -> None:
    """Aantallen per status, laatste runs en bestanden in quarantaine."""
    from nlp.extract.ocr import describe
    from rodedraad.status import render_status
    from warehouse.db import WarehouseUnreadable, corrupt, is_corrupt

    s = _settings(db_path=db_path)
    try:
        with exit_when_busy("Status niet beschikbaar"):
            click.echo(render_status(s.db_path, s.quarantine_dir, describe(s.ocr == "auto")))
    except (FileNotFoundError, WarehouseUnreadable) as exc:
        raise click.ClickException(f"status niet beschikbaar: {exc}") from None
    except Exception as exc:
        if is_corrupt(exc):  # damage found only while reading a table
            raise click.ClickException(f"status niet beschikbaar: {corrupt(s.db_path)}") from None
        raise


def _jsonl_command(kind: str, in_path: str, out_path: str) -> None:
    from application import components
    from nlp.language import detect
    from nlp.themes.kind import settle
    from schemas import jsonl

    cfg = components.worker_config(_settings())
    anonymiser = components.anonymiser(cfg)
    click.echo(f"Pijplijn: {anonymiser.pipeline.describe()}", err=True)
    classifier = None
    if kind == "classify":
        classifier = components.theme_model(cfg)
        click.echo(f"Themamodel: {classifier.describe()}", err=True)
    n = 0
    try:
        with jsonl.open_in(in_path) as fin, jsonl.open_out(out_path) as fout:
            rows = list(jsonl.read_inputs(fin))
            results = [anon for _, anon in anonymiser.pipe(t for _, t in rows)]
            for start in range(0, len(rows), 256):  # the sentence encoder likes batches
                chunk = results[start : start + 256]
                themes = classifier.classify_many([a.text for a in chunk]) if classifier else []
                for i, anon in enumerate(chunk):
                    doc_id, text = rows[start + i]
                    if classifier is None:
                        jsonl.write_line(fout, jsonl.anonymise_line(doc_id, anon))
                    else:  # kind decided as for a file in the inbox (nlp/themes/kind.py)
                        settled = settle(themes[i], len(text.split()), cfg.min_words, detect(text))
                        jsonl.write_line(fout, jsonl.classify_line(doc_id, settled))
                    n += 1
    except jsonl.JsonlError as exc:
        click.echo(f"Ongeldige invoer: {exc}", err=True)
        sys.exit(2)
    click.echo(f"{plural(n, 'document', 'documenten')} geschreven.", err=True)


@main.command()
@click.argument("in_path", metavar="IN.jsonl")
@click.option(
    "-o", "--output", "out_path", default="-", show_default=True, help="Uitvoer (- = stdout)."
)
def anonymise(in_path: str, out_path: str) -> None:
    """Anonimiseer JSON-regels {"id", "text"} (- = stdin)."""
    _jsonl_command("anonymise", in_path, out_path)


@main.command()
@click.argument("in_path", metavar="IN.jsonl")
@click.option(
    "-o", "--output", "out_path", default="-", show_default=True, help="Uitvoer (- = stdout)."
)
def classify(in_path: str, out_path: str) -> None:
    """Classificeer JSON-regels {"id", "text"} in de zes thema's (- = stdin).

    De tekst wordt eerst geanonimiseerd; thema's worden bepaald op de geanonimiseerde tekst,
    net als in de verwerking van de inbox.
    """
    _jsonl_command("classify", in_path, out_path)


@main.command()
@click.option(
    "--period",
    "period_text",
    metavar="PERIODE",
    required=True,
    help="2026-Q3, 2026-07, 2026 of 2026-01-01..2026-03-31.",
)
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    help="Map voor HTML en PDF (standaard: reports_dir).",
)
@click.option(
    "--no-pdf", "--geen-pdf", "geen_pdf", cls=AliasOption, is_flag=True, help="Alleen HTML."
)
def report(period_text: str, out_dir: Path | None, geen_pdf: bool) -> None:
    """Schrijf het themarapport over een periode (HTML en PDF), uit de gepubliceerde kopie."""
    from reports.access import ReportAccess, ReportAccessError
    from reports.build import NoSnapshot, build
    from reports.period import PeriodError, parse

    s = _settings()
    try:
        period = parse(period_text)
    except PeriodError as exc:
        raise click.ClickException(str(exc)) from None
    try:
        built = build(
            s.snapshot_path,
            period,
            out_dir or s.report_dir,
            s.min_cell,
            not geen_pdf,
            access=ReportAccess.of(s),
            manage_dir=out_dir is None,
        )
    except (NoSnapshot, ReportAccessError) as exc:
        raise click.ClickException(str(exc)) from None
    n = plural(built.n_documents, "klacht", "klachten")
    click.echo(f"Rapport {built.period}: {n} ({built.seconds:.1f} s)")
    click.echo(f"  HTML: {built.html}")
    if built.pdf:
        click.echo(f"  PDF:  {built.pdf}")
    if built.warning:
        click.echo(built.warning[0].upper() + built.warning[1:], err=True)


# Streamlit's own English that a setting removes (README, "Het dashboard"): no menu and no
# developer buttons (Deploy, Rerun, Clear cache); an error shows Streamlit's short generic
# message (its details, which could hold data, go to the console only) and no "Ask Google" or
# "Ask ChatGPT" links, which would send the error to an outside site.
STREAMLIT_QUIET = (
    "--client.toolbarMode", "minimal",
    "--client.showErrorDetails", "none",
    "--client.showErrorLinks", "false",
)  # fmt: skip


@main.command()
@click.option("--port", default=8501, show_default=True, help="Poort op 127.0.0.1.")
def dashboard(port: int) -> None:
    """Start het dashboard (Streamlit) op 127.0.0.1, op de gepubliceerde kopie."""
    import os

    _settings()  # a broken configuration is reported here, not inside Streamlit
    app = Path(__file__).resolve().parents[1] / "dashboards" / "app.py"
    env = dict(os.environ)  # the dashboard reads the same settings (schemas.settings)
    click.echo(f"Dashboard op http://127.0.0.1:{port} (stoppen met Ctrl-C)")
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(app),
        "--server.address", "127.0.0.1", "--server.port", str(port),
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
        "--global.developmentMode", "false", *STREAMLIT_QUIET,
    ]  # fmt: skip
    # Become Streamlit rather than wait for it: a SIGTERM to this command (a service manager,
    # a test) then reaches Streamlit itself instead of killing a wrapper and orphaning it.
    sys.stdout.flush()
    os.execve(sys.executable, cmd, env)


from rodedraad.cli_review import nagekeken, review  # noqa: E402
from rodedraad.cli_themes import label, reclassify, train  # noqa: E402

main.add_command(review)
main.add_command(hidden_alias(review, "nakijken"))
main.add_command(nagekeken)
main.add_command(label)
main.add_command(train)
main.add_command(reclassify)

if __name__ == "__main__":
    main()
