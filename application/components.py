"""One factory from ``Settings`` to the components every use case needs: the per-file workers'
configuration (``WorkerConfig``: paths and numbers only, it crosses process bounds), the
anonymiser and the theme model. The CLI, the workers and the training commands build them here,
so that a setting means the same everywhere. Light at import: models load when asked for."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from application import isolation
from nlp.dedup.fingerprint import key_path
from nlp.extract.limits import Limits
from schemas.settings import DEFAULT_MIN_WORDS, Settings

if TYPE_CHECKING:
    from nlp.anonymise import Anonymiser
    from nlp.themes import ThemeModel


@dataclass(frozen=True)
class WorkerConfig:
    spacy_model: str
    max_file_bytes: int
    ocr_enabled: bool
    theme_threshold: float
    generalise_dates: bool = True
    keep_labels: tuple[str, ...] = ()
    recognisers_off: tuple[str, ...] = ()
    embedding_model: str = "use"
    theme_models_dir: str | None = None
    # OCR'd text with a lower mean word confidence (0-100) is checked by a person.
    ocr_min_confidence: float = 85.0
    dedup_key_path: str | None = None  # keyed fingerprints (nlp/dedup); the key never travels
    limits: Limits = field(default_factory=Limits)
    # Per-file budget (isolation.Budget) and the number of worker processes.
    file_seconds: float = 300.0
    file_memory_mb: float = 2048.0
    file_workers: int = 1
    min_words: int = DEFAULT_MIN_WORDS  # shorter: stored as 'geen klacht' (nlp/themes/kind.py)

    @property
    def budget(self) -> isolation.Budget:
        return isolation.Budget(
            seconds=self.file_seconds,
            memory_bytes=int(self.file_memory_mb * 1024 * 1024),
            workers=self.file_workers,
        )


def worker_config(s: Settings) -> WorkerConfig:
    """The per-file workers' settings (paths and numbers only: they cross process bounds)."""
    return WorkerConfig(
        spacy_model=s.spacy_model,
        max_file_bytes=s.max_file_bytes,
        ocr_enabled=s.ocr == "auto",
        theme_threshold=s.theme_threshold,
        generalise_dates=s.anonymise_generalise_dates,
        keep_labels=tuple(s.anonymise_keep),
        recognisers_off=tuple(s.anonymise_off),
        embedding_model=s.embedding_model,
        theme_models_dir=str(s.theme_models_dir),
        dedup_key_path=str(key_path(s.data_dir)),  # made by the run that needs it
        limits=Limits(max_text_chars=s.max_text_chars, max_pages=s.max_pages),
        file_seconds=s.file_timeout_seconds,
        file_memory_mb=s.file_memory_mb,
        file_workers=s.file_worker_count,
        ocr_min_confidence=s.ocr_min_confidence,
        min_words=s.min_words,
    )


def anonymiser(cfg: WorkerConfig) -> Anonymiser:
    """The anonymiser on the configured spaCy pipeline, with the configured policy."""
    from nlp.anonymise import Anonymiser, Policy
    from nlp.pipeline import load

    pipeline = load(cfg.spacy_model)
    # Texts are refused above limits.max_text_chars before they reach spaCy: its own limit
    # must never be the one that fails a document.
    pipeline.nlp.max_length = max(pipeline.nlp.max_length, cfg.limits.max_text_chars + 1)
    policy = Policy(
        generalise_dates=cfg.generalise_dates,
        keep=frozenset(cfg.keep_labels),
        off=frozenset(cfg.recognisers_off),
    )
    return Anonymiser(pipeline, policy)


def theme_model(cfg: WorkerConfig) -> ThemeModel:
    """The active staff model, else the shipped base model, else the codebook."""
    from nlp.themes import load_model

    models_dir = Path(cfg.theme_models_dir) if cfg.theme_models_dir else None
    return load_model(models_dir, cfg.embedding_model, cfg.theme_threshold)
