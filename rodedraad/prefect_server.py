"""The Prefect server a command talks to, on loopback, in its own process group.

``rodedraad run`` used to rely on Prefect's ephemeral server, which Prefect starts as a plain
child: a SIGTERM or Ctrl-C to the run's process group killed that server at once, and the run
then spent ~80 s retrying API calls before failing with ``ConnectError``. Here the server is
started in its own session, so signals to the run's group never reach it; the command stops it
itself when it ends (``run`` after rolling back its batch, see ``stopping``).

The server dies with the command that started it, however that command ends (even SIGKILL):
the kernel sends it SIGTERM when its parent dies (Linux ``PR_SET_PDEATHSIG``), so no run leaves
a server behind and nothing has to find and kill servers by their command line.

Two kinds: ``ephemeral=True`` starts the same app Prefect's ephemeral mode starts (no
background services; enough for ``run``), ``ephemeral=False`` a full ``prefect server start``
with its scheduler, which ``serve`` needs for its schedules (and Dask workers share). Both bind
to 127.0.0.1 only and keep their SQLite database under ``prefect_home``.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import fcntl
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path


class ServerStartAborted(RuntimeError):
    """A stop was asked for while the server was starting."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _command(port: int, ephemeral: bool) -> list[str]:
    if ephemeral:  # what prefect.server.api.server.SubprocessASGIServer runs
        import prefect

        return [
            sys.executable, "-m", "uvicorn",
            "--app-dir", str(Path(prefect.__file__).parent.parent),
            "--factory", "prefect.server.api.server:create_app",
            "--host", "127.0.0.1", "--port", str(port),
            "--log-level", "error", "--lifespan", "on",
        ]  # fmt: skip
    return [
        sys.executable, "-m", "prefect", "server", "start",
        "--host", "127.0.0.1", "--port", str(port), "--no-ui",
    ]  # fmt: skip


@contextmanager
def _api_in_this_process(api: str) -> Iterator[None]:
    """Prefect reads its settings when it is imported; an environment variable set later does
    not reach a process that imported it already (it would start its own ephemeral server)."""
    if "prefect" not in sys.modules:
        yield
        return
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings(updates={PREFECT_API_URL: api}):
        yield


@contextmanager
def _one_start_at_a_time(prefect_home: Path) -> Iterator[None]:
    """Two commands starting at once would both migrate the same SQLite database, and one
    server then dies ("database is locked"). Starts are serialised; running servers are not."""
    path = prefect_home / "server-start.lock"
    with open(os.open(path, os.O_RDWR | os.O_CREAT, 0o600)) as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


_PR_SET_PDEATHSIG = 1


def _die_with(parent: int) -> Callable[[], None] | None:
    """A ``preexec_fn`` for the server: SIGTERM when ``parent`` dies. The signal follows the
    thread that started the child, so call ``local_server`` from a thread that lives as long as
    the command (the main thread)."""
    if not sys.platform.startswith("linux"):
        return None
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)

    def arm() -> None:
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:  # the parent died before the signal was armed
            os._exit(1)

    return arm


def _wait_until_healthy(
    proc: subprocess.Popen[bytes], api: str, timeout: float, should_stop: Callable[[], bool]
) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if should_stop():
            raise ServerStartAborted("gestopt tijdens het starten van de Prefect-server")
        if proc.poll() is not None:
            raise RuntimeError("de lokale Prefect-server kon niet starten (zie server.log)")
        try:
            with urllib.request.urlopen(f"{api}/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError("de lokale Prefect-server startte niet op tijd")
        time.sleep(0.1)


@contextmanager
def local_server(
    prefect_home: Path,
    timeout: float = 120.0,
    *,
    ephemeral: bool = False,
    should_stop: Callable[[], bool] = lambda: False,
) -> Iterator[str]:
    """Start a Prefect server on 127.0.0.1; yields the API URL and sets it for this process and
    its children (the flow runs started by the runner). Raises ``ServerStartAborted`` when
    ``should_stop`` turns true during the start."""
    prefect_home.mkdir(parents=True, exist_ok=True, mode=0o700)
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {**os.environ, "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "5"}
    env.pop("PREFECT_API_URL", None)
    if ephemeral:
        env.update(PREFECT_UI_ENABLED="0", PREFECT__SERVER_EPHEMERAL="1", PREFECT__SERVER_FINAL="1")
    log = (prefect_home / "server.log").open("ab")
    os.chmod(prefect_home / "server.log", 0o600)
    with ExitStack() as cleanup:
        cleanup.callback(log.close)
        with _one_start_at_a_time(prefect_home):
            proc = subprocess.Popen(
                _command(port, ephemeral),
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # signals to the command's process group do not reach it
                preexec_fn=_die_with(os.getpid()),
            )
            cleanup.callback(_stop, proc)
            _wait_until_healthy(proc, api, timeout, should_stop)
        os.environ["PREFECT_API_URL"] = api  # for child processes (runner, Dask workers)
        cleanup.callback(os.environ.pop, "PREFECT_API_URL", None)
        with _api_in_this_process(api):
            yield api


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
