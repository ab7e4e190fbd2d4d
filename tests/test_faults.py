"""Faults, on a generated mixed-format inbox: SIGKILL at random points, two runs started at once,
a full disk, a file arriving mid-run. After each, every file is accounted for exactly once
(processed, duplicate or quarantined) and the warehouse has no orphan rows.

(The warehouse held open by another process: ``test_ingest.test_database_held_by_another_process``.)
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import subprocess
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import duckdb
import psutil
import pytest

from benchmarks.corpus import letters, write_inbox
from tests import factories as f

pytestmark = pytest.mark.slow


def _inbox(settings, n: int, seed: int) -> dict[str, int]:
    """n letters in mixed formats, two of them again under another name, two bad files."""
    written = write_inbox(letters(n, seed=seed, start=date(2026, 2, 1), days=60), settings.inbox)
    names = sorted(written)
    for name in names[:2]:
        shutil.copy2(settings.inbox / name, settings.inbox / f"kopie-{name}")
    f.write(settings.inbox / "leeg.pdf", b"")
    f.write(settings.inbox / "kapot.docx", b"PK\x03\x04 dit is geen docx")
    return {"verwerkt": n, "duplicaat": 2, "quarantaine": 2}


def _accounting(settings) -> tuple[dict[str, int], int, int, list[str]]:
    con = duckdb.connect(str(settings.db_path), read_only=True)
    try:
        outcomes = dict(
            con.execute("SELECT outcome, count(*) FROM intake GROUP BY outcome").fetchall()
        )
        per_file = con.execute(
            "SELECT count(*) FROM (SELECT file_ref, content_id FROM intake GROUP BY ALL "
            "HAVING count(*) > 1)"
        ).fetchone()[0]
        orphans = con.execute(
            """
            SELECT (SELECT count(*) FROM documents d ANTI JOIN complaints c USING (document_id))
                 + (SELECT count(*) FROM complaints c ANTI JOIN documents d USING (document_id))
                 + (SELECT count(*) FROM complaint_themes t ANTI JOIN complaints c
                      USING (document_id))
                 + (SELECT count(*) FROM theme_evidence e ANTI JOIN complaints c
                      USING (document_id))
            """
        ).fetchone()[0]
        statuses = [
            r[0] for r in con.execute("SELECT status FROM runs ORDER BY started_at").fetchall()
        ]
    finally:
        con.close()
    return outcomes, per_file, orphans, statuses


def _assert_all_accounted(settings, expected: dict[str, int]) -> None:
    outcomes, twice, orphans, statuses = _accounting(settings)
    assert outcomes == expected
    assert twice == 0, "a file was recorded twice"
    assert orphans == 0
    assert "bezig" not in statuses
    assert not [p for p in settings.inbox.rglob("*") if p.is_file()], "files left in the inbox"
    archived = [p for p in settings.processed_dir.rglob("*") if p.is_file()]
    quarantined = [p for p in settings.quarantine_dir.glob("*") if p.suffix != ".json"]
    assert len(archived) == expected["verwerkt"] + expected["duplicaat"]
    assert len(quarantined) == expected["quarantaine"]


def _files(folder: Path) -> int:
    return sum(1 for p in folder.rglob("*") if p.is_file())


def _kill_at(proc: subprocess.Popen[str], inbox: Path, left: int, point: str, rng) -> bool:
    """SIGKILL the run at ``point``: during start-up (a random moment in the first seconds) or
    once a random number of files has left the inbox (mid-batch, while archiving or while
    publishing after the last file). Progress, not wall-clock time, picks the moment, so the
    kill lands inside the run on a fast machine as on a slow one. False if the run ended first."""
    deadline = time.monotonic() + (rng.uniform(0.3, 4.0) if point == "opstart" else 600)
    target = left - rng.randint(1, left) if point == "tijdens" else -1
    while proc.poll() is None:
        if time.monotonic() >= deadline or _files(inbox) <= target:
            os.killpg(proc.pid, signal.SIGKILL)  # like a power cut
            return True
        time.sleep(0.02)
    return False


def test_sigkill_at_random_points_then_rerun_accounts_for_every_file_once(settings, tmp_path):
    expected = _inbox(settings, 30, seed=3)
    env = {**f.cli_env(settings, tmp_path), "RODEDRAAD_BATCH_SIZE": "3"}
    rng = random.Random(20261122)
    kills = 0
    for point in ("opstart", "tijdens", "tijdens", "tijdens"):
        left = _files(settings.inbox)
        if left == 0:
            break
        proc = f.cli_start(env)
        kills += _kill_at(proc, settings.inbox, left, point, rng)
        proc.communicate()
    assert kills >= 2, "the runs ended before they could be killed"
    final = f.cli_run(env)
    assert final.returncode == 0, final.stderr
    _assert_all_accounted(settings, expected)
    _, _, _, statuses = _accounting(settings)
    assert statuses[-1] == "voltooid"
    assert not list((settings.data_dir / "published").glob(".snapshot-*")), "half snapshot left"


def test_two_runs_started_at_once_process_nothing_twice(settings, tmp_path):
    expected = _inbox(settings, 10, seed=4)
    env = f.cli_env(settings, tmp_path)
    first, second = f.cli_start(env), f.cli_start(env)
    outs = [p.communicate(timeout=300) for p in (first, second)]
    codes = sorted(p.returncode for p in (first, second))
    if codes == [0, 75]:  # the usual case: one waits for nothing, it says why and stops
        busy = next(
            err for p, (_, err) in zip((first, second), outs, strict=True) if p.returncode == 75
        )
        assert "er loopt al een verwerking" in busy
    else:  # the second only got the lock after the first had finished: it found nothing
        assert codes == [0, 0], outs
        assert any("Bestanden gevonden: 0" in out for out, _ in outs)
    _assert_all_accounted(settings, expected)


@contextmanager
def _small_disk(path: Path, size: str) -> object:
    path.mkdir(parents=True, exist_ok=True)
    mount = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(path)],
        capture_output=True,
        text=True,
    )
    if mount.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here (needs root): {mount.stderr.strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def test_full_disk_fails_clearly_and_loses_nothing(settings, tmp_path):
    with _small_disk(tmp_path / "klein", "48m") as disk:
        data = disk / "data"
        env = {
            **f.cli_env(settings, tmp_path),
            "RODEDRAAD_DATA_DIR": str(data),
            "RODEDRAAD_PROCESSED_DIR": str(data / "processed"),
            "RODEDRAAD_QUARANTINE_DIR": str(data / "quarantine"),
            "RODEDRAAD_DB_PATH": str(data / "rodedraad.duckdb"),
            "RODEDRAAD_PREFECT_HOME": str(tmp_path / "prefect"),  # Prefect's own files elsewhere
        }
        f.write(settings.inbox / "eerste.txt", f.variant(1))
        assert f.cli_run(env).returncode == 0  # the warehouse exists and has room
        filler = disk / "vulling"
        with filler.open("wb") as fh:  # fill the disk to the last byte
            try:
                while True:
                    fh.write(b"\0" * 65536)
                    fh.flush()
            except OSError:
                pass
        assert shutil.disk_usage(disk).free < 65536
        expected = _inbox(settings, 12, seed=5)
        before = sorted(p.name for p in settings.inbox.iterdir())
        out = f.cli_run(env)
        assert out.returncode == 1, out.stdout
        last = out.stderr.strip().splitlines()[-1]  # Prefect logs the traceback above it
        assert last.startswith("Verwerking mislukt: de schijf is vol"), out.stderr[-2000:]
        assert "niets verloren" in last
        assert "leaked" not in out.stderr  # the interpreter exits cleanly
        assert sorted(p.name for p in settings.inbox.iterdir()) == before  # nothing moved
        filler.unlink()
        again = f.cli_run(env)
        assert again.returncode == 0, again.stderr
        s = settings.model_copy(
            update={
                "db_path": data / "rodedraad.duckdb",
                "processed_dir": data / "processed",
                "quarantine_dir": data / "quarantine",
            }
        )
        expected["verwerkt"] += 1  # eerste.txt
        _assert_all_accounted(s, expected)


def test_a_file_arriving_during_a_run_waits_for_the_next_run(settings, tmp_path):
    expected = _inbox(settings, 16, seed=6)
    env = {**f.cli_env(settings, tmp_path), "RODEDRAAD_BATCH_SIZE": "2"}
    proc = f.cli_start(env)
    deadline = time.time() + 180
    while time.time() < deadline and proc.poll() is None:
        if settings.processed_dir.exists() and any(settings.processed_dir.rglob("*.*")):
            break  # the run has discovered the inbox and committed a batch
        time.sleep(0.1)
    assert proc.poll() is None, "the run ended before a file could arrive; use a larger inbox"
    late = f.write(settings.inbox / "laat-binnen.txt", f.variant(42))
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert late.exists(), "a file that arrived mid-run was taken by that run"
    assert f"Bestanden gevonden: {sum(expected.values())}" in out
    second = f.cli_run(env)
    assert second.returncode == 0 and "Verwerkt:           1" in second.stdout
    expected["verwerkt"] += 1
    _assert_all_accounted(settings, expected)


def _command(proc: psutil.Process) -> str:
    """A process's command line, or "" once it has exited: a child listed a moment ago may be a
    zombie by the time its command line is read."""
    try:
        return " ".join(proc.cmdline())
    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
        return ""


def _gone(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def test_a_killed_run_leaves_no_prefect_server_behind(settings, tmp_path):
    """SIGKILL of the run alone (not its process group, which the server is not in): the
    server dies with it (parent-death signal), and the next run works."""
    _inbox(settings, 4, seed=7)
    env = f.cli_env(settings, tmp_path)
    proc = f.cli_start(env)
    deadline = time.monotonic() + 120
    server = None
    while server is None and time.monotonic() < deadline and proc.poll() is None:
        children = psutil.Process(proc.pid).children(recursive=True)
        server = next((c for c in children if "uvicorn" in _command(c)), None)
        time.sleep(0.2)
    assert server is not None, "the run started no Prefect server"
    assert server.ppid() == proc.pid and os.getpgid(server.pid) != os.getpgid(proc.pid)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    proc.stderr.close()
    try:
        gone_by = time.monotonic() + 15
        while not _gone(server.pid) and time.monotonic() < gone_by:
            time.sleep(0.2)
        assert _gone(server.pid), "the killed run's Prefect server is still running"
        out = f.cli_run(env)
        assert out.returncode == 0, out.stderr
    finally:
        if not _gone(server.pid):
            server.kill()


# --- issue 13: no poison pills, no names in errors ----------------------------------------------


def _outcomes_by_name(settings, names: list[bytes]) -> dict[bytes, str]:
    """What the warehouse recorded for each file: 'verwerkt' or its quarantine reason code."""
    from application.inbox import file_ref

    refs = {file_ref(os.fsdecode(n)): n for n in names}
    con = duckdb.connect(str(settings.db_path), read_only=True)
    try:
        rows = con.execute(
            "SELECT i.file_ref, coalesce(q.reason_code, i.outcome) FROM intake i "
            "LEFT JOIN quarantine q ON q.file_ref = i.file_ref "
            "AND q.content_id IS NOT DISTINCT FROM i.content_id"
        ).fetchall()
    finally:
        con.close()
    return {refs[ref]: outcome for ref, outcome in rows if ref in refs}


def _prefect_home_mentions(home: Path, needles: list[str]) -> list[str]:
    found = []
    for path in home.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for needle in needles:
                for encoded in {needle.encode("utf-8"), needle.encode("utf-16-le")}:
                    if encoded in data:
                        found.append(f"{needle!r} in {path}")
    return found


def _no_server_left(home: Path) -> bool:
    """No process at all (orphaned or not) serves this Prefect home any more."""
    home_s = str(home.resolve())
    for proc in psutil.process_iter():
        try:
            cmd = " ".join(proc.cmdline())
            serves = "uvicorn" in cmd or "server start" in cmd
            if serves and proc.environ().get("PREFECT_HOME") == home_s:
                return False
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue
    return True


def test_an_inbox_holding_every_bad_input_at_once(settings, tmp_path):
    """Every good file processed, every bad one quarantined with its reason, in one run; the
    next run is clean; no planted name reaches Prefect's home or the run's output."""
    from tests.bad_inputs import PLANTED, ZOO_ENV, write_zoo

    expect = write_zoo(settings.inbox)
    env = {**f.cli_env(settings, tmp_path), **ZOO_ENV, "RODEDRAAD_BATCH_SIZE": "4"}
    start = time.monotonic()
    out = f.cli_run(env)
    assert out.returncode == 0, out.stderr[-3000:]
    assert time.monotonic() - start < 290
    assert _outcomes_by_name(settings, list(expect)) == expect
    assert not [p for p in settings.inbox.rglob("*") if not p.is_dir()], "files left in the inbox"
    for sidecar in settings.quarantine_dir.glob("*.json"):
        body = json.loads(sidecar.read_text(encoding="utf-8"))  # whole, valid UTF-8
        assert body["oorspronkelijke_naam"] and body["reden"]
    names = {json.loads(p.read_text())["oorspronkelijke_naam"]
             for p in settings.quarantine_dir.glob("*.json")}  # fmt: skip
    assert "binair-\\xe9.txt" in names  # a non-UTF-8 name, escaped
    stored = [p.name for p in settings.processed_dir.iterdir()]
    assert any(n.endswith("-..brief van de moeder.txt") for n in stored)
    assert all(len(os.fsencode(n)) <= 140 for n in stored)
    again = f.cli_run(env)
    assert again.returncode == 0 and "Bestanden gevonden: 0" in again.stdout
    home = Path(env["RODEDRAAD_PREFECT_HOME"])
    needles = [PLANTED, "Oosterbroek"]
    assert _prefect_home_mentions(home, needles) == []
    # Staff see the original names in the quarantine list of the summary (issue 14: read from
    # the owner-only sidecars); nowhere else in the output.
    listing = re.compile(r"^\s+- .+ \(in quarantaine als [0-9a-f]{16}(\.\w+)?\): ")
    named = [line for line in out.stdout.splitlines() if "Oosterbroek" in line]
    assert named and all(listing.match(line) for line in named), named
    assert "Oosterbroek" not in out.stderr


def test_full_disk_on_archive_and_snapshot_is_reported_and_recovered(settings, tmp_path):
    """Processed files cannot be moved and the snapshot cannot be written: the run says that
    every file was processed (not that they wait), exits 1, and the next run with room moves
    them and publishes. The OSErrors name the files; nothing of them reaches Prefect."""
    from tests.bad_inputs import PLANTED

    with _small_disk(tmp_path / "klein", "8m") as disk:
        env = {
            **f.cli_env(settings, tmp_path),
            "RODEDRAAD_PROCESSED_DIR": str(disk / "processed"),
            "RODEDRAAD_PUBLISHED_PATH": str(disk / "published" / "rodedraad.duckdb"),
            "RODEDRAAD_BATCH_SIZE": "3",
        }
        for i in range(4):
            f.write(settings.inbox / f"klacht {PLANTED} {i}.txt", f.variant(60 + i) * 40)
        filler = disk / "vulling"
        with filler.open("wb") as fh:
            try:
                while True:
                    fh.write(b"\0" * 65536)
                    fh.flush()
            except OSError:
                pass
        out = f.cli_run(env)
        assert out.returncode == 1, out.stdout + out.stderr[-2000:]
        assert "Verwerkt:           4" in out.stdout
        assert "Niet verplaatst:    4 (de schijf is vol)" in out.stdout
        last = out.stderr.strip().splitlines()[-1]
        assert "de gepubliceerde kopie" in last and "de schijf is vol" in last
        assert "Alle bestanden hierboven zijn verwerkt" in last
        assert "staan nog in de inbox" not in out.stderr
        assert len(list(settings.inbox.iterdir())) == 4  # recorded, still to be moved
        filler.unlink()
        again = f.cli_run(env)
        assert again.returncode == 0, again.stderr[-2000:]
        assert "Eerder verwerkt:    4" in again.stdout
        assert not list(settings.inbox.iterdir())
        assert (disk / "published" / "rodedraad.duckdb").is_file()
    home = Path(env["RODEDRAAD_PREFECT_HOME"])
    assert _prefect_home_mentions(home, [PLANTED, "Oosterbroek"]) == []


def test_full_disk_under_prefects_home_says_so_in_dutch(settings, tmp_path):
    with _small_disk(tmp_path / "klein", "4m") as disk:
        filler = disk / "vulling"
        with filler.open("wb") as fh:
            try:
                while True:
                    fh.write(b"\0" * 65536)
                    fh.flush()
            except OSError:
                pass
        env = {**f.cli_env(settings, tmp_path), "RODEDRAAD_PREFECT_HOME": str(disk / "prefect")}
        f.write(settings.inbox / "brief.txt", f.variant(70))
        out = f.cli_run(env)
        assert out.returncode == 1
        last = out.stderr.strip().splitlines()[-1]
        assert last.startswith("Verwerking mislukt: de schijf is vol"), out.stderr[-2000:]
        assert str(disk / "prefect") in last
        assert "RuntimeError" not in last
        assert (settings.inbox / "brief.txt").exists()


@pytest.mark.parametrize(
    ("signum", "group"),
    [(signal.SIGTERM, True), (signal.SIGTERM, False), (signal.SIGINT, False)],
    ids=["sigterm-groep", "sigterm-hoofdproces", "sigint-hoofdproces"],
)
def test_a_signal_stops_the_run_cleanly_within_ten_seconds(settings, tmp_path, signum, group):
    expected = _inbox(settings, 14, seed=8)
    env = {**f.cli_env(settings, tmp_path), "RODEDRAAD_BATCH_SIZE": "2"}
    home = Path(env["RODEDRAAD_PREFECT_HOME"])
    proc = f.cli_start(env)
    deadline = time.monotonic() + 400
    while time.monotonic() < deadline and proc.poll() is None:
        if settings.processed_dir.exists() and any(settings.processed_dir.rglob("*.*")):
            break  # a batch is committed: the run is mid-way
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be stopped; use a larger inbox"
    sent = time.monotonic()
    if group:
        os.killpg(proc.pid, signum)
    else:
        os.kill(proc.pid, signum)
    _, err = proc.communicate(timeout=60)
    took = time.monotonic() - sent
    assert took < 10, f"took {took:.1f} s"
    assert proc.returncode == 128 + signum, err[-2000:]
    last = err.strip().splitlines()[-1]
    assert last.startswith(f"Verwerking gestopt op verzoek ({signal.Signals(signum).name})")
    assert "Traceback" not in err
    assert _no_server_left(home), "a Prefect server was left running"
    _, _, orphans, statuses = _accounting(settings)
    assert statuses[-1] == "gestopt" and orphans == 0
    assert any(settings.inbox.iterdir()), "nothing left: the stop came too late to test"
    final = f.cli_run(env)
    assert final.returncode == 0, final.stderr[-2000:]
    _assert_all_accounted(settings, expected)
