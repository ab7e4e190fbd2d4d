"""The ``theme_models`` table: every trained model with its cross-validated figures, so analysts
can see which model scored which complaint and how good it was."""

from __future__ import annotations

import json
from datetime import datetime

import duckdb


def record_model(con: duckdb.DuckDBPyConnection, metrics: dict, activated: bool) -> None:
    """A trained model's figures in ``theme_models``, and whether it became active."""
    con.execute(
        "INSERT OR REPLACE INTO theme_models VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            metrics["version"],
            datetime.fromisoformat(metrics["created_at"]),
            metrics["n_labels"],
            metrics["encoder"],
            metrics["cv"]["macro_f1"],
            metrics["cv"]["top1"],
            metrics["baseline"]["version"],
            metrics["baseline"]["macro_f1"],
            activated,
            json.dumps(metrics),
        ],
    )
