-- 004: topics found by BERTopic over anonymised complaint sentences (rodedraad topics).
-- Every fit is kept; the views show the newest.

CREATE TABLE topic_runs (
    topic_run_id            VARCHAR PRIMARY KEY,
    fitted_at               TIMESTAMPTZ NOT NULL,
    n_complaints            INTEGER NOT NULL,
    n_sentences             INTEGER NOT NULL,
    k                       INTEGER NOT NULL,      -- k-means clusters for what fits no theme
    seed                    INTEGER NOT NULL,
    encoder                 VARCHAR NOT NULL,
    zeroshot_min_similarity DOUBLE NOT NULL,
    bertopic_version        VARCHAR NOT NULL
);

CREATE TABLE topics (
    topic_run_id    VARCHAR NOT NULL REFERENCES topic_runs (topic_run_id),
    topic_id        INTEGER NOT NULL,
    label           VARCHAR NOT NULL,              -- Dutch, for people
    words           VARCHAR[] NOT NULL,            -- c-TF-IDF top words
    size            INTEGER NOT NULL,              -- sentences
    n_complaints    INTEGER NOT NULL,
    theme           VARCHAR NOT NULL,              -- theme key, 'nieuw' (emerging) or 'algemeen' (in most letters)
    seeded          BOOLEAN NOT NULL,              -- zero-shot topic seeded by a theme description
    PRIMARY KEY (topic_run_id, topic_id)
);

CREATE TABLE complaint_topics (
    topic_run_id    VARCHAR NOT NULL,
    document_id     VARCHAR NOT NULL REFERENCES complaints (document_id),
    topic_id        INTEGER NOT NULL,
    n_sentences     INTEGER NOT NULL,
    PRIMARY KEY (topic_run_id, document_id, topic_id)
);

CREATE VIEW topics_current AS
SELECT t.* FROM topics t
WHERE t.topic_run_id = (SELECT topic_run_id FROM topic_runs ORDER BY fitted_at DESC LIMIT 1);

CREATE VIEW topics_over_time AS
SELECT date_trunc('month', d.received_at)::DATE AS month,
       t.topic_id, t.label, t.theme,
       count(DISTINCT ct.document_id) AS n_complaints
FROM topics_current t
JOIN complaint_topics ct USING (topic_run_id, topic_id)
JOIN documents d USING (document_id)
GROUP BY ALL;

CREATE VIEW topics_new AS
SELECT t.topic_id, t.label, t.words, t.n_complaints,
       min(date_trunc('month', d.received_at))::DATE AS first_month
FROM topics_current t
JOIN complaint_topics ct USING (topic_run_id, topic_id)
JOIN documents d USING (document_id)
WHERE t.theme = 'nieuw'
GROUP BY ALL;
