-- 010: complaint or not. Every document is stored with a kind: 'klacht' or 'geen klacht' (a
-- thank-you note, a question about procedures, an invitation, a complaint about a school or a
-- GP, a file too short to be a complaint; nlp/themes/kind.py decides). Only complaints count as
-- klachten: counted_documents, which every counting view reads (migration 009), keeps only
-- kind = 'klacht'. A 'geen klacht' document keeps its row, its text and its theme scores (so
-- staff can check the decision and label it), but no assigned theme.
--
-- Documents loaded before this migration: 'geen klacht' when they were too short (fewer than
-- 5 words, the default min_words) or had no assigned theme, or when a person labelled them with
-- no theme; a person's label with themes makes them 'klacht'.

ALTER TABLE documents ADD COLUMN kind VARCHAR DEFAULT 'klacht';

UPDATE documents SET kind = 'geen klacht'
WHERE coalesce(n_words, 0) < 5
   OR document_id NOT IN (SELECT document_id FROM complaint_themes WHERE assigned);
UPDATE documents SET kind = CASE WHEN len(l.themes) > 0 THEN 'klacht' ELSE 'geen klacht' END
FROM labels l WHERE l.document_id = documents.document_id;

CREATE OR REPLACE VIEW counted_documents AS
WITH links AS (
    SELECT duplicate_of AS document_id, count(*) AS n_copies, min(letter_date) AS copy_letter_date
    FROM documents WHERE duplicate_of IS NOT NULL GROUP BY 1
),
local AS (
    SELECT d.*,
           timezone('Europe/Amsterdam', d.received_at)::DATE AS received_date,
           coalesce(d.letter_date, l.copy_letter_date) AS group_letter_date,
           coalesce(l.n_copies, 0) AS n_copies
    FROM documents d LEFT JOIN links l USING (document_id)
    WHERE d.duplicate_of IS NULL AND d.kind = 'klacht'
)
SELECT d.* EXCLUDE (group_letter_date, letter_date),
       d.group_letter_date AS letter_date,
       CASE WHEN (SELECT min(date_basis) FROM count_settings) = 'ontvangst' THEN d.received_date
            ELSE coalesce(d.group_letter_date, d.received_date) END AS complaint_date
FROM local d;

-- Documents that are no complaint (not counted anywhere), for staff to check and label.
CREATE VIEW not_complaints AS
SELECT d.document_id, d.received_at, d.n_words, d.status, d.file_type,
       l.document_id IS NOT NULL AS labelled
FROM documents d LEFT JOIN labels l USING (document_id)
WHERE d.kind = 'geen klacht' AND d.duplicate_of IS NULL;
