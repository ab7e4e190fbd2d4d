"""The topics use case: fit BERTopic on the anonymised sentences of all checked complaints and
store topics, per-complaint topics and (through views) topics over time.

Texts are read from the warehouse here and never become Prefect parameters or results; the flow
(``flows.topics``) passes only the settings.
"""

from __future__ import annotations

import importlib.metadata
import logging
import re
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from application import inbox as ib
from nlp.themes import featuriser
from nlp.themes.features import DocFeatures
from nlp.themes.prototypes import read as read_prototypes
from nlp.topics.model import TopicFit, fit
from schemas.records import NEW_TOPIC, THEME_KEYS, THEME_LABELS
from schemas.settings import Settings
from warehouse import db
from warehouse import topics as store
from warehouse.publish import publish

log = logging.getLogger(__name__)

MIN_WORDS = 6  # shorter sentences (greetings, "Met vriendelijke groet") say nothing about topics
_MAX_PLACEHOLDERS = 2  # contact lines ("bereikbaar op [TELEFOON] of [EMAIL]") neither
_THEME_MIN = 0.3  # mean sentence evidence for a clustered topic to count as part of a theme
# A cluster found in most complaints is how letters are written (openings, contact lines), not an
# emerging issue: it is marked "algemeen" instead of "nieuw".
_GENERAL_SHARE = 0.5
GENERAL_TOPIC = "algemeen"
_PLACEHOLDER = re.compile(r"\[[A-Z]+(?:-\d+)?\]")


@dataclass
class TopicsSummary:
    topic_run_id: str
    n_complaints: int = 0
    n_sentences: int = 0
    seconds: float = 0.0
    topics: list[dict[str, Any]] = field(default_factory=list)  # id, label, theme, size


def _sentences(feats: list[DocFeatures]) -> tuple[list[str], list[int], list]:
    """Sentences long enough to carry a topic, the complaint each came from, their features."""
    kept, owner, rows = [], [], []
    for doc_index, f in enumerate(feats):
        scores = f.sentence_scores()
        for i, sentence in enumerate(f.sentences):
            if (
                f.vectors is not None
                and len(sentence.split()) >= MIN_WORDS
                and len(_PLACEHOLDER.findall(sentence)) < _MAX_PLACEHOLDERS
            ):
                kept.append(sentence)
                owner.append(doc_index)
                rows.append((f.vectors[i], scores[i]))
    return kept, owner, rows


def _topic_theme(seed_theme: str | None, evidence: np.ndarray, share: float) -> str:
    if seed_theme:
        return seed_theme
    if len(evidence) and evidence.mean(axis=0).max() >= _THEME_MIN:
        return THEME_KEYS[int(evidence.mean(axis=0).argmax())]
    return GENERAL_TOPIC if share >= _GENERAL_SHARE else NEW_TOPIC


def _label(theme: str, words: list[str], seeded: bool) -> str:
    if seeded:
        return THEME_LABELS[theme]
    head = ", ".join(words[:4]) or "(geen kenmerkende woorden)"
    prefix = theme if theme in (NEW_TOPIC, GENERAL_TOPIC) else THEME_LABELS[theme]
    return f"{prefix}: {head}"


def run_topics(s: Settings) -> TopicsSummary:
    """Fit topics over all checked complaints under the run lock, store them, publish."""
    t0 = time.perf_counter()
    fz = featuriser(s.embedding_model)
    if fz.prototypes is None:
        raise RuntimeError("onderwerpen vragen zinsembeddings; zet embedding_model niet op 'geen'")
    summary = TopicsSummary(topic_run_id=uuid.uuid4().hex[:12])
    with ib.run_lock(s.data_dir):
        con = db.connect(s.db_path)
        try:
            rows = store.complaints_for_topics(con)
            ids = [doc_id for doc_id, _ in rows]
            feats = fz.featurise([text for _, text in rows], keep_vectors=True)
            del rows
            sentences, owner, per_sentence = _sentences(feats)
            vectors = np.vstack([v for v, _ in per_sentence]) if per_sentence else None
            _, descriptions, _ = read_prototypes()
            result: TopicFit = fit(
                sentences,
                vectors if vectors is not None else np.zeros((0, 1)),
                fz.prototypes.encoder,
                descriptions,
                min_similarity=fz.prototypes.centre,
                k=s.topics_k,
                seed=s.topics_seed,
            )
            evidence = np.vstack([e for _, e in per_sentence])
            topics, complaint_topics = _rows(summary.topic_run_id, result, owner, ids, evidence)
            store.store(
                con,
                {
                    "topic_run_id": summary.topic_run_id,
                    "n_complaints": len(set(owner)),
                    "n_sentences": len(sentences),
                    "k": result.k,
                    "seed": s.topics_seed,
                    "encoder": fz.prototypes.encoder.name,
                    "zeroshot_min_similarity": result.zeroshot_min_similarity,
                    "bertopic_version": importlib.metadata.version("bertopic"),
                },
                topics,
                complaint_topics,
            )
        finally:
            con.close()
        publish(s.db_path, s.snapshot_path)
    summary.n_complaints = len(set(owner))
    summary.n_sentences = len(sentences)
    summary.topics = [
        {k: t[k] for k in ("topic_id", "label", "theme", "size", "n_complaints")} for t in topics
    ]
    summary.seconds = time.perf_counter() - t0
    return summary


def _rows(
    run_id: str, result: TopicFit, owner: list[int], ids: list[str], evidence: np.ndarray
) -> tuple[list[dict], list[dict]]:
    assignment = np.array(result.assignment)
    owners = np.array(owner)
    per_complaint = Counter(zip(owner, result.assignment, strict=True))
    topics = []
    for t in result.topics:
        mask = assignment == t.topic_id
        n_complaints = len(set(owners[mask].tolist()))
        theme = _topic_theme(t.seed_theme, evidence[mask], n_complaints / max(len(set(owner)), 1))
        topics.append(
            {
                "topic_run_id": run_id,
                "topic_id": t.topic_id,
                "label": _label(theme, t.words, t.seed_theme is not None),
                "words": t.words,
                "size": t.size,
                "n_complaints": n_complaints,
                "theme": theme,
                "seeded": t.seed_theme is not None,
            }
        )
    complaint_topics = [
        {"topic_run_id": run_id, "document_id": ids[o], "topic_id": tid, "n_sentences": n}
        for (o, tid), n in sorted(per_complaint.items())
    ]
    return topics, complaint_topics
