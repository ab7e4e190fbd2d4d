"""Progress is reported as counts while a run commits its batches; the bar is drawn only on a
terminal."""

from __future__ import annotations

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
