"""A local Prefect server on loopback, for ``rodedraad serve``.

Scheduling (``flow.serve(interval=...)``) needs a real Prefect API: the ephemeral server that
``rodedraad run`` uses has no scheduler. The server binds to 127.0.0.1 only, keeps its SQLite
database under ``prefect_home`` and stops with the ``serve`` command.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def local_server(prefect_home: Path, timeout: float = 120.0) -> Iterator[str]:
    """Start ``prefect server start`` on 127.0.0.1; yields the API URL and sets it for this
    process and its children (the flow runs started by the runner)."""
    prefect_home.mkdir(parents=True, exist_ok=True, mode=0o700)
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {**os.environ, "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "5"}
    env.pop("PREFECT_API_URL", None)
    log = (prefect_home / "server.log").open("ab")
    os.chmod(prefect_home / "server.log", 0o600)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "prefect",
            "server",
            "start",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-ui",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError("de lokale Prefect-server kon niet starten (zie server.log)")
            try:
                with urllib.request.urlopen(f"{api}/health", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("de lokale Prefect-server startte niet op tijd")
            time.sleep(0.5)
        os.environ["PREFECT_API_URL"] = api
        yield api
    finally:
        os.environ.pop("PREFECT_API_URL", None)
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
