"""Anonymisation: layered recognisers -> resolved spans -> placeholders -> residual check."""

from nlp.anonymise.engine import Anonymiser
from nlp.anonymise.replace import Policy

__all__ = ["Anonymiser", "Policy"]
