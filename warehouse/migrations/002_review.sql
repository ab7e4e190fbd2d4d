-- 002: a person can confirm that a document marked 'controle nodig' holds no personal data.
ALTER TABLE documents ADD COLUMN reviewed_at TIMESTAMPTZ;
