"""Open only regular files.

A FIFO blocks ``open`` until a writer appears, a device such as ``/dev/zero`` never ends, and a
socket cannot be read at all: any of them in the inbox would hang a run while it holds the run
lock. Files are opened without following links and without blocking, and their type is checked
on the open descriptor (``fstat``), so a file swapped for a FIFO after discovery is caught too.
"""

from __future__ import annotations

import os
import stat

# Dutch names of the special file types, for the quarantine reason.
_KINDS = (
    (stat.S_ISFIFO, "FIFO (named pipe)"),
    (stat.S_ISCHR, "apparaatbestand (character device)"),
    (stat.S_ISBLK, "apparaatbestand (block device)"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISDIR, "map"),
    (stat.S_ISLNK, "snelkoppeling (symlink)"),
)


class NotRegularFile(OSError):
    """The path is not a regular file; ``kind`` is its Dutch type name. Carries no path."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"geen gewoon bestand: {kind}")
        self.kind = kind


def special_kind(mode: int) -> str | None:
    """The Dutch name of a non-regular file type, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    for test, name in _KINDS:
        if test(mode):
            return name
    return "onbekend bestandstype"


def special_reason(kind: str) -> str:
    """The quarantine reason for a special file (staff see it in the run summary)."""
    return f"geen gewoon bestand maar een {kind}; niet gelezen"


def open_regular(path: str | os.PathLike[str]) -> int:
    """A read-only descriptor of ``path`` if it is a regular file; never blocks, never follows
    a symlink. Raises ``NotRegularFile`` (no path in it) or OSError."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
    try:
        kind = special_kind(os.fstat(fd).st_mode)
        if kind is not None:
            raise NotRegularFile(kind)
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_regular(path: str | os.PathLike[str], max_bytes: int) -> bytes:
    """The bytes of a regular file, refusing one that has grown past ``max_bytes`` since it was
    measured (reads at most one byte more than allowed)."""
    with os.fdopen(open_regular(path), "rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise FileTooLarge()
    return data


class FileTooLarge(OSError):
    """More bytes than allowed (carries no path)."""
