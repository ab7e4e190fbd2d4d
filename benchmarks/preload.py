"""Load synthetic letters straight into a warehouse, without files or Prefect: fast set-up for
report, dashboard and training tests and the report benchmark."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime, time


def load_letters(settings, anonymiser, corpus) -> dict[str, list[str]]:
    """Anonymise, classify (codebook) and load synthetic letters straight into the warehouse,
    without Prefect. Returns document id -> true themes."""
    from nlp.metadata import extract
    from nlp.themes import codebook
    from schemas.records import ProcessedDocument
    from warehouse.db import connect
    from warehouse.load import BatchLoad, load_batch

    model = codebook(settings.embedding_model, settings.theme_threshold)
    anon = [a for _, a in anonymiser.pipe(letter.text for letter in corpus)]
    results = model.classify_many([a.text for a in anon])
    batch = BatchLoad()
    truth = {}
    for i, (letter, a, r) in enumerate(zip(corpus, anon, results, strict=True)):
        doc_id = hashlib.sha256(letter.text.encode()).hexdigest()
        truth[doc_id] = letter.themes
        meta = extract(letter.text)
        batch.processed.append(
            ProcessedDocument(
                content_id=doc_id,
                file_ref=f"ref{i}",
                file_type=".txt",
                size_bytes=len(letter.text),
                received_at=datetime.combine(letter.received, time(12), UTC),
                pages=None,
                n_words=len(letter.text.split()),
                language="nl",
                text=a.text,
                entity_counts={},
                status="verwerkt",
                residual_flags=[],
                themes=r,
                pipeline="test",
                anonymiser_version="test",
                municipality=meta.municipality,
                organisation=meta.organisation,
                complainant_role=meta.complainant_role,
                measure=meta.measure,
            )
        )
    con = connect(settings.db_path)
    run_id = uuid.uuid4().hex[:12]
    con.execute(
        "INSERT INTO runs (run_id, started_at, status) VALUES (?, now(), 'voltooid')", [run_id]
    )
    load_batch(con, run_id, batch)
    con.close()
    return truth
