"""Coarse metadata (municipality, organisation, role, measure) read before anonymisation."""

from nlp.metadata.extract import MEASURES, ROLES, UNKNOWN, Metadata, extract

__all__ = ["MEASURES", "ROLES", "UNKNOWN", "Metadata", "extract"]
