"""Legacy Word (.doc) converters compared on our fixtures (tests/fixtures/doc): which ones read
every file, how much of the expected text they find, and how long one file takes.

    .venv/bin/python -m benchmarks.bench_doc [--repeat 5]

Converters measured when installed: catdoc, antiword (Debian) and LibreOffice (soffice
--headless --convert-to txt). Word recall = share of the expected words (in order of frequency,
as a multiset) found in the output.
"""

from __future__ import annotations

import argparse
import collections
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "doc"


def _catdoc(path: Path, tmp: Path) -> str:
    return subprocess.run(
        ["catdoc", "-d", "utf-8", "-w", str(path)], capture_output=True, check=True, timeout=60
    ).stdout.decode("utf-8")


def _antiword(path: Path, tmp: Path) -> str:
    return subprocess.run(
        ["antiword", "-m", "UTF-8.txt", "-w", "0", str(path)],
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout.decode("utf-8")


def _libreoffice(path: Path, tmp: Path) -> str:
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp}/profile",
            "--headless",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
            str(tmp),
            str(path),
        ],
        capture_output=True,
        check=True,
        timeout=300,
    )
    return (tmp / f"{path.stem}.txt").read_text(encoding="utf-8-sig")


CONVERTERS = {"catdoc": _catdoc, "antiword": _antiword, "soffice": _libreoffice}


def recall(expected: str, got: str) -> float:
    want = collections.Counter(expected.split())
    have = collections.Counter(got.replace("|", " ").split())
    return sum(min(n, have[w]) for w, n in want.items()) / max(1, sum(want.values()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    files = sorted(FIXTURES.glob("*.doc"))
    print(f"{len(files)} .doc-bestanden uit {FIXTURES}")
    for name, convert in CONVERTERS.items():
        binary = "soffice" if name == "soffice" else name
        if shutil.which(binary) is None:
            print(f"{name:<9} niet geïnstalleerd")
            continue
        failed, recalls, times = 0, [], []
        with tempfile.TemporaryDirectory() as tmp:
            for path in files:
                expected = path.with_suffix(".txt").read_text(encoding="utf-8")
                for _ in range(args.repeat):
                    t0 = time.perf_counter()
                    try:
                        got = convert(path, Path(tmp))
                    except (subprocess.SubprocessError, OSError):
                        got = None
                    times.append(time.perf_counter() - t0)
                if got is None:
                    failed += 1
                    recalls.append(0.0)
                else:
                    recalls.append(recall(expected, got))
        print(
            f"{name:<9} gelezen {len(files) - failed}/{len(files)}, "
            f"woorden gevonden {statistics.mean(recalls):.1%} (laagste {min(recalls):.1%}), "
            f"mediaan {statistics.median(times) * 1000:.0f} ms per bestand"
        )


if __name__ == "__main__":
    main()
