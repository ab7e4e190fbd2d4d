"""Runs the per-category case files in ``cases/`` against the anonymiser, deduce style.

Every line is a sentence of our own writing with ALL its personal data marked: ``[[...]]`` is
a span of the file's label, ``[[...|LABEL]]`` one of another label. The anonymiser must return
exactly that set of spans, per label: nothing missing and nothing extra. Known failures
(``known_failures.txt``) are strict expected failures: the list can only shrink.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from nlp.anonymise.markup import parse

CASES_DIR = Path(__file__).with_name("cases")
KNOWN = {
    line.split("#")[0].strip()
    for line in (Path(__file__).with_name("known_failures.txt")).read_text("utf-8").splitlines()
    if line.split("#")[0].strip()
}


def _cases():
    for path in sorted(CASES_DIR.glob("*.txt")):
        for no, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            case_id = f"{path.name}:{no}"
            marks = (
                [pytest.mark.xfail(strict=True, reason="known failure")] if case_id in KNOWN else []
            )
            label = path.stem.split("-")[0]  # PERSOON-bezittelijk.txt: PERSOON cases
            yield pytest.param(label, line, id=case_id, marks=marks)


def _by_label(text: str, spans) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for start, end, label in spans:
        out[label].add(f"{text[start:end]!r}@{start}")
    return out


@pytest.mark.parametrize(("label", "line"), list(_cases()))
def test_case(anonymiser, label, line):
    text, spans = parse(line.replace("\\n", "\n"), default_label=label)
    expected = {(s.start, s.end, s.label) for s in spans}
    found = {(e.start, e.end, str(e.label)) for e in anonymiser.find(anonymiser.pipeline.nlp(text))}
    if found == expected:
        return
    want, got = _by_label(text, expected), _by_label(text, found)
    problems = {
        lab: {"missing": sorted(want[lab] - got[lab]), "extra": sorted(got[lab] - want[lab])}
        for lab in sorted(set(want) | set(got))
        if want[lab] != got[lab]
    }
    pytest.fail(f"{text!r}: {problems}")


def test_known_failures_name_existing_cases():
    ids = {p.id for p in _cases()}  # type: ignore[attr-defined]
    assert not KNOWN - ids, f"stale entries in known_failures.txt: {sorted(KNOWN - ids)}"
