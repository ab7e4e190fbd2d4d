"""The topics use case: cluster the content passages of all checked complaints, describe the
clusters in words a manager reads, decide which are ``nieuw`` and store them (issue 17).

Texts are read from the warehouse here and never become Prefect parameters or results; the flow
(``flows.topics``) passes only the settings.
"""

from __future__ import annotations

import importlib.metadata
import logging
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from application import inbox as ib
from application import progress
from nlp.themes import featuriser
from nlp.topics import domains as life
from nlp.topics.evidence import embed_units
from nlp.topics.model import TooFewSentences, TopicFit, choose_k, describe, partitions
from nlp.topics.novelty import (
    GENERAL_TOPIC,
    NEW_MIN_SHARE,
    Decision,
    Previous,
    consensus,
    decide,
    same_issue,
    with_domains,
)
from nlp.topics.units import Unit, units
from schemas.records import NEW_TOPIC, THEME_LABELS
from schemas.settings import Settings
from warehouse import db
from warehouse import topics as store
from warehouse.publish import publish

__all__ = ["GENERAL_TOPIC", "TopicsSummary", "run_topics"]

log = logging.getLogger(__name__)

_LABEL_WORDS = 3
# Steps reported to a progress listener (the CLI's bar): encoder, passages, embeddings, clusters,
# words, store (the stages timed in TopicsSummary.stages).
STEPS = 6


@dataclass
class TopicsSummary:
    topic_run_id: str
    n_complaints: int = 0
    n_sentences: int = 0  # sentences in the content passages that were clustered
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)  # seconds per step (benchmarks)
    topics: list[dict[str, Any]] = field(default_factory=list)  # id, label, theme, size


def label(theme: str, words: list[str], domain: str | None = None) -> str:
    """Short Dutch label: the kind of topic, then its life domain when it has one, then its
    three most distinctive words ("nieuw: Huisdieren (hond, kat, konijn)")."""
    text = ", ".join(words[:_LABEL_WORDS]) or "(geen kenmerkende woorden)"
    prefix = theme if theme in (NEW_TOPIC, GENERAL_TOPIC) else THEME_LABELS[theme]
    return f"{prefix}: {domain} ({text})" if domain else f"{prefix}: {text}"


def embedding_cache(s: Settings) -> Path:
    """Where sentence vectors are kept between topic runs: the user's data folder, never the
    warehouse (the published snapshot stays small)."""
    return s.data_dir / "cache"


def run_topics(s: Settings) -> TopicsSummary:
    """Fit topics over all checked complaints under the run lock, store them, publish."""
    t0 = time.perf_counter()
    fz = featuriser(s.embedding_model)
    if fz.prototypes is None:
        raise RuntimeError("onderwerpen vragen zinsembeddings; zet embedding_model niet op 'geen'")
    summary = TopicsSummary(topic_run_id=uuid.uuid4().hex[:12])
    progress.report(0, STEPS)
    mark = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal mark
        now = time.perf_counter()
        summary.stages[stage] = now - mark
        mark = now
        progress.report(len(summary.stages), STEPS)

    lap("encoder")
    with ib.run_lock(s.data_dir):
        con = db.connect(s.db_path)
        try:
            rows = store.complaints_for_topics(con)
            ids = [doc_id for doc_id, _ in rows]
            found = units([text for _, text in rows])
            del rows
            lap("passages")
            if not found:
                raise TooFewSentences("te weinig zinnen voor onderwerpen: geen passages")
            vectors, evidence = embed_units(found, fz, cache=embedding_cache(s))
            lap("embeddings")
            k = s.topics_k or choose_k(len(found))
            parts = partitions(found, vectors, k=k, seed=s.topics_seed)
            labels, by_words = consensus(parts, found, evidence, len(ids))
            usual = life.background()
            spikes = life.emerging(found, len(ids), usual, min_share=NEW_MIN_SHARE) if usual else []
            spikes = life.confirmed(spikes, parts, found)
            labels, named = with_domains(labels, spikes, by_words)
            lap("clusters")
            result = describe(found, vectors, labels, fz.encoder, k=k, seed=s.topics_seed)
            lap("words")
            previous = [Previous(list(w), t, f) for w, t, f in store.previous_topics(con)]
            decisions = decide(
                result.topics, evidence, len(ids), previous, vectors, found, domains=named
            )
            dates = store.complaint_dates(con)
            topics, complaint_topics = _rows(
                summary.topic_run_id, result, decisions, found, ids, dates, previous, named
            )
            n_sentences = sum(len(u.sentences) for u in found)
            store.store(
                con,
                {
                    "topic_run_id": summary.topic_run_id,
                    "n_complaints": len({u.doc for u in found}),
                    "n_sentences": n_sentences,
                    "k": result.k,
                    "seed": s.topics_seed,
                    "encoder": fz.prototypes.encoder.name,
                    "zeroshot_min_similarity": 0.0,  # no zero-shot topics since issue 17
                    "bertopic_version": importlib.metadata.version("bertopic"),
                },
                topics,
                complaint_topics,
            )
        finally:
            con.close()
        publish(s.db_path, s.snapshot_path)
        lap("store")
    summary.n_complaints = len({u.doc for u in found})
    summary.n_sentences = n_sentences
    summary.topics = [
        {k: t[k] for k in ("topic_id", "label", "theme", "size", "n_complaints")} for t in topics
    ]
    summary.seconds = time.perf_counter() - t0
    return summary


def _rows(
    run_id: str,
    result: TopicFit,
    decisions: dict[int, Decision],
    found: list[Unit],
    ids: list[str],
    dates: dict[str, Any],
    previous: list[Previous],
    named: dict[int, life.Domain] | None = None,
) -> tuple[list[dict], list[dict]]:
    """Topic rows and per-complaint counts; a merged near-duplicate joins its nieuw topic."""
    target = {t.topic_id: decisions[t.topic_id].merged_into or t.topic_id for t in result.topics}
    by_id = {t.topic_id: t for t in result.topics}
    per_complaint: Counter[tuple[int, int]] = Counter()
    sizes: Counter[int] = Counter()
    docs: dict[int, set[int]] = {}
    for unit_index, tid in enumerate(result.assignment):
        u = found[unit_index]
        kept = target[tid]
        per_complaint[(u.doc, kept)] += len(u.sentences)
        sizes[kept] += len(u.sentences)
        docs.setdefault(kept, set()).add(u.doc)
    topics = []
    for tid in sorted(set(target.values())):
        t = by_id[tid]
        theme = decisions[tid].theme
        domain = (named or {}).get(tid)
        words = life.domain_first(t.words, domain) if domain else t.words
        first_seen = None
        if theme == NEW_TOPIC:
            earlier = [
                p.first_seen
                for p in previous
                if p.theme == NEW_TOPIC and p.first_seen and same_issue(words, p.words)
            ]
            own = [dates[ids[d]] for d in docs[tid] if dates.get(ids[d])]
            first_seen = min(earlier + own) if earlier or own else None
        topics.append(
            {
                "topic_run_id": run_id,
                "topic_id": tid,
                "label": label(theme, words, decisions[tid].domain),
                "words": words,
                "size": sizes[tid],
                "n_complaints": len(docs[tid]),
                "theme": theme,
                "seeded": False,
                "passages": [found[i].text for i in t.passages],
                "first_seen": first_seen,
            }
        )
    complaint_topics = [
        {"topic_run_id": run_id, "document_id": ids[o], "topic_id": tid, "n_sentences": n}
        for (o, tid), n in sorted(per_complaint.items())
    ]
    return topics, complaint_topics
