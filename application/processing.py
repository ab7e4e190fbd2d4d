"""The per-file work: extract, anonymise, classify. Raw text lives only inside this module's
functions; what leaves is anonymised (``ProcessedDocument``) or content-free
(``QuarantinedFile``). Models load once per process.

``process_file`` handles one file and never raises: every failure of any stage becomes a
quarantine record with a reason code and the exception's type. ``process_batch`` runs it for
each file of a batch in worker processes with a time and memory budget (``application.isolation``),
so that a file that hangs or eats memory is stopped and quarantined while the rest goes on.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from application import isolation
from application.components import WorkerConfig, anonymiser, theme_model
from application.inbox import InboxFile
from nlp.anonymise import Anonymiser
from nlp.anonymise.version import ANONYMISER_VERSION
from nlp.dedup import content_marks, read_key
from nlp.extract import ExtractionError, extract_file
from nlp.language import FLAG as LANGUAGE_FLAG
from nlp.language import detect as detect_language
from nlp.language import is_other_language
from nlp.language import load as load_language_identifier
from nlp.metadata import extract as extract_metadata
from nlp.metadata.extract import Metadata
from nlp.metadata.letter_date import letter_date
from nlp.pipeline import load as load_pipeline
from nlp.themes import ThemeModel, load_model
from nlp.themes.kind import settle
from schemas.records import (
    AnonymisedText,
    ExtractedText,
    ProcessedDocument,
    QuarantinedFile,
    ThemeResult,
)
from schemas.vocabulary import DocumentStatus

log = logging.getLogger(__name__)

OCR_FLAG = "ocr"

# Dutch reasons for a file whose work was stopped or failed (isolation's failure codes).
_FAILURE_REASONS = {
    isolation.TIMEOUT: "verwerking duurde langer dan {seconds:g} s; gestopt",
    isolation.MEMORY: "verwerking had meer dan {memory_mb:g} MB geheugen nodig; gestopt",
    isolation.CRASHED: "de verwerking van dit bestand brak af ({exc_type})",
    isolation.ERROR: "interne fout bij verwerking ({exc_type})",
}


@functools.cache
def _models(cfg: WorkerConfig) -> tuple[Anonymiser, ThemeModel]:
    """Loaded once per process and configuration (the config is frozen, hence hashable)."""
    return anonymiser(cfg), theme_model(cfg)


def warm_up(spacy_model: str, embedding_model: str, max_text_chars: int) -> None:
    """Worker initializer: the expensive, process-wide models (spaCy pipeline, name lists,
    sentence encoder) are in memory before the first file's budget starts; what depends on
    the rest of the configuration (policy, trained theme head) is cheap and loads per run."""
    pipeline = load_pipeline(spacy_model)
    pipeline.nlp.max_length = max(pipeline.nlp.max_length, max_text_chars + 1)
    Anonymiser(pipeline)
    load_model(None, embedding_model)  # the shipped model; the encoder only if it needs one
    load_language_identifier()


def pool_for(cfg: WorkerConfig) -> isolation.FilePool:
    """The worker pool for ``cfg``: kept between runs of one process (a scheduler, a Dask worker,
    a test session) while the budget and the models stay the same."""
    key = (cfg.budget, cfg.spacy_model, cfg.embedding_model, cfg.limits.max_text_chars)
    return isolation.shared_pool(key, cfg.budget, warm_up, key[1:])


def process_file(item: InboxFile, cfg: WorkerConfig) -> ProcessedDocument | QuarantinedFile:
    """One file through every stage; never raises (except MemoryError, which the budget
    reports)."""
    try:
        extracted = extract_file(
            Path(item.path),
            max_bytes=cfg.max_file_bytes,
            ocr_enabled=cfg.ocr_enabled,
            limits=cfg.limits,
        )
    except ExtractionError as exc:
        return _quarantined(item, exc.code, exc.reason)
    except MemoryError:
        raise
    except (RecursionError, OSError) as exc:
        return _quarantined(
            item, "onleesbaar", f"bestand kon niet gelezen worden ({type(exc).__name__})"
        )
    except Exception as exc:  # a reader's bug must not sink the run nor leak text
        return _internal_error(item, exc)
    anonymiser, classifier = _models(cfg)
    try:
        anon = anonymiser.anonymise(extracted.text)
        meta = extract_metadata(extracted.text)
        themes = classifier.classify(anon.text)
        language = detect_language(extracted.text)
    except MemoryError:
        raise
    except Exception as exc:  # a bug must not sink the run nor leak text in a message
        return _internal_error(item, exc)
    try:
        marks = content_marks(extracted.text, anon, read_key(cfg.dedup_key_path))
    except MemoryError:
        raise
    except Exception as exc:
        return _internal_error(item, exc)
    themes = settle(themes, len(extracted.text.split()), cfg.min_words, language)
    return _processed(
        item,
        extracted,
        anon,
        meta,
        themes,
        anonymiser.pipeline.name,
        marks,
        cfg.ocr_min_confidence,
        language,
    )


def _processed(
    item: InboxFile,
    extracted: ExtractedText,
    anon: AnonymisedText,
    meta: Metadata,
    themes: ThemeResult,
    pipeline: str,
    marks: dict,
    ocr_min_confidence: float,
    language: str,
) -> ProcessedDocument:
    counts: dict[str, int] = {}
    for e in anon.entities:
        counts[e.label] = counts.get(e.label, 0) + 1
    received_at = extracted.received_at or datetime.now(UTC)
    flags = anon.residual_flags + review_flags(extracted, ocr_min_confidence, language)
    return ProcessedDocument(
        content_id=item.content_id or "",
        file_ref=item.file_ref,
        file_type=item.file_type,
        size_bytes=item.size,
        received_at=received_at,
        pages=extracted.pages,
        n_words=len(extracted.text.split()),
        language=language,
        text=anon.text,
        entity_counts=counts,
        status=DocumentStatus.CONTROLE_NODIG if flags else DocumentStatus.VERWERKT,
        residual_flags=flags,
        themes=themes,
        pipeline=pipeline,
        anonymiser_version=ANONYMISER_VERSION,
        municipality=meta.municipality,
        organisation=meta.organisation,
        complainant_role=meta.complainant_role,
        measure=meta.measure,
        letter_date=letter_date(extracted.text, received_at, extracted.sent_at),
        ocr=extracted.ocr,
        ocr_confidence=extracted.ocr_confidence,
        kind=themes.kind,
        **marks,
    )


def review_flags(
    extracted: ExtractedText, min_confidence: float, language: str | None = None
) -> list[str]:
    """``ocr`` when the text came from OCR that Tesseract itself was unsure of: misread names and
    numbers may slip past the anonymiser, so a person checks the document. ``andere taal`` when
    it is not in Dutch: the anonymiser's lexicons and the theme model read Dutch only."""
    flags = []
    if extracted.ocr and (extracted.ocr_confidence or 0.0) < min_confidence:
        flags.append(OCR_FLAG)
    if is_other_language(language):
        flags.append(LANGUAGE_FLAG)
    return flags


