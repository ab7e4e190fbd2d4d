"""The one typed place for configuration.

Precedence (highest first): CLI flags (passed as overrides) > ``RODEDRAAD_*`` environment
variables > ``rodedraad.toml`` > defaults. Defaults work with no config file at all: everything
lives under ``./data``. Relative paths in the TOML file resolve against the file's folder, relative
paths from the environment or defaults against the working directory.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

CONFIG_ENV = "RODEDRAAD_CONFIG"
# The office's calendar: periods, schedules and times shown to people. (The warehouse's views
# name it in SQL too: migration 006.)
TIMEZONE = "Europe/Amsterdam"
# Paths that live under data_dir unless set themselves: moving data_dir moves them all.
UNDER_DATA_DIR = {
    "inbox": "inbox",
    "processed_dir": "processed",
    "quarantine_dir": "quarantine",
    "db_path": "rodedraad.duckdb",
    "prefect_home": "prefect",
}
DEFAULT_CONFIG_NAME = "rodedraad.toml"


def config_file() -> Path:
    """Where the TOML file is looked for: ``$RODEDRAAD_CONFIG`` or ``./rodedraad.toml``."""
    return Path(os.environ.get(CONFIG_ENV, DEFAULT_CONFIG_NAME)).expanduser()


# Fewer words than this: a document is stored as 'geen klacht' (nlp/themes/kind.py).
DEFAULT_MIN_WORDS = 5


class Settings(BaseSettings):
    """All settings of a rodedraad installation."""

    model_config = SettingsConfigDict(env_prefix="RODEDRAAD_", extra="forbid")

    data_dir: Path = Path("data")
    inbox: Path = Path("data/inbox")
    processed_dir: Path = Path("data/processed")
    quarantine_dir: Path = Path("data/quarantine")
    db_path: Path = Path("data/rodedraad.duckdb")
    # Read-only snapshot for dashboard, reports and analysts, replaced after every run, and where
    # reports are written; empty: under data_dir.
    published_path: Path | None = None
    reports_dir: Path | None = None
    prefect_home: Path = Path("data/prefect")

    # An installed spaCy package, or a folder with a pipeline saved by nlp.to_disk (relative
    # to the TOML file like other paths when it starts with "." or "~" or holds a "/").
    spacy_model: str = "nl_core_news_lg"
    # Retention of originals after a successful load: None keeps them in processed/ forever,
    # 0 deletes them right after loading, N deletes them N days after loading.
    retention_days: int | None = Field(default=None, ge=0)
    max_file_mb: float = Field(default=25.0, gt=0)
    # Limits checked before the expensive work (a file over them is quarantined with the reason):
    # characters of extracted text, and pages of a PDF.
    max_text_chars: int = Field(default=500_000, ge=1_000)
    max_pages: int = Field(default=500, ge=1)
    # Per-file budget: a file whose processing takes longer or needs more memory (on top of the
    # loaded models) is stopped and quarantined. file_workers: worker processes (0 = one per CPU
    # core, at most 4; one per Dask worker with task_runner = "dask").
    file_timeout_seconds: float = Field(default=300.0, gt=0)
    file_memory_mb: float = Field(default=2048.0, ge=256)
    file_workers: int = Field(default=0, ge=0)
    batch_size: int = Field(default=50, ge=1)
    # A file is only picked up when it has not changed for this many seconds (still being copied).
    settle_seconds: float = Field(default=3.0, ge=0)
    ocr: Literal["auto", "off"] = "auto"
    # OCR'd documents whose mean word confidence (Tesseract, 0-100) is lower get status
    # 'controle nodig' with the flag 'ocr' (benchmarks/RESULTS.md: how it was chosen).
    ocr_min_confidence: float = Field(default=85.0, ge=0, le=100)
    serve_interval_seconds: int = Field(default=300, ge=5)
    # Replacement policy: exact dates become month and year (False: a [DATUM-n] placeholder);
    # labels listed in anonymise_keep are left in the text (e.g. ["PLAATS"]).
    anonymise_generalise_dates: bool = True
    anonymise_keep: list[str] = Field(default_factory=list)
    # Recognisers switched off by name (e.g. ["kenteken"]; the names are in
    # nlp/anonymise/recognisers/__init__.py). An unknown name stops the anonymiser with a message.
    anonymise_off: list[str] = Field(default_factory=list)
    # Theme assignment threshold on the document score (0..1).
    theme_threshold: float = Field(default=0.5, gt=0, lt=1)
    # Sentence embeddings for themes and topics: use (default, fast), e5, spacy (needs
    # nl_core_news_lg) or geen (cues only).
    embedding_model: Literal["use", "e5", "spacy", "geen"] = "use"
    # Trained theme models (rodedraad train) and which one is active; empty: data_dir/models.
    models_dir: Path | None = None
    # rodedraad train: a folder of labelled JSON Lines files ({"text", "themes"}) the model is
    # fitted on together with the staff labels (empty: staff labels only); each staff label
    # weighs staff_label_weight times as much as a base example.
    theme_base_corpus: Path | None = None
    staff_label_weight: float = Field(default=3.0, ge=1)
    # A document with fewer words than this is stored as 'geen klacht' (not counted as a
    # complaint, no themes): an empty form, a one-byte file, "zie bijlage".
    min_words: int = Field(default=DEFAULT_MIN_WORDS, ge=0)
    # Topics (rodedraad topics): number of clusters, 0 = chosen from the number of sentences.
    topics_k: int = Field(default=0, ge=0)
    topics_seed: int = 42
    # Reports and dashboard: a municipality (or organisation) with fewer complaints than this in
    # a period is shown as "overig" (small-cell suppression).
    min_cell: int = Field(default=5, ge=1)
    # The day a complaint counts on in views, reports and the dashboard: "brief" = the date the
    # letter carries (or the e-mail's Date), else the received day; "ontvangst" = always the
    # received day. Written into the warehouse at every run (table count_settings).
    date_basis: Literal["brief", "ontvangst"] = "brief"
    # Where the batch tasks of a run execute: "lokaal" (this process) or "dask" (prefect-dask):
    # a LocalCluster of dask_workers processes, or the scheduler at dask_address
    # ("tcp://host:8786"). DuckDB is always written by the run's own process.
    task_runner: Literal["lokaal", "dask"] = "lokaal"
    dask_address: str = ""
    dask_workers: int = Field(default=2, ge=1)
    # Scheduled reports under `rodedraad serve` (cron, Europe/Amsterdam): the last whole month
    # and quarter; an empty string switches that report off.
    report_cron_month: str = "0 7 1 * *"
    report_cron_quarter: str = "30 7 1 1,4,7,10 *"
    # Who may read the reports: the files' mode (octal, as for chmod; the reports folder gets the
    # same bits plus x where r is set) and their group (empty: the writer's own group). The
    # default lets the owner write and the group (e.g. the managers) read, nobody else.
    reports_mode: int = Field(default=0o640, ge=0, le=0o777)
    reports_group: str = ""

    @field_validator("reports_mode", mode="before")
    @classmethod
    def _octal_mode(cls, value: Any) -> Any:
        """'0640', '640' and '0o640' are octal (as chmod reads them); an int is taken as is."""
        if isinstance(value, str):
            text = value.strip().lower().removeprefix("0o")
            if not text or any(c not in "01234567" for c in text):
                raise ValueError(f"reports_mode {value!r} is geen octale modus zoals 0640")
            return int(text, 8)
        if isinstance(value, int) and not 0 <= value <= 0o777:
            raise ValueError(f'reports_mode {value}: schrijf de modus als tekst, zoals "0640"')
        return value

    @field_validator("reports_mode", mode="after")
    @classmethod
    def _owner_can_write(cls, value: int) -> int:
        if value & 0o600 != 0o600:
            raise ValueError(
                f"reports_mode {value:04o}: de eigenaar moet de rapporten kunnen lezen en "
                "schrijven (bijvoorbeeld 0640)"
            )
        return value

    @field_validator("retention_days", mode="before")
    @classmethod
    def _empty_is_none(cls, value: Any) -> Any:
        if value in ("", "keep", "bewaren"):
            return None
        return value

    @model_validator(mode="after")
    def _follow_data_dir(self) -> Settings:
        for name, leaf in UNDER_DATA_DIR.items():
            if name not in self.model_fields_set:
                setattr(self, name, self.data_dir / leaf)
        return self

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        path = config_file()
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        if path.is_file():
            sources.append(_RelativeToml(settings_cls, path))
        return tuple(sources)

    def resolved(self) -> Settings:
        """Absolute paths, so that later chdir or subprocesses cannot change their meaning."""
        updates: dict[str, Any] = {
            name: Path(getattr(self, name)).expanduser().resolve()
            for name, info in type(self).model_fields.items()
            if info.annotation in (Path, Path | None) and getattr(self, name) is not None
        }
        if looks_like_path(self.spacy_model):
            updates["spacy_model"] = str(Path(self.spacy_model).expanduser().resolve())
        return self.model_copy(update=updates)

    @property
    def snapshot_path(self) -> Path:
        return self.published_path or self.data_dir / "published" / "rodedraad.duckdb"

    @property
    def report_dir(self) -> Path:
        return self.reports_dir or self.data_dir / "reports"

    @property
    def theme_models_dir(self) -> Path:
        return (self.models_dir or self.data_dir / "models") / "themes"

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)

    @property
    def file_worker_count(self) -> int:
        """Worker processes per batch: the cores, without oversubscribing them (with Dask, each
        Dask worker already is one process per core)."""
        if self.file_workers:
            return self.file_workers
        if self.task_runner == "dask":
            return 1
        return max(1, min(4, len(os.sched_getaffinity(0))))


def looks_like_path(value: str) -> bool:
    """A ``spacy_model`` that names a folder rather than an installed package."""
    return value.startswith((".", "~", "/")) or "/" in value or os.sep in value


class _RelativeToml(TomlConfigSettingsSource):
    """TOML source whose relative paths are relative to the TOML file, not the working dir."""

    def __init__(self, settings_cls: type[BaseSettings], path: Path) -> None:
        self._base = path.resolve().parent
        super().__init__(settings_cls, toml_file=path)

    def __call__(self) -> dict[str, Any]:
        data = super().__call__()
        for key, value in list(data.items()):
            field = Settings.model_fields.get(key)
            if (
                field is not None
                and field.annotation in (Path, Path | None)
                and isinstance(value, str)
            ):
                p = Path(value).expanduser()
                data[key] = p if p.is_absolute() else self._base / p
            elif key == "spacy_model" and isinstance(value, str) and looks_like_path(value):
                p = Path(value).expanduser()
                data[key] = str(p if p.is_absolute() else self._base / p)
        return data


def load_settings(**overrides: Any) -> Settings:
    """Settings with CLI overrides applied (``None`` values mean: flag not given)."""
    given = {k: v for k, v in overrides.items() if v is not None}
    return Settings(**given).resolved()


DEFAULT_TOML = """\
# rodedraad configuration. Only data_dir is set: every other path follows it (inbox, processed,
# quarantine, the database, Prefect's home, the published copy, reports, models) unless you set
# that path here yourself. Every key can be overridden by an environment variable
# RODEDRAAD_<KEY> (for example RODEDRAAD_DATA_DIR=/srv/rodedraad) and some by CLI flags.
# Relative paths are relative to this file. Remove the "# " before a line to change its default.

