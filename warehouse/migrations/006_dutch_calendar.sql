-- 006: months, quarters and years on the Dutch calendar.
-- received_at is a TIMESTAMPTZ; date_trunc/quarter/year on it follow the reading session's
-- TimeZone, so a server in UTC put a letter received on 1 April 00:30 (Amsterdam) in March, and
-- two analysts could get different counts. Every calendar field now converts to
-- Europe/Amsterdam explicitly, and complaint_facts gains received_date (the Dutch calendar day)
-- for period filters.

CREATE OR REPLACE VIEW complaint_facts AS
WITH local AS (
    SELECT d.*, timezone('Europe/Amsterdam', d.received_at) AS received_local FROM documents d
)
SELECT d.document_id,
       d.received_at,
       d.received_local::DATE AS received_date,
       date_trunc('month', d.received_local)::DATE AS month,
       strftime(d.received_local, '%Y') || '-Q' || quarter(d.received_local) AS quarter,
       year(d.received_local) AS year,
       d.status,
       coalesce(c.municipality, 'onbekend') AS municipality,
       coalesce(c.organisation, 'onbekend') AS organisation,
       coalesce(c.complainant_role, 'onbekend') AS complainant_role,
       coalesce(c.measure, 'onbekend') AS measure,
       c.classifier_version,
       coalesce(list(t.theme ORDER BY t.score DESC) FILTER (WHERE t.assigned), []) AS themes,
       any_value(t.theme) FILTER (WHERE t.is_primary) AS primary_theme
FROM local d
JOIN complaints c USING (document_id)
LEFT JOIN complaint_themes t USING (document_id)
GROUP BY ALL;

CREATE OR REPLACE VIEW topics_over_time AS
SELECT date_trunc('month', timezone('Europe/Amsterdam', d.received_at))::DATE AS month,
       t.topic_id, t.label, t.theme,
       count(DISTINCT ct.document_id) AS n_complaints
FROM topics_current t
JOIN complaint_topics ct USING (topic_run_id, topic_id)
JOIN documents d USING (document_id)
GROUP BY ALL;

CREATE OR REPLACE VIEW topics_new AS
SELECT t.topic_id, t.label, t.words, t.n_complaints,
       min(date_trunc('month', timezone('Europe/Amsterdam', d.received_at)))::DATE AS first_month
FROM topics_current t
JOIN complaint_topics ct USING (topic_run_id, topic_id)
JOIN documents d USING (document_id)
WHERE t.theme = 'nieuw'
GROUP BY ALL;
