-- 005: coarse metadata per complaint (read before anonymisation) and the analysts' views.
-- Counts here are not suppressed: small-cell suppression ("overig") happens in reports and the
-- dashboard. Complaints of any status are counted.

ALTER TABLE complaints ADD COLUMN municipality VARCHAR DEFAULT 'onbekend';
ALTER TABLE complaints ADD COLUMN organisation VARCHAR DEFAULT 'onbekend';
ALTER TABLE complaints ADD COLUMN complainant_role VARCHAR DEFAULT 'onbekend';
ALTER TABLE complaints ADD COLUMN measure VARCHAR DEFAULT 'onbekend';

-- One row per complaint.
CREATE VIEW complaint_facts AS
SELECT d.document_id,
       d.received_at,
       date_trunc('month', d.received_at)::DATE AS month,
       strftime(d.received_at, '%Y') || '-Q' || quarter(d.received_at) AS quarter,
       year(d.received_at) AS year,
       d.status,
       coalesce(c.municipality, 'onbekend') AS municipality,
       coalesce(c.organisation, 'onbekend') AS organisation,
       coalesce(c.complainant_role, 'onbekend') AS complainant_role,
       coalesce(c.measure, 'onbekend') AS measure,
       c.classifier_version,
       coalesce(list(t.theme ORDER BY t.score DESC) FILTER (WHERE t.assigned), []) AS themes,
       any_value(t.theme) FILTER (WHERE t.is_primary) AS primary_theme
FROM documents d
JOIN complaints c USING (document_id)
LEFT JOIN complaint_themes t USING (document_id)
GROUP BY ALL;

-- One row per complaint and assigned theme.
CREATE VIEW complaint_theme_facts AS
SELECT f.* EXCLUDE (themes), t.theme, t.score, t.is_primary
FROM complaint_facts f
JOIN complaint_themes t USING (document_id)
WHERE t.assigned;

CREATE VIEW theme_by_month AS
WITH totals AS (SELECT month, count(*) AS n_month FROM complaint_facts GROUP BY month),
counts AS (SELECT month, theme, count(*) AS n_complaints FROM complaint_theme_facts GROUP BY ALL)
SELECT c.month, c.theme, c.n_complaints, t.n_month,
       c.n_complaints / t.n_month AS share,
       lag(c.n_complaints) OVER (PARTITION BY c.theme ORDER BY c.month) AS n_previous,
       c.n_complaints - lag(c.n_complaints) OVER (PARTITION BY c.theme ORDER BY c.month) AS change
FROM counts c JOIN totals t USING (month);

CREATE VIEW theme_by_quarter AS
WITH totals AS (SELECT quarter, count(*) AS n_quarter FROM complaint_facts GROUP BY quarter),
counts AS (SELECT quarter, theme, count(*) AS n_complaints FROM complaint_theme_facts GROUP BY ALL)
SELECT c.quarter, c.theme, c.n_complaints, t.n_quarter,
       c.n_complaints / t.n_quarter AS share,
       lag(c.n_complaints) OVER (PARTITION BY c.theme ORDER BY c.quarter) AS n_previous,
       c.n_complaints - lag(c.n_complaints) OVER (PARTITION BY c.theme ORDER BY c.quarter) AS change
FROM counts c JOIN totals t USING (quarter);

CREATE VIEW theme_by_municipality AS
SELECT quarter, municipality, theme, count(*) AS n_complaints
FROM complaint_theme_facts GROUP BY ALL;

CREATE VIEW theme_by_organisation AS
SELECT quarter, organisation, theme, count(*) AS n_complaints
FROM complaint_theme_facts GROUP BY ALL;

CREATE VIEW theme_by_role AS
SELECT quarter, complainant_role, theme, count(*) AS n_complaints
FROM complaint_theme_facts GROUP BY ALL;

CREATE VIEW theme_cooccurrence AS
SELECT a.theme AS theme_a, b.theme AS theme_b, count(*) AS n_complaints
FROM complaint_themes a
JOIN complaint_themes b ON a.document_id = b.document_id AND a.theme < b.theme
WHERE a.assigned AND b.assigned
GROUP BY ALL;
