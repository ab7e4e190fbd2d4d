"""The inbox on disk: which files are ready, their identity, and where they go afterwards.

Identity: a file's content id is the SHA-256 of its bytes; its ``file_ref`` is a SHA-256 prefix
of its name relative to the inbox, because file names often hold personal data
("klacht mevrouw Jansen.docx") and must not reach the warehouse, logs or Prefect.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from application.archive_names import fitting_extension, fitting_name
from application.sidecar import sidecar_path, write_sidecar
from nlp.extract.regular_file import NotRegularFile, open_regular, special_kind

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


def ensure_not_locked(data_dir: Path) -> None:
    """Raise ``RunLocked`` now when another run is busy, before a command spends seconds on
    starting Prefect only to find the lock taken (the flow still takes the lock itself)."""
    with run_lock(data_dir):
        pass


@dataclass(frozen=True)
class InboxFile:
    path: str
    file_ref: str
    file_type: str
    size: int
    is_symlink: bool
    content_id: str | None = None
    unreadable: bool = False
    special: str | None = None  # FIFO, device, socket...: its Dutch type name; never opened


def file_ref(relative_name: str) -> str:
    return hashlib.sha256(relative_name.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def _in_progress(name: str) -> bool:
    low = name.lower()
    return low.endswith(_IN_PROGRESS_SUFFIXES) or name.startswith(_IN_PROGRESS_PREFIXES)


def is_hidden(name: str) -> bool:
    """A dot file (``.DS_Store``, ``.brief.docx.swp``, ``._brief.pdf``) is a tool's, not a
    letter. A name starting with two dots (``..brief.pdf``) is no tool's convention: a person
    typed it, so it is processed like any other file."""
    return name.startswith(".") and not name.startswith("..")


# Why a file in the inbox was not picked up (counted by ``discover``, shown in the summary).
WAIT_HIDDEN = "verborgen"  # name starts with one dot
WAIT_PARTIAL = "onvolledig"  # a partial download or an editor's lock file
WAIT_RECENT = "te_nieuw"  # changed less than settle_seconds ago


def discover(
    inbox: Path,
    settle_seconds: float,
    now: float | None = None,
    waiting: Counter[str] | None = None,
) -> list[InboxFile]:
    """Files ready for processing, oldest first. Skips hidden files, partial downloads and
    files modified less than ``settle_seconds`` ago (probably still being copied); ``waiting``
    counts those by reason, so the run can say why files stay. Special files (FIFO, device,
    socket) are listed with their type, to be quarantined without being opened."""
    now = time.time() if now is None else now
    waiting = Counter() if waiting is None else waiting
    found: list[tuple[float, InboxFile]] = []
    if not inbox.is_dir():
        return []
    for root, dirs, files in os.walk(inbox, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not is_hidden(d))
        for name in sorted(files):
            if is_hidden(name):
                waiting[WAIT_HIDDEN] += 1
                continue
            if _in_progress(name):
                waiting[WAIT_PARTIAL] += 1
                continue
            path = Path(root) / name
            try:
                st = path.lstat()
            except OSError:
                continue
            is_link = path.is_symlink()
            special = None if is_link else special_kind(st.st_mode)
            if not is_link and special is None and now - st.st_mtime < settle_seconds:
                waiting[WAIT_RECENT] += 1
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
                        special=special,
                    ),
                )
            )
    return [f for _, f in sorted(found, key=lambda x: (x[0], x[1].path))]


def fingerprint(item: InboxFile, chunk: int = 1 << 20) -> InboxFile:
    """The content id of a regular file. A file that turned out special (swapped since
    discovery) gets its type instead; one that cannot be opened is marked unreadable."""
    if item.is_symlink or item.special:
        return item
    digest = hashlib.sha256()
    try:
        with os.fdopen(open_regular(item.path), "rb") as fh:
            while block := fh.read(chunk):
                digest.update(block)
    except NotRegularFile as exc:
        return InboxFile(**{**item.__dict__, "special": exc.kind})
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


def _move(src: Path, dest: Path, special: bool = False) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    dest = _unique(dest)
    if special:  # a FIFO or device is only ever renamed: copying would read (block) it
        os.rename(src, dest)
        return dest
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
    _move(src, processed_dir / archive_name(item))


def archive_name(item: InboxFile) -> str:
    """``<content id prefix>-<original name>``, shortened when it would not fit
    (``archive_names``). Decided before the commit, so a name can never fail the move."""
    prefix = (item.content_id or item.file_ref)[:12]
    return fitting_name(prefix, Path(item.path).name)


def quarantine_name(item: InboxFile, quarantine_dir: Path) -> str:
    """A content-free, unused name in the quarantine folder (the only name that reaches the
    warehouse and the run summary)."""
    return _unique(quarantine_dir / f"{item.file_ref}{fitting_extension(item.file_type)}").name


def quarantine(item: InboxFile, quarantine_dir: Path, reason: str, stored: str) -> None:
    """Set a file aside under ``stored``, with a sidecar that tells staff what it was and
    why (the sidecar may hold the original name: it lives beside the original itself). The
    sidecar is written first and atomically; if the move then fails it is removed again, so a
    quarantined file never lacks its sidecar and a failed move leaves the inbox as it was."""
    src = Path(item.path)
    if not (src.exists() or src.is_symlink()):
        return
    quarantine_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    dest = _unique(quarantine_dir / stored)
    sidecar = write_sidecar(dest, src.name, reason)
    try:
        moved = _move(src, dest, special=item.special is not None)
    except BaseException:
        sidecar.unlink(missing_ok=True)
        raise
    if sidecar_path(moved) != sidecar:  # _move picked another free name meanwhile
        os.replace(sidecar, sidecar_path(moved))


def purge_expired(processed_dir: Path, retention_days: int | None, now: float | None = None) -> int:
    """Delete archived originals older than the retention period. Returns how many."""
    if retention_days is None or not processed_dir.is_dir():
        return 0
    cutoff = (time.time() if now is None else now) - retention_days * 86400
    removed = 0
    for path in processed_dir.rglob("*"):
        try:
            if path.is_file() and path.stat().st_mtime <= cutoff:
                path.unlink()
                removed += 1
        except OSError:  # one file that cannot go must not fail every later run: next time
            continue
    return removed
