"""What every dashboard page needs: the settings, the snapshot and what was read from it."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd
import streamlit as st

from dashboards.filters import Selection, sidebar
from dashboards.snapshot import load
from schemas.settings import Settings


@dataclass
class Context:
    settings: Settings
    data: dict[str, pd.DataFrame] = field(default_factory=dict)

    @property
    def snapshot(self) -> str:
        return str(self.settings.snapshot_path)

    @property
    def mtime(self) -> float:
        return self.settings.snapshot_path.stat().st_mtime

    @classmethod
    def open(cls, settings: Settings) -> Context:
        """The context, or a Dutch note on the page when there is nothing to show yet."""
        ctx = cls(settings)
        if not settings.snapshot_path.is_file():
            st.warning("Nog geen gepubliceerde gegevens. Draai eerst `rodedraad run`.")
            return ctx
        ctx.data = load(ctx.snapshot, ctx.mtime)
        return ctx

    @property
    def facts(self) -> pd.DataFrame | None:
        """Every counted complaint, or None (after a note on the page) when there are none."""
        facts = self.data.get("facts")
        if facts is None:
            return None
        if facts.empty:
            st.info("Er zijn nog geen klachten verwerkt.")
            return None
        return facts

    @property
    def not_complaints(self) -> int:
        return int(self.data["not_complaints"].iloc[0, 0])

    @cached_property
    def _selection(self) -> Selection:
        return sidebar(self.data["facts"], self.settings.min_cell)

    def selection(self) -> Selection:
        """The sidebar's selection (drawn once per page run)."""
        return self._selection
