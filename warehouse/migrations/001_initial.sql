-- 001: the core tables. Raw (not anonymised) text is never stored anywhere in this schema.

CREATE TABLE runs (
    run_id              VARCHAR PRIMARY KEY,
    started_at          TIMESTAMPTZ NOT NULL,
    ended_at            TIMESTAMPTZ,
    status              VARCHAR NOT NULL,          -- bezig | voltooid | mislukt | afgebroken
    n_files             INTEGER DEFAULT 0,
    n_processed         INTEGER DEFAULT 0,
    n_duplicates        INTEGER DEFAULT 0,
    n_quarantined       INTEGER DEFAULT 0,
    n_words             BIGINT DEFAULT 0,
    pipeline            VARCHAR,                   -- spaCy pipeline that ran
    anonymiser_version  VARCHAR,
    classifier_version  VARCHAR,
    rodedraad_version   VARCHAR
);

CREATE TABLE documents (
    document_id     VARCHAR PRIMARY KEY,           -- SHA-256 of the file content
    file_ref        VARCHAR NOT NULL,              -- SHA-256 prefix of the file name (names can hold personal data)
    file_type       VARCHAR NOT NULL,              -- extension, e.g. .pdf
    size_bytes      BIGINT,
    received_at     TIMESTAMPTZ,
    loaded_at       TIMESTAMPTZ NOT NULL,
    pages           INTEGER,
    n_words         INTEGER,
    language        VARCHAR,
    status          VARCHAR NOT NULL,              -- verwerkt | controle nodig
    residual_flags  VARCHAR[],
    run_id          VARCHAR NOT NULL
);

CREATE TABLE complaints (
    document_id         VARCHAR PRIMARY KEY REFERENCES documents (document_id),
    text                VARCHAR NOT NULL,          -- anonymised
    n_entities          INTEGER,
    entity_counts       JSON,                      -- {"PERSOON": 3, ...}
    pipeline            VARCHAR NOT NULL,
    anonymiser_version  VARCHAR NOT NULL,
    classifier_version  VARCHAR NOT NULL
);

CREATE TABLE complaint_themes (
    document_id     VARCHAR NOT NULL REFERENCES complaints (document_id),
    theme           VARCHAR NOT NULL,
    score           DOUBLE NOT NULL,
    assigned        BOOLEAN NOT NULL,
    is_primary      BOOLEAN NOT NULL,
    model_version   VARCHAR NOT NULL,
    PRIMARY KEY (document_id, theme)
);

CREATE TABLE theme_evidence (
    document_id     VARCHAR NOT NULL REFERENCES complaints (document_id),
    theme           VARCHAR NOT NULL,
    sentence_index  INTEGER NOT NULL,
    sentence        VARCHAR NOT NULL,              -- anonymised
    score           DOUBLE NOT NULL,
    PRIMARY KEY (document_id, theme, sentence_index)
);

CREATE TABLE quarantine (
    file_ref        VARCHAR NOT NULL,
    content_id      VARCHAR,                       -- NULL when the file could not be read
    file_type       VARCHAR,
    reason_code     VARCHAR NOT NULL,
    reason          VARCHAR NOT NULL,              -- Dutch, content-free
    stored_as       VARCHAR NOT NULL,              -- name in the quarantine folder
    quarantined_at  TIMESTAMPTZ NOT NULL,
    run_id          VARCHAR NOT NULL
);

-- One row per file seen in the inbox: every file is accounted for exactly once.
CREATE TABLE intake (
    file_ref        VARCHAR NOT NULL,
    content_id      VARCHAR,
    outcome         VARCHAR NOT NULL,              -- verwerkt | duplicaat | quarantaine
    run_id          VARCHAR NOT NULL,
    seen_at         TIMESTAMPTZ NOT NULL
);

CREATE VIEW complaint_themes_assigned AS
SELECT d.document_id, d.received_at, d.status, t.theme, t.score, t.is_primary, t.model_version
FROM complaint_themes t JOIN documents d USING (document_id)
WHERE t.assigned;
