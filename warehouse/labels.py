"""Staff labels: import from CSV, and which complaints to label next.

CSV format (UTF-8, comma or semicolon separated, header required):

    complaint_id,themes
    3f2a9c0d1e7b,communicatie;tijdigheid
    9b1c55aa0e42,

``complaint_id`` is a document id or a unique prefix of at least 8 characters (as ``rodedraad
status`` and the export show it); ``themes`` lists theme keys, primary first, separated by ``;``
or ``|``; empty means "no theme" (not a complaint about youth protection). An import is all or
nothing: with any bad row, nothing is stored and every problem is listed.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from schemas.records import THEME_KEYS
from warehouse.db import transaction

MIN_PREFIX = 8
_SEPARATORS = (";", "|")


class LabelError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems[:5]) + (" ..." if len(problems) > 5 else ""))
        self.problems = problems


@dataclass(frozen=True)
class Label:
    line: int
    complaint_id: str
    themes: tuple[str, ...]


def _split_themes(cell: str) -> list[str]:
    for sep in _SEPARATORS:
        cell = cell.replace(sep, ",")
    return [t.strip().lower() for t in cell.split(",") if t.strip()]


def parse_csv(path: Path) -> list[Label]:
    text = path.read_text(encoding="utf-8-sig")
    dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;\t")
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    fields = {(f or "").strip().lower() for f in reader.fieldnames or []}
    if not {"complaint_id", "themes"} <= fields:
        raise LabelError(["kolommen 'complaint_id' en 'themes' ontbreken in de kopregel"])
    labels, problems = [], []
    for n, row in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "") for k, v in row.items()}
        cid = row["complaint_id"].strip().lower()
        themes = _split_themes(row["themes"])
        unknown = [t for t in themes if t not in THEME_KEYS]
        if len(cid) < MIN_PREFIX:
            problems.append(f"regel {n}: complaint_id te kort (minimaal {MIN_PREFIX} tekens)")
        elif unknown:
            problems.append(f"regel {n}: onbekend thema {', '.join(unknown)}")
        elif len(set(themes)) != len(themes):
            problems.append(f"regel {n}: thema dubbel genoemd")
        else:
            labels.append(Label(n, cid, tuple(themes)))
    if problems:
        raise LabelError(problems)
    return labels


def import_labels(con: duckdb.DuckDBPyConnection, labels: Sequence[Label], source: str) -> int:
    """Store the labels (a later label for the same complaint replaces the earlier one)."""
    ids = [r[0] for r in con.execute("SELECT document_id FROM complaints").fetchall()]
    problems, resolved = [], {}
    for label in labels:
        matches = [i for i in ids if i.startswith(label.complaint_id)]
        if len(matches) != 1:
            what = "onbekend" if not matches else f"past bij {len(matches)} klachten"
            problems.append(f"regel {label.line}: complaint_id {label.complaint_id} {what}")
            continue
        resolved[matches[0]] = label.themes
    if problems:
        raise LabelError(problems)
    now = datetime.now(UTC)
    ref = hashlib.sha256(source.encode()).hexdigest()[:16]
    with transaction(con):
        for doc_id, themes in resolved.items():
            con.execute(
                "INSERT OR REPLACE INTO labels VALUES (?, ?, ?, ?)",
                [doc_id, list(themes), now, ref],
            )
    return len(resolved)


def labelled(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, list[str]]]:
    """(document id, anonymised text, themes) of every labelled complaint, in a fixed order."""
    return con.execute(
        "SELECT l.document_id, c.text, l.themes FROM labels l JOIN complaints c USING "
        "(document_id) ORDER BY l.document_id"
    ).fetchall()


def uncertain(
    con: duckdb.DuckDBPyConnection, threshold: float, limit: int
) -> list[tuple[str, float, list[str], str]]:
    """Unlabelled complaints whose theme scores lie closest to the threshold (lowest margin
    first): (document id, margin, assigned themes, anonymised text). Documents still marked
    'controle nodig' are left out: their text may hold personal data nobody has checked."""
    return con.execute(
        """
        SELECT t.document_id,
               min(abs(t.score - ?)) AS margin,
               list(t.theme ORDER BY t.score DESC) FILTER (WHERE t.assigned) AS themes,
               any_value(c.text) AS text
        FROM complaint_themes t
        JOIN complaints c USING (document_id)
        JOIN documents d USING (document_id)
        WHERE d.status = 'verwerkt' AND d.duplicate_of IS NULL
          AND t.document_id NOT IN (SELECT document_id FROM labels)
        GROUP BY t.document_id
        ORDER BY margin, t.document_id
        LIMIT ?
        """,
        [threshold, limit],
    ).fetchall()


def write_export(rows: Sequence[tuple[str, float, list[str] | None, str]], out: Path) -> None:
    """CSV to fill in and import again: the suggested themes are prefilled in ``themes``."""
    with out.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["complaint_id", "themes", "marge", "tekst"])
        for doc_id, margin, themes, text in rows:
            w.writerow([doc_id[:16], ";".join(themes or []), f"{margin:.3f}", text])
