"""Staff labels: import from CSV, export of what to label next, and labels that stick.

CSV format (header required; the csv module's standard dialect, comma, semicolon or tab
separated; UTF-8 with or without BOM, or Windows-1252 as Excel saves a "CSV (puntkomma)"):

    complaint_id,themes
    3f2a9c0d1e7b,communicatie;tijdigheid
    9b1c55aa0e42,

``complaint_id`` is a document id or a unique prefix of at least 8 characters (as ``rodedraad
status`` and the export show it); ``themes`` lists theme keys, primary first, separated by ``;``
or ``|``; empty means "no theme" (not a complaint about youth protection). Other columns are
ignored. An import is all or nothing: with any bad row, nothing is stored and every problem is
listed by row number and id only (never a cell's content: a shifted column can put complaint
text anywhere).

The export (``write_export``) leaves ``themes`` empty for a person to fill in; the model's guess
is in its own column ``voorstel_model``. Cells a spreadsheet would run as a formula (starting
with ``=``, ``+``, ``-``, ``@``, tab or carriage return) are written with a leading ``'``; the
import takes that quote off again.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from schemas.records import THEME_KEYS
from schemas.vocabulary import DocumentKind, DocumentStatus
from warehouse.db import transaction

MIN_PREFIX = 8
_SEPARATORS = (";", "|")
_DELIMITERS = (",", ";", "\t")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ID = re.compile(r"^[0-9a-f]{8,64}$")
EXPORT_COLUMNS = ("complaint_id", "themes", "voorstel_model", "marge", "tekst")
_EXPECTED = (
    "verwacht een CSV met een kopregel met de kolommen complaint_id en themes, gescheiden door "
    "komma, puntkomma of tab (zoals 'rodedraad label export' die schrijft)"
)


class LabelError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems[:5]) + (" ..." if len(problems) > 5 else ""))
        self.problems = problems


@dataclass(frozen=True)
class Label:
    line: int  # the row number a spreadsheet shows (the header is row 1)
    complaint_id: str
    themes: tuple[str, ...]


def neutralise(cell: str) -> str:
    """A cell a spreadsheet would evaluate as a formula, made inert (CSV injection)."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def restore(cell: str) -> str:
    """``neutralise`` undone."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(_FORMULA_START) else cell


def _split_themes(cell: str) -> list[str]:
    for sep in _SEPARATORS:
        cell = cell.replace(sep, ",")
    return [t.strip().lower() for t in cell.split(",") if t.strip()]


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _header(text: str) -> tuple[str, list[str]]:
    """The delimiter and the lower-cased column names, from the first record."""
    for delimiter in _DELIMITERS:
        try:
            first = next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), [])
        except csv.Error:
            continue
        names = [c.strip().lower() for c in first]
        if {"complaint_id", "themes"} <= set(names):
            return delimiter, names
    raise LabelError([f"kopregel niet herkend: {_EXPECTED}"])


def _who(n: int, cid: str) -> str:
    """How a row is named in a problem: its number, and its id when it looks like one."""
    return f"regel {n} (id {cid})" if _ID.match(cid) else f"regel {n}"


def parse_csv(path: Path) -> list[Label]:
    text = _decode(path.read_bytes())
    if not text.strip():
        raise LabelError([f"het bestand is leeg: {_EXPECTED}"])
    delimiter, names = _header(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    next(reader)
    i_id, i_themes = names.index("complaint_id"), names.index("themes")
    labels, problems = [], []
    try:
        for n, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue  # an empty line (spreadsheets add them at the end)
            cells = [restore(c) for c in row] + [""] * max(0, len(names) - len(row))
            cid = cells[i_id].strip().lower()
            themes = _split_themes(cells[i_themes])
            if len(cid) < MIN_PREFIX:
                problems.append(f"regel {n}: complaint_id te kort (minimaal {MIN_PREFIX} tekens)")
            elif not _ID.match(cid):
                problems.append(f"regel {n}: complaint_id is geen id (alleen 0-9 en a-f)")
            elif any(t not in THEME_KEYS for t in themes):
                problems.append(
                    f"{_who(n, cid)}: onbekend thema (kies uit {', '.join(THEME_KEYS)})"
                )
            elif len(set(themes)) != len(themes):
                problems.append(f"{_who(n, cid)}: thema dubbel genoemd")
            else:
                labels.append(Label(n, cid, tuple(themes)))
    except csv.Error:
        problems.append(f"het bestand kon niet als CSV gelezen worden: {_EXPECTED}")
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
        apply_labels(con, list(resolved))
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
        WHERE d.status = ? AND d.duplicate_of IS NULL
          AND t.document_id NOT IN (SELECT document_id FROM labels)
        GROUP BY t.document_id
        ORDER BY margin, t.document_id
        LIMIT ?
        """,
        [threshold, DocumentStatus.VERWERKT, limit],
    ).fetchall()


def write_export(rows: Sequence[tuple[str, float, list[str] | None, str]], out: Path) -> None:
    """CSV to fill in and import again. ``themes`` is left empty: a label is a person's
    judgement, never the model's guess (that is in ``voorstel_model``). UTF-8 with a BOM, so a
    spreadsheet shows the accents; formula cells neutralised."""
    with out.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(EXPORT_COLUMNS)
        for doc_id, margin, themes, text in rows:
            cells = [doc_id[:16], "", ";".join(themes or []), f"{margin:.3f}", text]
            w.writerow([neutralise(c) for c in cells])


def apply_labels(con: duckdb.DuckDBPyConnection, document_ids: Sequence[str] | None = None) -> int:
    """Make stored themes follow the staff labels: a labelled document has exactly the themes a
    person gave it (primary first), keeps the model's scores, loses evidence for themes the
    person did not give, and is a complaint exactly when it has a theme. Called after an import
    and after every reclassification, so a person's label always wins. Returns the number of
    labelled documents touched. Runs inside the caller's transaction if there is one."""
    where = "" if document_ids is None else " WHERE list_contains(?, l.document_id)"
    params = [] if document_ids is None else [list(document_ids)]
    rows = con.execute("SELECT l.document_id, l.themes FROM labels l" + where, params).fetchall()
    if not rows:
        return 0
    ids = [r[0] for r in rows]
    con.execute(
        """
        UPDATE complaint_themes t
        SET assigned = list_contains(l.themes, t.theme),
            is_primary = coalesce(l.themes[1] = t.theme, false)
        FROM labels l
        WHERE l.document_id = t.document_id AND list_contains(?, t.document_id)
        """,
        [ids],
    )
    con.execute(
        """
        DELETE FROM theme_evidence e
        WHERE list_contains(?, e.document_id)
          AND NOT EXISTS (SELECT 1 FROM labels l WHERE l.document_id = e.document_id
                          AND list_contains(l.themes, e.theme))
        """,
        [ids],
    )
    con.execute(
        """
        UPDATE documents d
        SET kind = CASE WHEN len(l.themes) > 0 THEN ? ELSE ? END
        FROM labels l
        WHERE l.document_id = d.document_id AND list_contains(?, d.document_id)
        """,
        [str(DocumentKind.KLACHT), str(DocumentKind.GEEN_KLACHT), ids],
    )
    return len(ids)
