"""One complaint from several parts (an e-mail's body and attachments, a PDF's text and scanned
pages): texts joined, pages added up, OCR confidence weighted by how much text each part holds."""

from __future__ import annotations

from schemas.records import ExtractedText


def merge(parts: list[ExtractedText], *, pages: int | None = None) -> ExtractedText:
    texts = [p.text.strip() for p in parts if p.text and p.text.strip()]
    ocr_parts = [p for p in parts if p.ocr]
    confidence = None
    if ocr_parts:
        weights = [max(1, sum(ch.isalnum() for ch in p.text)) for p in ocr_parts]
        confidence = sum(
            (p.ocr_confidence or 0.0) * w for p, w in zip(ocr_parts, weights, strict=True)
        ) / sum(weights)
    if pages is None:
        pages = sum(p.pages or 0 for p in parts) or None
    return ExtractedText(
        text="\n\n".join(texts),
        pages=pages,
        ocr=bool(ocr_parts),
        ocr_confidence=confidence,
    )
