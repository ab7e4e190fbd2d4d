-- 011: readable topics (issue 17): representative anonymised passages per topic, and for a
-- 'nieuw' topic the date it first appeared (kept across runs when the same issue returns).

ALTER TABLE topics ADD COLUMN passages VARCHAR[] DEFAULT [];
ALTER TABLE topics ADD COLUMN first_seen DATE;

CREATE OR REPLACE VIEW topics_current AS
SELECT t.* FROM topics t
WHERE t.topic_run_id = (SELECT topic_run_id FROM topic_runs ORDER BY fitted_at DESC LIMIT 1);

CREATE OR REPLACE VIEW topics_new AS
SELECT t.topic_id, t.label, t.words, t.n_complaints,
       min(date_trunc('month', d.complaint_date))::DATE AS first_month,
       t.first_seen, t.passages
FROM topics_current t
JOIN complaint_topics ct USING (topic_run_id, topic_id)
JOIN counted_documents d USING (document_id)
WHERE t.theme = 'nieuw'
GROUP BY ALL;
