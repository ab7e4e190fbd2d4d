"""The inbox on disk: which files are ready, their identity, and where they go afterwards.

Identity: a file's content id is the SHA-256 of its bytes; its ``file_ref`` is a SHA-256 prefix
of its name relative to the inbox, because file names often hold personal data
("klacht mevrouw Jansen.docx") and must not reach the warehouse, logs or Prefect.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

# Partial downloads and editor lock files: still being written, never picked up.
_IN_PROGRESS_SUFFIXES = (".part", ".partial", ".crdownload", ".tmp", ".download")
_IN_PROGRESS_PREFIXES = ("~$", ".~lock")


class RunLocked(RuntimeError):
    """Another run holds the lock."""


def make_private(*folders: Path) -> None:
    """Originals, quarantine and the warehouse hold personal data: owner-only access."""
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        folder.chmod(0o700)


@contextmanager
def run_lock(data_dir: Path) -> Iterator[None]:
    """One run at a time per installation (a second one exits with a clear message)."""
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = data_dir / "rodedraad.lock"
    with open(os.open(path, os.O_RDWR | os.O_CREAT, 0o600)) as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RunLocked(
                "er loopt al een verwerking van deze inbox; deze run is niet gestart"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


@dataclass(frozen=True)
class InboxFile:
    path: str
    file_ref: str
    file_type: str
    size: int
    is_symlink: bool
    content_id: str | None = None
    unreadable: bool = False


def file_ref(relative_name: str) -> str:
    return hashlib.sha256(relative_name.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def _in_progress(name: str) -> bool:
    low = name.lower()
    return low.endswith(_IN_PROGRESS_SUFFIXES) or name.startswith(_IN_PROGRESS_PREFIXES)


def discover(inbox: Path, settle_seconds: float, now: float | None = None) -> list[InboxFile]:
    """Files ready for processing, oldest first. Skips hidden files, partial downloads and
    files modified less than ``settle_seconds`` ago (probably still being copied)."""
    now = time.time() if now is None else now
    found: list[tuple[float, InboxFile]] = []
    if not inbox.is_dir():
        return []
    for root, dirs, files in os.walk(inbox, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or _in_progress(name):
                continue
            path = Path(root) / name
            try:
                st = path.lstat()
            except OSError:
                continue
            is_link = path.is_symlink()
            if not is_link and now - st.st_mtime < settle_seconds:
                continue
            rel = str(path.relative_to(inbox))
            found.append(
                (
                    st.st_mtime,
                    InboxFile(
                        path=str(path),
                        file_ref=file_ref(rel),
                        file_type=path.suffix.lower(),
                        size=st.st_size,
                        is_symlink=is_link,
                    ),
                )
            )
    return [f for _, f in sorted(found, key=lambda x: (x[0], x[1].path))]


def fingerprint(item: InboxFile, chunk: int = 1 << 20) -> InboxFile:
    if item.is_symlink:
        return item
    digest = hashlib.sha256()
    try:
        with open(item.path, "rb") as fh:
            while block := fh.read(chunk):
                digest.update(block)
    except OSError:
        return InboxFile(**{**item.__dict__, "unreadable": True})
    return InboxFile(**{**item.__dict__, "content_id": digest.hexdigest()})


def symlink_escapes(item: InboxFile, inbox: Path) -> bool:
    target = Path(item.path).resolve()
    return not target.is_relative_to(inbox.resolve())


def _unique(dest: Path) -> Path:
    if not dest.exists() and not dest.is_symlink():
        return dest
    for i in range(1, 10_000):
        cand = dest.with_name(f"{dest.stem}-{i}{dest.suffix}")
        if not cand.exists() and not cand.is_symlink():
            return cand
    raise FileExistsError(dest)


def _move(src: Path, dest: Path) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    dest = _unique(dest)
    try:
        shutil.move(str(src), str(dest))  # rename on one filesystem; copy+delete across
    except OSError:
        if src.exists() or src.is_symlink():  # a half copy (disk full): the original stays
            dest.unlink(missing_ok=True)
        raise
    if not dest.is_symlink():
        os.utime(dest)  # archive date, used by the retention policy
        os.chmod(dest, 0o600)  # an original holds personal data: owner only from now on
    return dest


def archive(item: InboxFile, processed_dir: Path, retention_days: int | None) -> None:
    """After COMMIT: keep the original in processed/ or delete it, per retention policy."""
    src = Path(item.path)
    if not src.exists() and not src.is_symlink():
        return
    if retention_days == 0:
        src.unlink()
        return
    prefix = (item.content_id or item.file_ref)[:12]
    _move(src, processed_dir / f"{prefix}-{src.name}")


def quarantine_name(item: InboxFile, quarantine_dir: Path) -> str:
    """A content-free, unused name in the quarantine folder (the only name that reaches the
    warehouse and the run summary)."""
    return _unique(quarantine_dir / f"{item.file_ref}{item.file_type}").name


def quarantine(item: InboxFile, quarantine_dir: Path, reason: str, stored: str) -> None:
    """Set a file aside under ``stored``, with a sidecar that tells staff what it was and
    why (the sidecar may hold the original name: it lives beside the original itself)."""
    src = Path(item.path)
    if src.exists() or src.is_symlink():
        dest = _move(src, quarantine_dir / stored)
        sidecar = dest.with_name(dest.name + ".json")
        sidecar.write_text(
            json.dumps(
                {
                    "oorspronkelijke_naam": src.name,
                    "reden": reason,
                    "tijd": datetime.now(UTC).isoformat(),
                },
                ensure_ascii=False,
                indent=2,
            ),
            encoding="utf-8",
        )
        os.chmod(sidecar, 0o600)


def purge_expired(processed_dir: Path, retention_days: int | None, now: float | None = None) -> int:
    """Delete archived originals older than the retention period. Returns how many."""
    if retention_days is None or not processed_dir.is_dir():
        return 0
    cutoff = (time.time() if now is None else now) - retention_days * 86400
    removed = 0
    for path in processed_dir.rglob("*"):
        if path.is_file() and path.stat().st_mtime <= cutoff:
            path.unlink()
            removed += 1
    return removed