data_dir = "data"

# inbox = "data/inbox"
# processed_dir = "data/processed"
# quarantine_dir = "data/quarantine"
# db_path = "data/rodedraad.duckdb"
# prefect_home = "data/prefect"
# published_path = "data/published/rodedraad.duckdb"   # read-only copy for readers
# reports_dir = "data/reports"
# models_dir = "data/models"                           # trained theme models

# spaCy pipeline; used when installed, otherwise a rule-based Dutch pipeline runs (and says so).
# Also a folder with a pipeline saved by spaCy's nlp.to_disk, e.g. "modellen/nl-eigen".
# spacy_model = "nl_core_news_lg"

# Originals after loading: leave retention_days out (or "keep") to keep them in processed_dir,
# 0 to delete them at once, N to delete them N days after loading.
# retention_days = 30

# Limits per file; a file over a limit is quarantined with the reason.
# max_file_mb = 25
# max_text_chars = 500000
# max_pages = 500
# file_timeout_seconds = 300     # processing time per file
# file_memory_mb = 2048          # memory per file on top of the loaded models
# file_workers = 0               # worker processes; 0 = one per CPU core (at most 4)

# batch_size = 50
# settle_seconds = 3
# "auto": OCR scans with Tesseract (nld) when installed; "off": quarantine them
# ocr = "auto"
# ocr_min_confidence = 85   # OCR'd text less sure than this (0-100): status 'controle nodig'
# serve_interval_seconds = 300
# theme_threshold = 0.5
# min_words = 5                 # fewer words: stored as 'geen klacht', not counted as a complaint
# rodedraad train: labelled JSON Lines ({"text", "themes"}) fitted on with the staff labels
# theme_base_corpus = "basiscorpus"
# staff_label_weight = 3        # a staff label weighs this many base examples
# Sentence embeddings for themes and topics: "use" (fast), "e5", "spacy" or "geen"
# embedding_model = "use"
# topics_k = 0        # number of topic clusters; 0 = chosen from the data
# topics_seed = 42
# min_cell = 5        # fewer complaints than this per municipality/organisation: "overig"
# The day a complaint counts on: "brief" (the letter's own date, else received) or "ontvangst"
# date_basis = "brief"

# Replacement policy: dates become month and year; labels listed here stay in the text.
# anonymise_generalise_dates = true
# anonymise_keep = []
# Recognisers switched off by name (nlp/anonymise/recognisers), e.g. ["kenteken"]
# anonymise_off = []

# Where batch tasks run: "lokaal" or "dask" (see docs/scale-out.md)
# task_runner = "lokaal"
# dask_workers = 2
# dask_address = ""
# Scheduled reports under `rodedraad serve` (cron, Europe/Amsterdam); "" switches one off.
# report_cron_month = "0 7 1 * *"
# report_cron_quarter = "30 7 1 1,4,7,10 *"
# Reports: file mode (octal) and group; the folder gets the same bits plus x where r is set.
# Default: the owner writes, the group reads, nobody else. Empty group: the writer's own group.
# reports_mode = "0640"
# reports_group = "managers"
"""
