"""The per-batch work: extract, anonymise, classify. Raw text lives only inside this module's
functions; what leaves is anonymised (``ProcessedDocument``) or content-free
(``QuarantinedFile``). Models load once per process."""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS as EN_STOP
from spacy.lang.nl.stop_words import STOP_WORDS as NL_STOP

from flows.inbox import InboxFile
from nlp.anonymise import Anonymiser, Policy
from nlp.dedup import content_marks, read_key
from nlp.extract import ExtractionError, extract_file
from nlp.metadata import extract as extract_metadata
from nlp.metadata.letter_date import letter_date
from nlp.pipeline import load as load_pipeline
from nlp.themes import ThemeModel, load_model
from schemas.records import ExtractedText, ProcessedDocument, QuarantinedFile

log = logging.getLogger(__name__)

ANONYMISER_VERSION = "regels-0.1"
STATUS_OK = "verwerkt"
STATUS_REVIEW = "controle nodig"


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
    dedup_key_path: str | None = None  # keyed fingerprints (nlp/dedup); the key never travels


@functools.cache
def _models(cfg: WorkerConfig) -> tuple[Anonymiser, ThemeModel]:
    """Loaded once per process and configuration (the config is frozen, hence hashable)."""
    policy = Policy(
        generalise_dates=cfg.generalise_dates,
        keep=frozenset(cfg.keep_labels),
        off=frozenset(cfg.recognisers_off),
    )
    models_dir = Path(cfg.theme_models_dir) if cfg.theme_models_dir else None
    return (
        Anonymiser(load_pipeline(cfg.spacy_model), policy),
        load_model(models_dir, cfg.embedding_model, cfg.theme_threshold),
    )


def detect_language(text: str) -> str:
    words = [w.lower() for w in text.split()[:2000]]
    if len(words) < 5:
        return "onbekend"
    nl = sum(w in NL_STOP for w in words)
    en = sum(w in EN_STOP for w in words)
    if nl >= en and nl / len(words) > 0.15:
        return "nl"
    if en > nl and en / len(words) > 0.15:
        return "en"
    return "onbekend"


def process_batch(
    items: list[InboxFile], cfg: WorkerConfig
) -> tuple[list[ProcessedDocument], list[QuarantinedFile]]:
    anonymiser, classifier = _models(cfg)
    key = read_key(cfg.dedup_key_path)
    quarantined: list[QuarantinedFile] = []
    ready: list[tuple[InboxFile, ExtractedText]] = []
    for item in items:
        try:
            ready.append(
                (
                    item,
                    extract_file(
                        Path(item.path), max_bytes=cfg.max_file_bytes, ocr_enabled=cfg.ocr_enabled
                    ),
                )
            )
        except ExtractionError as exc:
            quarantined.append(_quarantined(item, exc.code, exc.reason))
        except (MemoryError, RecursionError, OSError) as exc:
            quarantined.append(
                _quarantined(
                    item, "onleesbaar", f"bestand kon niet gelezen worden ({type(exc).__name__})"
                )
            )
    anonymised = []
    docs = anonymiser.docs((ex.text for _, ex in ready), batch_size=16)
    for (item, extracted), doc in zip(ready, docs, strict=True):
        try:
            anon = anonymiser.anonymise_doc(doc, extracted.text)
            anonymised.append((item, extracted, anon, extract_metadata(extracted.text)))
        except Exception as exc:  # a bug must not sink the batch nor leak text in a message
            quarantined.append(_internal_error(item, exc))
    try:  # one call: the sentence encoder is fastest on the whole batch
        all_themes = classifier.classify_many([a.text for _, _, a, _ in anonymised])
    except Exception:
        all_themes = []
        for _, _, anon, _ in anonymised:
            try:
                all_themes.append(classifier.classify(anon.text))
            except Exception as exc:
                all_themes.append(exc)
    processed: list[ProcessedDocument] = []
    for (item, extracted, anon, meta), themes in zip(anonymised, all_themes, strict=True):
        if isinstance(themes, Exception):
            quarantined.append(_internal_error(item, themes))
            continue
        counts: dict[str, int] = {}
        for e in anon.entities:
            counts[e.label] = counts.get(e.label, 0) + 1
        received_at = extracted.received_at or datetime.now(UTC)
        processed.append(
            ProcessedDocument(
                content_id=item.content_id or "",
                file_ref=item.file_ref,
                file_type=item.file_type,
                size_bytes=item.size,
                received_at=received_at,
                pages=extracted.pages,
                n_words=len(extracted.text.split()),
                language=detect_language(extracted.text),
                text=anon.text,
                entity_counts=counts,
                status=STATUS_REVIEW if anon.residual_flags else STATUS_OK,
                residual_flags=anon.residual_flags,
                themes=themes,
                pipeline=anonymiser.pipeline.name,
                anonymiser_version=ANONYMISER_VERSION,
                municipality=meta.municipality,
                organisation=meta.organisation,
                complainant_role=meta.complainant_role,
                measure=meta.measure,
                letter_date=letter_date(extracted.text, received_at, extracted.sent_at),
                **content_marks(extracted.text, anon, key),
            )
        )
    return processed, quarantined


def _internal_error(item: InboxFile, exc: Exception) -> QuarantinedFile:
    log.error("interne fout bij document %s: %s", item.file_ref, type(exc).__name__)
    return _quarantined(item, "interne_fout", f"interne fout bij verwerking ({type(exc).__name__})")


def _quarantined(item: InboxFile, code: str, reason: str) -> QuarantinedFile:
    return QuarantinedFile(
        content_id=item.content_id,
        file_ref=item.file_ref,
        file_type=item.file_type,
        reason_code=code,
        reason=reason,
    )
