"""What a reviewer redacts by hand in an already anonymised text.

The reviewer names a string (every whole-word occurrence goes, a possessive "s" after it stays)
or a character range; each becomes a numbered placeholder of the label chosen, continuing the
text's own numbering (the same string gets the same number). A name part right after a
``[PERSOON-n]`` placeholder joins that placeholder: "ik ben [PERSOON-1] koster" becomes
"ik ben [PERSOON-1]", not two people. The edits are returned so that everything derived from
the text (evidence sentences, topic words) can be redacted the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.anonymise.lexicons import INTERFIXES
from nlp.anonymise.residual import PLACEHOLDER
from schemas.entities import EntityLabel


class RedactionError(ValueError):
    """A request that cannot be carried out; the message is Dutch and holds no text."""


@dataclass(frozen=True)
class Redaction:
    label: EntityLabel
    text: str | None = None  # every whole-word occurrence of this string
    start: int | None = None  # or this character range of the anonymised text
    end: int | None = None


@dataclass(frozen=True)
class Edit:
    start: int  # in the text before the edits
    end: int
    old: str
    new: str


_INTERFIX_RUN = "|".join(re.escape(i) for i in sorted(INTERFIXES, key=len, reverse=True))
_PERSON_BEFORE = re.compile(rf"\[PERSOON-\d+\]((?:[ \t]+(?:{_INTERFIX_RUN}))*)[ \t]+$", re.I)


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    needle = needle.strip()
    if not needle:
        raise RedactionError("lege tekst: geef de tekst die weg moet")
    variants = {needle, needle[:1].upper() + needle[1:], needle[:1].lower() + needle[1:]}
    alternatives = "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True))
    rx = re.compile(rf"(?<![\w@])(?:{alternatives})(?=(?:['’]?s)?(?![\w@]))")
    inside = [(m.start(), m.end()) for m in PLACEHOLDER.finditer(text)]
    return [
        (m.start(), m.end())
        for m in rx.finditer(text)
        if not any(s < m.end() and m.start() < e for s, e in inside)
    ]


def plan(text: str, redactions: list[Redaction]) -> list[Edit]:
    """The edits that carry out the reviewer's redactions, sorted and non-overlapping."""
    spans: list[tuple[int, int, EntityLabel]] = []
    for r in redactions:
        if r.text is not None:
            found = _occurrences(text, r.text)
            if not found:
                raise RedactionError("die tekst staat niet (meer) in het document")
            spans += [(s, e, r.label) for s, e in found]
        else:
            if r.start is None or r.end is None or not 0 <= r.start < r.end <= len(text):
                raise RedactionError(f"ongeldige positie: kies van-tot binnen 0-{len(text)}")
            if any(m.start() < r.end and r.start < m.end() for m in PLACEHOLDER.finditer(text)):
                raise RedactionError("die positie valt in een vervanging die er al staat")
            spans.append((r.start, r.end, r.label))
    spans.sort()
    merged: list[tuple[int, int, EntityLabel]] = []
    for s, e, label in spans:
        if merged and s < merged[-1][1]:
            ps, pe, plabel = merged[-1]
            merged[-1] = (ps, max(pe, e), plabel)
        else:
            merged.append((s, e, label))
    numbers = {
        label: max((int(n) for n in re.findall(rf"\[{label.value}-(\d+)\]", text)), default=0)
        for label in EntityLabel
    }
    assigned: dict[tuple[EntityLabel, str], int] = {}
    edits: list[Edit] = []
    for s, e, label in merged:
        before = _PERSON_BEFORE.search(text, 0, s) if label == EntityLabel.PERSOON else None
        if before is not None and (not edits or edits[-1].end <= before.start()):
            # the rest of a name whose first part was already replaced
            start = text.index("]", before.start()) + 1
            edits.append(Edit(start, e, text[start:e], ""))
            continue
        key = (label, re.sub(r"\W", "", text[s:e].lower()))
        if label == EntityLabel.GEBOORTEDATUM:
            new = f"[{label.value}]"
        else:
            if key not in assigned:
                numbers[label] += 1
                assigned[key] = numbers[label]
            new = f"[{label.value}-{assigned[key]}]"
        edits.append(Edit(s, e, text[s:e], new))
    return edits


def apply(text: str, edits: list[Edit]) -> str:
    out, pos = [], 0
    for ed in edits:
        out.append(text[pos : ed.start])
        out.append(ed.new)
        pos = ed.end
    out.append(text[pos:])
    return "".join(out)


def apply_to_fragment(fragment: str, edits: list[Edit], source: str) -> str:
    """The same redactions in text derived from ``source`` (an evidence sentence, whose
    whitespace was normalised): each edited region, with a little context so a string that was
    redacted at one place only is not redacted elsewhere, then the bare region."""
    out = fragment
    for ed in sorted(edits, key=lambda x: x.end - x.start, reverse=True):
        old = " ".join(ed.old.split())
        if not old:
            continue
        left = " ".join(source[max(0, ed.start - 20) : ed.start].split()[-2:])
        wide = f"{left} {old}" if left else old
        if left and wide in out:
            out = out.replace(wide, f"{left} {ed.new}" if ed.new else left)
        elif ed.new == "":
            continue  # the rest of a name: only where its placeholder stands before it
        else:
            out = re.sub(rf"(?<![\w@]){re.escape(old)}(?=(?:['’]?s)?(?![\w@]))", ed.new, out)
    return " ".join(out.split()) if out != fragment else out
