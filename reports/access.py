"""Who may read the reports: a file mode and a group for the reports folder and its files.

Reports hold counts and anonymised quotes, but still only the office's managers should read
them: by default the owner writes, the group reads, nobody else (``reports_mode = 0640``, the
folder 0750). Files are created with their final mode, so they are never readable by others,
not even for a moment; the group is set on the open file before anything is written.
"""

from __future__ import annotations

import grp
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from schemas.settings import Settings


class ReportAccessError(PermissionError):
    """The configured group does not exist or cannot be set (a Dutch message)."""


@dataclass(frozen=True)
class ReportAccess:
    mode: int = 0o640
    group: str = ""  # empty: the writer's own group

    @classmethod
    def of(cls, settings: Settings) -> ReportAccess:
        return cls(settings.reports_mode, settings.reports_group)

    @property
    def dir_mode(self) -> int:
        """The folder's mode: the files' bits plus x (enter) wherever r (read) is set."""
        return self.mode | ((self.mode & 0o444) >> 2)

    def gid(self) -> int:
        """The group's id, -1 (leave as is) when none is configured."""
        if not self.group:
            return -1
        try:
            return grp.getgrnam(self.group).gr_gid
        except KeyError:
            raise ReportAccessError(
                f"groep {self.group!r} bestaat niet op deze machine; maak de groep aan of zet "
                "reports_group in rodedraad.toml (of RODEDRAAD_REPORTS_GROUP) op een bestaande "
                "groep, of leeg voor de eigen groep"
            ) from None

    def _chown(self, fd_or_path: int | Path, gid: int) -> None:
        if gid == -1:
            return
        try:
            os.chown(fd_or_path, -1, gid)
        except PermissionError:
            raise ReportAccessError(
                f"kan de groep van de rapporten niet op {self.group!r} zetten: de gebruiker die "
                "rodedraad draait moet lid zijn van die groep"
            ) from None

    def folder(self, path: Path, manage: bool) -> None:
        """Make the reports folder; give it the mode and group when rodedraad made it or when it
        is the configured reports folder (``manage``), never to a folder given for one report."""
        created = not path.exists()
        path.mkdir(parents=True, exist_ok=True, mode=self.dir_mode)
        if created or manage:
            gid = self.gid()
            os.chmod(path, self.dir_mode)
            self._chown(path, gid)

    def blocked_by(self, path: Path) -> Path | None:
        """The first folder above ``path`` that the configured group cannot pass through (no x
        for the group or for others): its members could not open the reports. ``data_dir`` is
        such a folder (owner only), so managers need ``reports_dir`` outside it."""
        gid = self.gid()
        if gid == -1:
            return None
        for parent in path.resolve().parents:
            mode = parent.stat()
            if not (mode.st_mode & 0o001 or (mode.st_mode & 0o010 and mode.st_gid == gid)):
                return parent
        return None

    def warning(self, path: Path) -> str | None:
        """A Dutch warning when the group cannot reach ``path``, else None."""
        blocked = self.blocked_by(path)
        if blocked is None:
            return None
        return (
            f"let op: groep {self.group!r} kan de rapporten niet openen, want de map {blocked} "
            "laat alleen de eigenaar door; zet reports_dir buiten die map (bijvoorbeeld "
            "/srv/rodedraad-rapporten)"
        )

    @contextmanager
    def create(self, path: Path, binary: bool = False) -> Iterator[IO]:
        """Open ``path`` for writing, created (or truncated) with the mode and group set first."""
        gid = self.gid()
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, self.mode)
        try:
            os.fchmod(fd, self.mode)  # an existing file, and the umask, would keep other bits
            self._chown(fd, gid)
        except BaseException:
            os.close(fd)
            raise
        with os.fdopen(fd, "wb" if binary else "w", encoding=None if binary else "utf-8") as f:
            yield f
