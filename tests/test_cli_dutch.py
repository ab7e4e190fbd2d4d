"""The command line in Dutch, click's own texts included, with one naming rule: English command
and option names, Dutch help; the old Dutch names keep working but are not shown."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from rodedraad.cli import main

ENGLISH = ("Show this message", "Usage:", "Options:", "Commands:", "[required]", "[default:")


def _commands() -> list[list[str]]:
    out = []
    for name, cmd in main.commands.items():
        if cmd.hidden:
            continue
        out.append([name])
        out += [[name, sub] for sub in getattr(cmd, "commands", {})]
    return out


@pytest.mark.parametrize("args", [[], *_commands()], ids=lambda a: " ".join(a) or "rodedraad")
def test_every_help_text_is_dutch(args):
    result = CliRunner().invoke(main, [*args, "--help"])
    assert result.exit_code == 0, result.output
    assert "Gebruik:" in result.output and "Toon deze hulp en stop." in result.output
    assert not [e for e in ENGLISH if e in result.output], result.output


def test_errors_are_dutch():
    result = CliRunner().invoke(main, ["report", "--periode", "2026"])
    assert result.exit_code == 2
    assert "Fout: Onbekende optie '--periode'" in result.output
    assert "Error" not in result.output


def test_old_names_are_hidden_aliases():
    top = CliRunner().invoke(main, ["--help"]).output
    assert " review " in top and "nakijken" not in top and "nagekeken" not in top
    for args in (
        ["nakijken", "--help"],
        ["nagekeken", "--help"],
        ["report", "--geen-pdf", "--help"],
        ["reclassify", "--alles", "--help"],
        ["train", "--basis", "x", "--help"],
        ["label", "export", "--aantal", "3", "--help"],
        ["review", "ID", "--tekst", "x", "--positie", "1-2", "--soort", "PERSOON", "--akkoord",
         "--help"],
    ):  # fmt: skip
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, (args, result.output)
    help_text = CliRunner().invoke(main, ["report", "--help"]).output
    assert "--no-pdf" in help_text and "--geen-pdf" not in help_text


def test_the_dashboard_starts_streamlit_without_its_configurable_english(monkeypatch, tmp_path):
    """Menu, developer buttons, error details and the links that send an error to outside sites
    are switched off; every option given is one Streamlit knows (a typo would be ignored)."""
    import os

    from streamlit import config

    started: list[list[str]] = []
    monkeypatch.setattr(os, "execve", lambda exe, cmd, env: started.append(cmd))
    monkeypatch.setenv("RODEDRAAD_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.setenv("RODEDRAAD_DATA_DIR", str(tmp_path / "data"))
    result = CliRunner().invoke(main, ["dashboard", "--port", "8599"])
    assert result.exit_code == 0, result.output
    (cmd,) = started
    given = dict(zip(cmd[5::2], cmd[6::2], strict=True))  # after "python -m streamlit run app"
    config.get_config_options()  # loads the option table
    assert all(k.startswith("--") and k[2:] in config._config_options for k in given), given
    assert given["--client.toolbarMode"] == "minimal"
    assert given["--client.showErrorDetails"] == "none"
    assert given["--client.showErrorLinks"] == "false"
    assert given["--server.address"] == "127.0.0.1" and given["--server.port"] == "8599"
