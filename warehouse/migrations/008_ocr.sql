-- 008: whether a document's text came (partly) from OCR, and how sure Tesseract was: its mean
-- word confidence (0-100) over the OCR'd text, weighted by word length. A document under
-- ocr_min_confidence gets status 'controle nodig' with the flag 'ocr' in residual_flags.
ALTER TABLE documents ADD COLUMN ocr BOOLEAN DEFAULT false;
ALTER TABLE documents ADD COLUMN ocr_confidence DOUBLE;