def process_batch(
    items: list[InboxFile],
    cfg: WorkerConfig,
    should_stop: Callable[[], bool] = lambda: False,
) -> tuple[list[ProcessedDocument], list[QuarantinedFile]]:
    """Every file of the batch, each under the per-file budget. Raises
    ``isolation.Stopped`` when ``should_stop`` says so (the batch is then not committed)."""
    work = functools.partial(process_file, cfg=cfg)
    if isolation.can_have_workers():
        results = pool_for(cfg).map(work, items, should_stop)
    else:
        log.warning("geen werkprocessen mogelijk hier: bestanden zonder tijds- of geheugenlimiet")
        results = isolation.run_in_process(work, items, should_stop)
    processed: list[ProcessedDocument] = []
    quarantined: list[QuarantinedFile] = []
    for item, result in results:
        if isinstance(result, isolation.Failure):
            quarantined.append(_failed(item, result, cfg))
        elif isinstance(result, ProcessedDocument):
            processed.append(result)
        else:
            quarantined.append(result)
    order = {i.file_ref: n for n, i in enumerate(items)}  # results come in as files finish
    processed.sort(key=lambda d: order[d.file_ref])
    quarantined.sort(key=lambda q: order[q.file_ref])
    return processed, quarantined


def _failed(item: InboxFile, failure: isolation.Failure, cfg: WorkerConfig) -> QuarantinedFile:
    reason = _FAILURE_REASONS[failure.code].format(
        seconds=cfg.file_seconds, memory_mb=cfg.file_memory_mb, exc_type=failure.exc_type
    )
    log.error("bestand %s: %s (%s)", item.file_ref, failure.code, failure.exc_type)
    return _quarantined(item, failure.code, reason)


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
