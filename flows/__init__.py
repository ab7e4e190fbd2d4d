"""Prefect flows: ingest (inbox -> warehouse)."""
