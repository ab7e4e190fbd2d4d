"""Runs the per-category case files in ``cases/`` against the anonymiser.

Known failures (``known_failures.txt``) are strict expected failures: the list can only shrink.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CASES_DIR = Path(__file__).with_name("cases")
KNOWN = {
    line.split("#")[0].strip()
    for line in (Path(__file__).with_name("known_failures.txt")).read_text("utf-8").splitlines()
    if line.split("#")[0].strip()
}
_MARK = re.compile(r"\[\[(.+?)\]\]")


def _parse(line: str) -> tuple[str, list[tuple[int, int]]]:
    line = line.replace("\\n", "\n")
    spans, out, pos = [], [], 0
    for m in _MARK.finditer(line):
        out.append(line[pos : m.start()])
        start = sum(len(p) for p in out)
        out.append(m.group(1))
        spans.append((start, start + len(m.group(1))))
        pos = m.end()
    out.append(line[pos:])
    return "".join(out), spans


def _cases():
    for path in sorted(CASES_DIR.glob("*.txt")):
        for no, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            case_id = f"{path.name}:{no}"
            marks = (
                [pytest.mark.xfail(strict=True, reason="known failure")] if case_id in KNOWN else []
            )
            yield pytest.param(path.stem, line, id=case_id, marks=marks)


@pytest.mark.parametrize(("label", "line"), list(_cases()))
def test_case(anonymiser, label, line):
    text, spans = _parse(line)
    entities = anonymiser.find(anonymiser.pipeline.nlp(text))
    if label == "keep":
        assert not entities, [(text[e.start : e.end], e.label) for e in entities]
        return
    found = {(e.start, e.end, e.label) for e in entities}
    for start, end in spans:
        assert (start, end, label) in found, (
            f"{text[start:end]!r} as {label}; found {[(text[s:e], lab) for s, e, lab in found]}"
        )


def test_known_failures_name_existing_cases():
    ids = {p.id for p in _cases()}  # type: ignore[attr-defined]
    assert not KNOWN - ids, f"stale entries in known_failures.txt: {sorted(KNOWN - ids)}"
