"""Anonymisation: layered recognisers -> resolved spans -> placeholders -> residual check.

``Anonymiser`` and ``Policy`` load on first use (PEP 562), so that importing a light submodule
such as ``nlp.anonymise.version`` does not import spaCy."""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from nlp.anonymise.engine import Anonymiser
    from nlp.anonymise.replace import Policy

__all__ = ["Anonymiser", "Policy"]


def __getattr__(name: str) -> Any:
    if name == "Anonymiser":
        from nlp.anonymise.engine import Anonymiser

        return Anonymiser
    if name == "Policy":
        from nlp.anonymise.replace import Policy

        return Policy
    raise AttributeError(name)
