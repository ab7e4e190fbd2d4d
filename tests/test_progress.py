"""Progress is reported as counts while a run commits its batches; the bar is drawn only on a
terminal."""

from __future__ import annotations

import io
import sys

import pytest

from application.ingest import InlineRunner, run_ingest
from application.progress import listening
from tests import factories as f


def test_a_run_reports_its_progress_in_counts(settings):
    for i in range(5):  # set aside at triage: no model is loaded for this test
        f.write(settings.inbox / f"bestand-{i}.xyz", b"niet te lezen")
    seen: list[tuple[int, int]] = []
    with listening(lambda done, total: seen.append((done, total))):
        summary = run_ingest(settings, InlineRunner())
    assert summary.quarantined == 5
    assert seen[0] == (0, 5) and seen[-1] == (5, 5)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_no_bar_when_the_output_is_not_a_terminal(capsys):
    from rodedraad.progress_bar import bar

    with bar("Verwerken", "bestanden") as show:
        assert show is None
    assert capsys.readouterr().err == ""


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_bar_is_drawn_on_a_terminal_and_cleared_after(monkeypatch):
    from rodedraad.progress_bar import bar

    screen = _Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    with bar("Trainen", "stappen") as show:
        assert show is not None
        show(0, 3)
        show(3, 3)
    drawn = screen.getvalue()
    assert "Trainen" in drawn and "3/3" in drawn and "stappen" in drawn


@pytest.mark.slow  # fits a model with cross-validation (about two minutes on two cores)
def test_train_draws_a_bar_through_its_steps(settings, anonymiser, tmp_path, monkeypatch):
    """``train`` on a terminal: a bar through its steps on stderr; stdout's lines unchanged."""
    import csv
    import json

    from click.testing import CliRunner

    from application.themes import TRAIN_STEPS
    from benchmarks.corpus import letters
    from benchmarks.preload import load_letters
    from rodedraad import progress_bar
    from rodedraad.cli import main

    folder = tmp_path / "basis"
    folder.mkdir()
    with (folder / "brieven.jsonl").open("w", encoding="utf-8") as fh:
        for letter in letters(30, seed=51):
            fh.write(json.dumps({"text": letter.text, "themes": letter.themes}) + "\n")
    truth = load_letters(settings, anonymiser, letters(12, seed=52))
    labels = tmp_path / "labels.csv"
    with labels.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["complaint_id", "themes"])
        w.writerows([k, ";".join(v)] for k, v in truth.items())
    env = {"RODEDRAAD_DATA_DIR": str(settings.data_dir), "RODEDRAAD_DB_PATH": str(settings.db_path)}
    runner = CliRunner()
    imported = runner.invoke(main, ["label", "import", str(labels)], env=env)
    assert "12 labels geïmporteerd." in imported.output

    steps: list[tuple[int, int]] = []
    drawn = progress_bar.bar

    def recording_bar(what, unit):  # the real bar, and what it was told
        from contextlib import contextmanager

        @contextmanager
        def both():
            with drawn(what, unit) as show:
                yield lambda d, t: (steps.append((d, t)), show(d, t))

        return both()

    monkeypatch.setattr(progress_bar, "on_terminal", lambda: True)
    monkeypatch.setattr(progress_bar, "bar", recording_bar)
    result = runner.invoke(main, ["train", "--basis", str(folder)], env=env)
    assert result.exit_code == 0, result.output
    assert steps[0] == (0, TRAIN_STEPS) and steps[-1] == (TRAIN_STEPS, TRAIN_STEPS)
    assert "Trainen" in result.stderr and f"{TRAIN_STEPS}/{TRAIN_STEPS}" in result.stderr
    assert result.stdout.startswith(
        "12 labels van medewerkers (elk 3 keer zo zwaar); basiscorpus: 30 voorbeelden; basis: "
    )
    assert "Trainen" not in result.stdout
