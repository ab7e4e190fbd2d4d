"""Typed records that pass between the stages, and the CLI's JSON line formats."""
