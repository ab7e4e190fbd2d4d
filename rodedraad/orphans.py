"""Stop Prefect servers left behind by a run that was killed.

`rodedraad run` talks to an ephemeral Prefect server that Prefect starts as a child process. A
SIGKILL (or a crash) of the run leaves that server running with no parent, holding memory and the
Prefect database, and every later kill adds one. Before a new run starts, servers of *this*
installation (same ``PREFECT_HOME``) that no `rodedraad` process owns any more are stopped. A
server with a `rodedraad` ancestor (a run or `serve` that is still going) is never touched.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import psutil


def _is_prefect_server(proc: psutil.Process) -> bool:
    cmd = " ".join(proc.cmdline())
    return "prefect" in cmd and ("uvicorn" in cmd or "server start" in cmd)


def _owned_by_rodedraad(proc: psutil.Process) -> bool:
    return any("rodedraad" in " ".join(p.cmdline()) for p in proc.parents())


def orphaned_servers(prefect_home: Path) -> list[psutil.Process]:
    """Prefect servers with this ``PREFECT_HOME`` whose `rodedraad` parent is gone."""
    home = str(prefect_home.resolve())
    found = []
    for proc in psutil.process_iter():
        try:
            if (
                proc.pid != psutil.Process().pid
                and _is_prefect_server(proc)
                and proc.environ().get("PREFECT_HOME") == home
                and not _owned_by_rodedraad(proc)
            ):
                found.append(proc)
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue  # gone meanwhile, or another user's process: not ours to stop
    return found


def stop_orphaned_servers(prefect_home: Path, timeout: float = 10.0) -> list[int]:
    """Terminate (then kill) the orphaned servers; returns their pids."""
    procs = orphaned_servers(prefect_home)
    for proc in procs:
        with contextlib.suppress(psutil.NoSuchProcess):
            proc.terminate()
    _, alive = psutil.wait_procs(procs, timeout=timeout)
    for proc in alive:
        with contextlib.suppress(psutil.NoSuchProcess):
            proc.kill()
    return [p.pid for p in procs]
