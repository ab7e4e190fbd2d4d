"""Labels set in the dashboard, waiting for the next command that writes the warehouse.

The dashboard only reads the published snapshot, so a label a person sets there goes to a queue
file under the data folder: owner-only (0600), JSON lines with the document id, the themes
(primary first; empty = not a complaint) and the time, never any text. The next ``rodedraad
run``, ``train`` or ``label import``, or a poll of ``serve``, takes the queue in (``take_in``):
every line is checked as ``label import`` checks a CSV row, the valid labels are stored (a
later label for the same complaint wins), and the queue is removed in one step. A line that
cannot be stored is kept aside in ``REJECTED`` (same mode) and named by line number and id
only.

Writer and intake share an exclusive lock on ``LOCK``, so a label saved while a command takes
the queue in is never lost: it is either in the queue that is read or in the next one.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from schemas.dutch_words import plural
from schemas.records import THEME_KEYS
from schemas.settings import Settings
from warehouse.labels import Label, LabelError, import_labels

QUEUE = "labels-wachtrij.jsonl"
REJECTED = "labels-wachtrij-afgekeurd.jsonl"
LOCK = ".labels-wachtrij.lock"
SOURCE = "dashboard"  # recorded (hashed) as the labels' source, like a CSV's file name
_MODE = 0o600


@dataclass(frozen=True)
class Intake:
    """What a command took in: labels stored, and problems (line number and id only)."""

    stored: int = 0
    problems: list[str] = field(default_factory=list)


def queue_path(data_dir: Path) -> Path:
    return data_dir / QUEUE


@contextlib.contextmanager
def _locked(data_dir: Path) -> Iterator[None]:
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(data_dir / LOCK, os.O_RDWR | os.O_CREAT, _MODE)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def _append(path: Path, lines: Sequence[str]) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, _MODE)
    try:
        os.fchmod(fd, _MODE)  # also when the file existed with a wider mode
        os.write(fd, "".join(line + "\n" for line in lines).encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)


def validate_themes(themes: Sequence[str]) -> list[str]:
    """The themes as a label stores them, or ``ValueError`` (Dutch) when one is unknown or
    repeated: the same rules as a CSV row in ``label import``."""
    keys = [t.strip().lower() for t in themes]
    if any(t not in THEME_KEYS for t in keys):
        raise ValueError(f"onbekend thema (kies uit {', '.join(THEME_KEYS)})")
    if len(set(keys)) != len(keys):
        raise ValueError("thema dubbel genoemd")
    return keys


def add(
    data_dir: Path, document_id: str, themes: Sequence[str], now: datetime | None = None
) -> None:
    """Queue one label: ``themes`` primary first, empty for "not a complaint"."""
    entry = {
        "document_id": document_id,
        "themes": validate_themes(themes),
        "time": (now or datetime.now(UTC)).isoformat(timespec="seconds"),
    }
    with _locked(data_dir):
        _append(queue_path(data_dir), [json.dumps(entry)])


def pending(data_dir: Path) -> dict[str, list[str]]:
    """Document id -> themes of every queued label (the latest per document)."""
    path = queue_path(data_dir)
    if not path.is_file():
        return {}
    out: dict[str, list[str]] = {}
    for _, entry in _entries(path.read_text(encoding="utf-8")):
        if isinstance(entry, dict) and isinstance(entry.get("document_id"), str):
            out[entry["document_id"]] = list(entry.get("themes") or [])
    return out


def _entries(text: str) -> Iterator[tuple[int, object]]:
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield n, json.loads(line)
        except ValueError:
            yield n, None


def _check(n: int, entry: object, known: set[str]) -> tuple[Label | None, str]:
    """A queue line as a label, or the problem with it (line number and id only)."""
    if not isinstance(entry, dict) or not isinstance(entry.get("document_id"), str):
        return None, f"regel {n}: geen geldige regel (verwacht document_id, themes, time)"
    doc_id = entry["document_id"].strip().lower()
    who = f"regel {n} (id {doc_id[:16]})" if doc_id in known else f"regel {n}"
    if doc_id not in known:
        return None, f"{who}: onbekende klacht"
    themes = entry.get("themes")
    if not isinstance(themes, list) or not all(isinstance(t, str) for t in themes):
        return None, f"{who}: themes is geen lijst van thema's"
    try:
        keys = validate_themes(themes)
    except ValueError as exc:
        return None, f"{who}: {exc}"
    return Label(n, doc_id, tuple(keys)), ""


def take_in(con: duckdb.DuckDBPyConnection, data_dir: Path) -> Intake:
    """Store the queued labels in the warehouse (``con`` is its single writer) and empty the
    queue. Returns what was stored and the lines kept aside."""
    path = queue_path(data_dir)
    if not path.is_file():
        return Intake()
    with _locked(data_dir):
        if not path.is_file():
            return Intake()
        text = path.read_text(encoding="utf-8")
        known = {r[0] for r in con.execute("SELECT document_id FROM complaints").fetchall()}
        labels, problems, bad_lines = [], [], []
        lines = text.splitlines()
        for n, entry in _entries(text):
            label, problem = _check(n, entry, known)
            if label is None:
                problems.append(problem)
                bad_lines.append(lines[n - 1])
            else:
                labels.append(label)
        stored = 0
        if labels:
            try:
                stored = import_labels(con, labels, SOURCE)
            except LabelError as exc:  # checked above; kept for a complaint removed meanwhile
                return Intake(0, exc.problems)
        if bad_lines:
            _append(data_dir / REJECTED, bad_lines)
        # Emptied in one step, after the labels are committed: a crash before this line takes
        # the same labels in again next time, which stores the same result.
        path.unlink()
    return Intake(stored, problems)


def intake_lines(intake: Intake, data_dir: Path) -> tuple[list[str], list[str]]:
    """What a command says about an intake, in Dutch: (lines for stdout, lines for stderr);
    nothing when the queue was empty."""
    out, err = [], []
    if intake.stored:
        out.append(f"{plural(intake.stored, 'label', 'labels')} uit het dashboard overgenomen.")
    if intake.problems:
        err.append(
            f"{plural(len(intake.problems), 'label', 'labels')} uit het dashboard niet "
            f"overgenomen (bewaard in {data_dir / REJECTED}):"
        )
        err += [f"  - {problem}" for problem in intake.problems]
    return out, err


def take_pending(s: Settings) -> Intake:
    """serve's polls: take the queue in when there is one and a warehouse to store it in, under
    the run lock, and republish the snapshot when labels were stored (the dashboard shows them
    from there once the queue is gone). Another run holding the lock: the next poll tries."""
    from application.inbox import RunLocked, run_lock
    from warehouse.db import connect
    from warehouse.publish import publish

    if not (queue_path(s.data_dir).is_file() and s.db_path.is_file()):
        return Intake()
    try:
        with run_lock(s.data_dir):
            con = connect(s.db_path)
            try:
                intake = take_in(con, s.data_dir)
            finally:
                con.close()
            if intake.stored:
                publish(s.db_path, s.snapshot_path)
    except RunLocked:
        return Intake()
    return intake
