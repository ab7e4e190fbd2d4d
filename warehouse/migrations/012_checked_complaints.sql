-- 012: one definition of "a complaint whose text a person may read": counted (not a linked copy,
-- kind 'klacht') and status 'verwerkt' (not waiting in 'controle nodig'). Topics, labels' texts,
-- report quotes and the dashboard's text view read this instead of repeating the condition.
CREATE OR REPLACE VIEW checked_complaints AS
SELECT d.*, c.text
FROM counted_documents d JOIN complaints c USING (document_id)
WHERE d.status = 'verwerkt';
