"""Shared fixtures. Prefect gets a private home for the whole session before it is imported."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from rodedraad.prefect_env import configure_prefect

PREFECT_HOME = Path(tempfile.mkdtemp(prefix="rodedraad-test-prefect-"))
configure_prefect(PREFECT_HOME)

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("RODEDRAAD_SHARED", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "data").is_dir():
        pytest.skip(f"../shared is not beside the repository ({SHARED}): dev data unavailable")
    return SHARED


@pytest.fixture(scope="session")
def pipeline():
    from nlp.pipeline import load

    return load()


@pytest.fixture(scope="session")
def anonymiser(pipeline):
    from nlp.anonymise import Anonymiser

    return Anonymiser(pipeline)


@pytest.fixture
def settings(tmp_path, monkeypatch):
    """Settings for an installation under tmp_path, no config file, files picked up at once."""
    from schemas.settings import load_settings

    monkeypatch.setenv("RODEDRAAD_CONFIG", str(tmp_path / "absent.toml"))
    for key in list(os.environ):
        if key.startswith("RODEDRAAD_") and key != "RODEDRAAD_CONFIG":
            monkeypatch.delenv(key)
    data = tmp_path / "data"
    s = load_settings(
        data_dir=data,
        inbox=tmp_path / "inbox",
        processed_dir=data / "processed",
        quarantine_dir=data / "quarantine",
        db_path=data / "rodedraad.duckdb",
        prefect_home=PREFECT_HOME,
        settle_seconds=0,
        batch_size=3,
    )
    s.inbox.mkdir(parents=True)
    return s
