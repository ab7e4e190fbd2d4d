"""OCR quality, speed and memory on rendered letters (benchmarks/scans.py, our own text with
Faker's personal data): character error rate (CER) and Tesseract's confidence per scan quality,
seconds for a one-page scan, throughput of a multi-page scan on all cores, peak memory.

    .venv/bin/python -m benchmarks.bench_ocr [--letters 6] [--pages 8]

CER = Levenshtein distance / length of the letter, whitespace collapsed on both sides.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import threading
import time

import psutil
from rapidfuzz.distance import Levenshtein

from benchmarks.corpus import letters
from benchmarks.scans import CLEAN, NOISY, ScanStyle, image_bytes, render_pages
from nlp.extract import extract_bytes, ocr
from schemas.settings import Settings

STYLES: dict[str, tuple[ScanStyle, str]] = {
    "schoon 300 dpi (PNG)": (CLEAN, "png"),
    "ruis + 1,5° scheef 300 dpi (PDF)": (NOISY, "pdf"),
    "veel ruis + 3° scheef 200 dpi (JPEG)": (
        ScanStyle(dpi=200, noise=30, skew=3, specks=300, blur=0.9, paper=225),
        "jpg",
    ),
    "foto 8° scheef 150 dpi (JPEG)": (
        ScanStyle(dpi=150, noise=12, skew=8, specks=40, blur=0.8, paper=230),
        "jpg",
    ),
    "zeer veel ruis, wazig 200 dpi (JPEG)": (
        ScanStyle(dpi=200, noise=40, skew=2, specks=200, blur=2.0, paper=210),
        "jpg",
    ),
    "lage resolutie 100 dpi (JPEG)": (
        ScanStyle(dpi=100, noise=20, skew=1, specks=50, blur=1.0, paper=220),
        "jpg",
    ),
    "slecht leesbaar 150 dpi (JPEG)": (
        ScanStyle(dpi=150, noise=35, skew=1, specks=100, blur=1.6, paper=215),
        "jpg",
    ),
    "nauwelijks leesbaar 150 dpi (JPEG)": (
        ScanStyle(dpi=150, noise=40, skew=1, specks=100, blur=1.8, paper=210),
        "jpg",
    ),
}


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (Tesseract): on a loaded machine wall
    time says more about the neighbours than about OCR; CPU time does not."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def cer(reference: str, hypothesis: str) -> float:
    ref, hyp = " ".join(reference.split()), " ".join(hypothesis.split())
    return Levenshtein.distance(ref, hyp) / max(1, len(ref))


class _TesseractMemory:
    """Samples the resident memory of this process's Tesseract children every 50 ms."""

    def __init__(self) -> None:
        self.peak_one = 0.0
        self.peak_all = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> _TesseractMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _watch(self) -> None:
        me = psutil.Process()
        while not self._stop.wait(0.05):
            sizes = []
            for child in me.children(recursive=True):
                try:
                    if child.name() == "tesseract":
                        sizes.append(child.memory_info().rss / 1024 / 1024)
                except psutil.Error:
                    continue
            if sizes:
                self.peak_one = max(self.peak_one, max(sizes))
                self.peak_all = max(self.peak_all, sum(sizes))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=6, help="letters per scan quality")
    parser.add_argument("--pages", type=int, default=8, help="pages in the throughput scan")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    if not ocr.available():
        raise SystemExit(f"OCR: {ocr.describe(True)}")
    print(f"Tesseract {ocr.tesseract_version()}, {ocr.jobs()} kern(en), OMP_THREAD_LIMIT=1")
    corpus = letters(args.letters, seed=args.seed)
    threshold = Settings().ocr_min_confidence
    print(
        f"Belasting van de machine (1 min): {os.getloadavg()[0]:.1f}. "
        f"Per kwaliteit {args.letters} brieven, één scan tegelijk (s/pagina: mediaan); "
        f"'controle': zekerheid onder ocr_min_confidence = {threshold:g}"
    )
    for name, (style, fmt) in STYLES.items():
        cers, confs, secs, cpus = [], [], [], []
        for i, letter in enumerate(corpus):
            data = image_bytes(render_pages(letter.text, style, seed=i)[:1], fmt)
            first_page = letter.text  # letters fit on one page at 11 pt
            t0, c0 = time.perf_counter(), cpu_seconds()
            try:
                out = extract_bytes(data, f".{fmt}")
                text, conf = out.text, out.ocr_confidence or 0.0
            except Exception as exc:  # a benchmark reports failures, it does not stop
                text, conf = "", 0.0
                print(f"  ({type(exc).__name__}: {getattr(exc, 'reason', '')})")
            secs.append(time.perf_counter() - t0)
            cpus.append(cpu_seconds() - c0)
            cers.append(cer(first_page, text))
            confs.append(conf)
        review = sum(c < threshold for c in confs)
        print(
            f"{name:<36} CER gem. {statistics.mean(cers):6.2%} max {max(cers):6.2%}  "
            f"zekerheid {min(confs):5.1f}-{max(confs):5.1f}  controle {review}/{len(confs)}  "
            f"{statistics.median(secs):4.1f} s/pagina ({statistics.median(cpus):3.1f} s CPU)"
        )
    # Throughput: one multi-page scan (image-only PDF) through all cores.
    text = "\n\n".join(letter.text for letter in letters(3 * args.pages, seed=args.seed + 1))
    pages = render_pages(text, NOISY, seed=1)[: args.pages]
    data = image_bytes(pages, "pdf")
    watcher = _TesseractMemory()
    t0, c0 = time.perf_counter(), cpu_seconds()
    with watcher:
        out = extract_bytes(data, ".pdf")
    seconds = time.perf_counter() - t0
    cpu = cpu_seconds() - c0
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"Doorvoer: PDF-scan van {len(pages)} pagina's in {seconds:.1f} s = "
        f"{len(pages) / seconds * 60:.0f} pagina's/min ({seconds / len(pages):.2f} s/pagina) "
        f"op {ocr.jobs()} kern(en); CPU {cpu:.1f} s ({cpu / seconds:.2f} kernen bezet); "
        f"zekerheid {out.ocr_confidence:.1f}"
    )
    print(f"Belasting van de machine (1 min): {os.getloadavg()[0]:.1f}")
    print(
        f"Piekgeheugen: dit proces {own:.0f} MB (incl. OpenCV, scikit-image), Tesseract "
        f"{watcher.peak_one:.0f} MB per proces, {watcher.peak_all:.0f} MB alle tegelijk"
    )


if __name__ == "__main__":
    main()
