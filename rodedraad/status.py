"""``rodedraad status``: a read-only look at the warehouse for staff, times in Dutch local time
(the server may run in UTC)."""

from __future__ import annotations

from pathlib import Path

from rodedraad.quarantine_view import lines as quarantine_lines
from schemas.settings import TIMEZONE
from schemas.vocabulary import DocumentKind, DocumentStatus
from warehouse.db import connect


def render_status(
    db_path: Path, quarantine_dir: Path | None = None, ocr_line: str | None = None
) -> str:
    """``quarantine_dir``: where the sidecars with the original file names are (read here, in
    this process; the names are never stored in the warehouse). ``ocr_line``: whether OCR is
    available on this machine (``nlp.extract.ocr.describe``)."""
    con = connect(db_path, read_only=True)
    try:
        lines = [f"Database: {db_path}"]
        if ocr_line:
            lines.append(f"OCR: {ocr_line}")
        lines += ["", "Documenten per status:"]
        rows = con.execute(
            "SELECT status, count(*) FROM documents GROUP BY status ORDER BY status"
        ).fetchall()
        lines += [f"  {status:<16} {n}" for status, n in rows] or ["  (nog geen documenten)"]
        q = con.execute("SELECT count(*) FROM quarantine").fetchone()
        lines.append(f"  {'quarantaine':<16} {q[0] if q else 0}")
        kinds = dict(
            con.execute(
                "SELECT kind, count(*) FROM documents WHERE duplicate_of IS NULL GROUP BY kind"
            ).fetchall()
        )
        if kinds:
            lines += [
                "",
                f"Klachten (geteld): {kinds.get(DocumentKind.KLACHT, 0)}; geen klacht (niet "
                f"geteld: bedankje, vraag, te kort): {kinds.get(DocumentKind.GEEN_KLACHT, 0)}",
            ]
        n_ocr = con.execute("SELECT count(*) FROM documents WHERE ocr").fetchone()
        if n_ocr and n_ocr[0]:
            lines += ["", f"Documenten gelezen via OCR (scan of foto): {n_ocr[0]}"]
        lines += ["", "Laatste runs:"]
        runs = con.execute(
            "SELECT timezone(?, started_at), status, n_files, n_processed, "
            "n_duplicates, n_quarantined, pipeline FROM runs ORDER BY started_at DESC LIMIT 5",
            [TIMEZONE],
        ).fetchall()
        for started, status, nf, np_, nd, nq, pipe in runs:
            lines.append(
                f"  {started:%Y-%m-%d %H:%M}  {status:<10} bestanden {nf}, verwerkt {np_}, "
                f"duplicaten {nd}, quarantaine {nq}  [{pipe}]"
            )
        review = con.execute(
            "SELECT document_id, residual_flags FROM documents WHERE status = ? "
            "ORDER BY loaded_at DESC LIMIT 20",
            [DocumentStatus.CONTROLE_NODIG],
        ).fetchall()
        if review:
            lines += [
                "",
                "Controle nodig (mogelijk achtergebleven persoonsgegevens; 'ocr': tekst uit OCR "
                "met lage zekerheid):",
            ]
            lines += [f"  {doc[:16]}  {', '.join(flags or [])}" for doc, flags in review]
        quarantined = con.execute(
            "SELECT timezone(?, quarantined_at), stored_as, reason, reason_code "
            "FROM quarantine ORDER BY quarantined_at DESC LIMIT 20",
            [TIMEZONE],
        ).fetchall()
        if quarantined:
            folder = quarantine_dir or "quarantaine/"
            lines += ["", f"In quarantaine (map {folder}):"]
            for t, stored, reason, code in quarantined:
                what, todo = quarantine_lines(quarantine_dir, stored, reason, code)
                lines += [f"  {t:%Y-%m-%d %H:%M}  {what}", f"                    {todo}"]
        return "\n".join(lines)
    finally:
        con.close()
