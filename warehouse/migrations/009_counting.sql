-- 009: each complaint counted once, on its own date.
--
-- Duplicates by content (nlp/dedup, warehouse/duplicates.py): a file whose normalised text was
-- seen before is not loaded; its intake row points at the complaint it repeats. A near-duplicate
-- (the same letter forwarded, OCR'd again, or sent as e-mail and as PDF) is loaded but linked to
-- the first of its group (documents.duplicate_of, similarity); the views count a group once.
--
-- Dates: documents.letter_date is the date written in the letter's heading (or the e-mail's Date),
-- read before anonymisation. complaint_date is the day a complaint counts on: the letter's date
-- when there is one, else the received day; with count_settings.date_basis = 'ontvangst' always
-- the received day. `rodedraad run` writes the configured basis (date_basis) into count_settings,
-- so views, reports, dashboard and analysts all count on the same basis.
--
-- Every view that counts complaints reads counted_documents: to add a condition on what counts
-- (e.g. only documents that are complaints), change that one view.

ALTER TABLE documents ADD COLUMN letter_date DATE;
ALTER TABLE documents ADD COLUMN text_fingerprint VARCHAR;   -- keyed HMAC of the normalised text
ALTER TABLE documents ADD COLUMN duplicate_of VARCHAR;       -- first complaint of its group
ALTER TABLE documents ADD COLUMN similarity DOUBLE;          -- to duplicate_of (0..1)

ALTER TABLE intake ADD COLUMN duplicate_of VARCHAR;          -- the complaint this file repeats
ALTER TABLE intake ADD COLUMN similarity DOUBLE;
ALTER TABLE intake ADD COLUMN duplicate_kind VARCHAR;        -- bestand | tekst | bijna

-- MinHash signatures of the anonymised text (candidates for near-duplicates) and keyed tokens of
-- the people a document names (a standard letter from another parent is not a duplicate).
CREATE TABLE document_signatures (
    document_id     VARCHAR PRIMARY KEY,
    scheme          VARCHAR NOT NULL,
    minhash         UINTEGER[] NOT NULL,
    identity        VARCHAR[] NOT NULL
);

CREATE TABLE count_settings (
    date_basis      VARCHAR NOT NULL                  -- brief | ontvangst
);
INSERT INTO count_settings VALUES ('brief');

-- One row per complaint that counts: not a linked copy, with the day it counts on. A group's
-- letter date is its first document's, else the earliest found in a linked copy.
CREATE VIEW counted_documents AS
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
    WHERE d.duplicate_of IS NULL
)
SELECT d.* EXCLUDE (group_letter_date, letter_date),
       d.group_letter_date AS letter_date,
       CASE WHEN (SELECT min(date_basis) FROM count_settings) = 'ontvangst' THEN d.received_date
            ELSE coalesce(d.group_letter_date, d.received_date) END AS complaint_date
FROM local d;

CREATE OR REPLACE VIEW complaint_facts AS
SELECT d.document_id,
       d.received_at,
       d.received_date,
       d.letter_date,
       d.complaint_date,
       date_trunc('month', d.complaint_date)::DATE AS month,
       strftime(d.complaint_date, '%Y') || '-Q' || quarter(d.complaint_date) AS quarter,
       year(d.complaint_date) AS year,
       d.status,
       coalesce(c.municipality, 'onbekend') AS municipality,
       coalesce(c.organisation, 'onbekend') AS organisation,
       coalesce(c.complainant_role, 'onbekend') AS complainant_role,
       coalesce(c.measure, 'onbekend') AS measure,
       c.classifier_version,
       coalesce(list(t.theme ORDER BY t.score DESC) FILTER (WHERE t.assigned), []) AS themes,
       any_value(t.theme) FILTER (WHERE t.is_primary) AS primary_theme,
       d.n_copies
FROM counted_documents d
JOIN complaints c USING (document_id)
LEFT JOIN complaint_themes t USING (document_id)
GROUP BY ALL;

CREATE OR REPLACE VIEW theme_cooccurrence AS
SELECT a.theme AS theme_a, b.theme AS theme_b, count(*) AS n_complaints
FROM complaint_themes a
JOIN complaint_themes b ON a.document_id = b.document_id AND a.theme < b.theme
JOIN counted_documents d ON d.document_id = a.document_id
WHERE a.assigned AND b.assigned
GROUP BY ALL;

CREATE OR REPLACE VIEW complaint_themes_assigned AS
SELECT d.document_id, d.received_at, d.status, t.theme, t.score, t.is_primary, t.model_version,
       d.complaint_date
FROM complaint_themes t JOIN counted_documents d USING (document_id)
WHERE t.assigned;

CREATE OR REPLACE VIEW topics_over_time AS
SELECT date_trunc('month', d.complaint_date)::DATE AS month,
       t.topic_id, t.label, t.theme,
       count(DISTINCT ct.document_id) AS n_complaints
FROM topics_current t
JOIN complaint_topics ct USING (topic_run_id, topic_id)
JOIN counted_documents d USING (document_id)
GROUP BY ALL;

CREATE OR REPLACE VIEW topics_new AS
SELECT t.topic_id, t.label, t.words, t.n_complaints,
       min(date_trunc('month', d.complaint_date))::DATE AS first_month
FROM topics_current t
JOIN complaint_topics ct USING (topic_run_id, topic_id)
JOIN counted_documents d USING (document_id)
WHERE t.theme = 'nieuw'
GROUP BY ALL;
