"""Scale benchmark: N generated complaints in mixed formats (.txt .pdf .docx .odt .eml), per
stage and end to end through the Prefect flow, against a bare spaCy ``nlp.pipe`` over the same
texts with the same pipeline; a re-run over the same, already processed files; and the report
over everything loaded. Each N runs in its own process, so peak memory is per N.

    .venv/bin/python benchmarks/bench_scale.py --n 1000 --n 10000 [--dir /tmp/rodedraad-scale]

Prints one Markdown table row per N (paste into benchmarks/RESULTS.md) and the details.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _timed(fn):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def one(n: int, root: Path) -> dict[str, float | int | str]:
    from rodedraad.prefect_env import configure_prefect

    shutil.rmtree(root, ignore_errors=True)
    configure_prefect(root / "data" / "prefect")

    from application.components import worker_config
    from application.ingest import RunSummary
    from application.processing import _models
    from benchmarks.corpus import letters, write_inbox
    from flows.ingest import ingest, settings_payload
    from nlp.extract import extract_file
    from nlp.metadata import extract as extract_metadata
    from reports.build import build
    from reports.period import parse
    from schemas.settings import load_settings

    src = root / "bron"
    _, t_gen = _timed(lambda: write_inbox(letters(n, seed=n), src))
    s = load_settings(
        data_dir=root / "data",
        inbox=root / "inbox",
        processed_dir=root / "data" / "processed",
        quarantine_dir=root / "data" / "quarantine",
        db_path=root / "data" / "rodedraad.duckdb",
        prefect_home=root / "data" / "prefect",
        settle_seconds=0,
    ).resolved()
    cfg = worker_config(s)
    (anonymiser, classifier), t_load = _timed(lambda: _models(cfg))
    files = sorted(src.iterdir())

    texts, t_extract = _timed(
        lambda: [extract_file(p, max_bytes=s.max_file_bytes).text for p in files]
    )
    words = sum(len(t.split()) for t in texts)
    nlp = anonymiser.pipeline.nlp
    _, t_bare = _timed(
        lambda: sum(1 for _ in nlp.pipe(texts, batch_size=16, disable=anonymiser.unused))
    )
    anon, t_anon = _timed(
        lambda: [
            anonymiser.anonymise_doc(d, t)
            for d, t in zip(anonymiser.docs(texts, batch_size=16), texts, strict=True)
        ]
    )
    _, t_meta = _timed(lambda: [extract_metadata(t) for t in texts])
    _, t_classify = _timed(
        lambda: [
            classifier.classify_many([a.text for a in anon[i : i + s.batch_size]])
            for i in range(0, len(anon), s.batch_size)
        ]
    )

    shutil.copytree(src, s.inbox)
    first, t_call = _timed(lambda: RunSummary(**ingest(config=settings_payload(s))))
    assert first.processed == n, first
    shutil.copytree(src, s.inbox, dirs_exist_ok=True)  # the same files again
    again, t_again_call = _timed(lambda: RunSummary(**ingest(config=settings_payload(s))))
    assert again.earlier == n and again.processed == 0, again
    report, t_report = _timed(
        lambda: build(s.snapshot_path, parse("2025-01-01..2026-12-31"), root / "rapporten", 5)
    )
    return {
        "n": n,
        "words": words,
        "pipeline": first.pipeline,
        "classifier": first.classifier,
        "generate_s": t_gen,
        "load_models_s": t_load,
        "extract_s": t_extract,
        "spacy_pipe_s": t_bare,
        "anonymise_incl_spacy_s": t_anon,
        "metadata_s": t_meta,
        "classify_s": t_classify,
        "e2e_flow_s": first.seconds,
        "e2e_call_s": t_call,
        "rerun_flow_s": again.seconds,
        "rerun_call_s": t_again_call,
        "report_s": report.seconds,
        "report_call_s": t_report,
        "report_documents": report.n_documents,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _row(r: dict) -> str:
    n, w, e2e = r["n"], r["words"], r["e2e_flow_s"]
    return (
        f"| {n:,} | {w:,} | {r['extract_s']:.1f} | {r['spacy_pipe_s']:.1f} | "
        f"{r['anonymise_incl_spacy_s']:.1f} | {r['metadata_s']:.1f} | {r['classify_s']:.1f} | "
        f"{e2e:.1f} ({n / e2e:.1f} docs/s, {w / e2e:,.0f} words/s) | "
        f"{e2e / r['spacy_pipe_s']:.1f} | {r['rerun_flow_s']:.2f} ({r['rerun_call_s']:.1f}) | "
        f"{r['report_s']:.1f} | {r['peak_rss_mb']:,.0f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, action="append")
    parser.add_argument("--dir", type=Path, default=Path("/tmp/rodedraad-scale"))
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.dir / str(args.one))))
        return
    rows = []
    for n in args.n or [1000]:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(n), "--dir", str(args.dir)],
            capture_output=True,
            text=True,
            check=False,
        )
        if out.returncode:
            sys.exit(f"N={n} mislukt:\n{out.stderr[-3000:]}")
        r = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append(r)
        print(json.dumps(r, indent=1), flush=True)
    print(
        "\n| docs | words | extract s | spaCy pipe s | anonymise s (incl. spaCy) | metadata s "
        "| classify s | end to end s | e2e / pipe | re-run s (call) | report s | peak MB |"
    )
    print("|" + "---:|" * 12)
    for r in rows:
        print(_row(r))


if __name__ == "__main__":
    main()
