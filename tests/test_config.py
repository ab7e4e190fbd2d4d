"""Configuration precedence: flags > environment > TOML > defaults."""

from __future__ import annotations

from pathlib import Path

from schemas.settings import load_settings


def test_defaults_work_without_a_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RODEDRAAD_CONFIG", str(tmp_path / "none.toml"))
    s = load_settings()
    assert s.inbox == tmp_path / "data" / "inbox"
    assert s.spacy_model == "nl_core_news_lg" and s.max_file_mb == 25 and s.retention_days is None


def test_toml_then_env_then_flags(tmp_path, monkeypatch):
    cfg = tmp_path / "conf" / "rodedraad.toml"
    cfg.parent.mkdir()
    cfg.write_text('inbox = "in"\nbatch_size = 7\nretention_days = 30\n', encoding="utf-8")
    monkeypatch.setenv("RODEDRAAD_CONFIG", str(cfg))
    s = load_settings()
    assert s.inbox == cfg.parent / "in"  # relative to the TOML file
    assert s.batch_size == 7 and s.retention_days == 30
    monkeypatch.setenv("RODEDRAAD_BATCH_SIZE", "9")
    assert load_settings().batch_size == 9
    assert load_settings(batch_size=11, inbox=Path("/x")).inbox == Path("/x")


def test_paths_follow_data_dir_unless_set(tmp_path, monkeypatch):
    monkeypatch.setenv("RODEDRAAD_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("RODEDRAAD_DATA_DIR", str(tmp_path / "elders"))
    monkeypatch.setenv("RODEDRAAD_INBOX", str(tmp_path / "gedeeld" / "inbox"))
    s = load_settings()
    assert s.inbox == tmp_path / "gedeeld" / "inbox"  # set itself: stays
    for path in (s.processed_dir, s.quarantine_dir, s.db_path, s.prefect_home, s.snapshot_path):
        assert path.is_relative_to(tmp_path / "elders"), path


def test_init_writes_config_and_private_folders(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from rodedraad.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("RODEDRAAD_CONFIG", raising=False)
    result = CliRunner().invoke(main, ["init"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "rodedraad.toml").is_file()
    assert (tmp_path / "data" / "inbox").is_dir()
    assert (tmp_path / "data").stat().st_mode & 0o077 == 0
    assert load_settings().inbox == tmp_path / "data" / "inbox"
