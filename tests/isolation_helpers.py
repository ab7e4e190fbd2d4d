"""Functions the isolation tests run in worker processes (spawned workers import them by name)."""

from __future__ import annotations

import os
import time


def double(n: int) -> int:
    return 2 * n


def sleep_then(n: int) -> int:
    time.sleep(n)
    return n


def allocate(mb: int) -> int:
    block = bytearray(mb * 1024 * 1024)  # touches the memory: counts against RLIMIT_AS
    return len(block)


def die(code: int) -> int:
    os._exit(code)


def fail(_: int) -> int:
    raise OSError(2, "No such file or directory", "/inbox/klacht mevrouw Jansen.pdf")


def ocr_jobs(_: int) -> int:
    from nlp.extract.ocr import jobs

    return jobs()
