"""Dutch word forms shared by the CLI and the reports: light, so every command can use them."""

from __future__ import annotations


def plural(n: int, one: str, more: str) -> str:
    """'1 klacht', '2 klachten'."""
    return f"{n} {one if n == 1 else more}"
