"""Scale-out: the ingest flow's batch tasks on a real Dask LocalCluster of 2 worker processes,
while the run's own process stays the one DuckDB writer. The result must be the same as a local
run over the same files."""

from __future__ import annotations

import shutil
from datetime import date

import duckdb
import pytest

from benchmarks.corpus import letters, write_inbox
from tests import factories as f

pytestmark = pytest.mark.slow


def _results(db) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "SELECT c.document_id, c.text, c.municipality, c.complainant_role, "
            "list(t.theme ORDER BY t.theme) FROM complaints c "
            "LEFT JOIN complaint_themes_assigned t USING (document_id) "
            "GROUP BY ALL ORDER BY c.document_id"
        ).fetchall()
    finally:
        con.close()


def test_ingest_on_a_dask_localcluster_of_two_workers(settings, tmp_path, monkeypatch):
    pytest.importorskip("prefect_dask", reason="prefect-dask not installed")
    from distributed import Client, LocalCluster

    from rodedraad.prefect_server import local_server

    source = tmp_path / "bron"
    write_inbox(letters(24, seed=12, start=date(2026, 3, 1), days=30), source)
    shutil.copytree(source, settings.inbox, dirs_exist_ok=True)
    f.write(settings.inbox / "leeg.txt", b"")
    monkeypatch.setenv("DASK_LOGGING__DISTRIBUTED", "error")
    # Flow and workers report to one Prefect server, as on a real multi-machine set-up.
    with (
        local_server(settings.data_dir / "prefect-server") as api,
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            host="127.0.0.1",
        ) as cluster,
        Client(cluster) as client,
    ):
        env = {
            **f.cli_env(settings, tmp_path),
            "PREFECT_API_URL": api,
            "RODEDRAAD_TASK_RUNNER": "dask",
            "RODEDRAAD_DASK_ADDRESS": cluster.scheduler_address,
            "RODEDRAAD_BATCH_SIZE": "4",
        }
        out = f.cli_run(env)
        assert out.returncode == 0, out.stderr[-3000:]
        loaded = client.run(
            lambda: (
                __import__("application.processing", fromlist=["_models"])
                ._models.cache_info()
                .currsize
            )
        )
    assert len(loaded) == 2
    assert sum(loaded.values()) >= 1, "no batch ran on a Dask worker"
    assert "Verwerkt:           24" in out.stdout and "Quarantaine:        1" in out.stdout

    # The same files, processed locally, give the same warehouse content.
    local = settings.model_copy(
        update={
            "data_dir": tmp_path / "lokaal",
            "db_path": tmp_path / "lokaal" / "w.duckdb",
            "inbox": tmp_path / "inbox-lokaal",
            "processed_dir": tmp_path / "lokaal" / "processed",
            "quarantine_dir": tmp_path / "lokaal" / "quarantine",
        }
    )
    shutil.copytree(source, local.inbox)
    env_local = {**f.cli_env(local, tmp_path), "RODEDRAAD_BATCH_SIZE": "4"}
    env_local.pop("PREFECT_API_URL", None)
    assert f.cli_run(env_local).returncode == 0
    dask_rows, local_rows = _results(settings.db_path), _results(local.db_path)
    assert len(dask_rows) == 24
    assert dask_rows == local_rows


def test_run_starts_its_own_localcluster_with_private_scratch_space(settings, tmp_path):
    """task_runner = dask without an address: `rodedraad run` starts a LocalCluster (and a
    Prefect server the workers share) and keeps the workers' spill space in the data folder."""
    pytest.importorskip("prefect_dask", reason="prefect-dask not installed")
    write_inbox(letters(6, seed=13, start=date(2026, 5, 1), days=10), settings.inbox)
    env = {
        **f.cli_env(settings, tmp_path),
        "RODEDRAAD_TASK_RUNNER": "dask",
        "RODEDRAAD_DASK_WORKERS": "2",
        "RODEDRAAD_BATCH_SIZE": "2",
    }
    env.pop("PREFECT_API_URL", None)
    out = f.cli_run(env)
    assert out.returncode == 0, out.stderr[-3000:]
    assert "Verwerkt:           6" in out.stdout
    scratch = settings.data_dir / "dask"
    assert (scratch / "dask-scratch-space").is_dir(), "the workers did not use the data folder"
    assert scratch.stat().st_mode & 0o077 == 0
