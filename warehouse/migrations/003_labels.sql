-- 003: staff labels and the registry of trained theme models.

CREATE TABLE labels (
    document_id     VARCHAR PRIMARY KEY REFERENCES complaints (document_id),
    themes          VARCHAR[] NOT NULL,            -- theme keys, primary first; [] = no theme
    labelled_at     TIMESTAMPTZ NOT NULL,
    source          VARCHAR                        -- SHA-256 prefix of the imported file's name
);

CREATE TABLE theme_models (
    version             VARCHAR PRIMARY KEY,
    created_at          TIMESTAMPTZ NOT NULL,
    n_labels            INTEGER NOT NULL,
    encoder             VARCHAR,                   -- sentence embeddings the model was fitted on
    cv_macro_f1         DOUBLE NOT NULL,           -- cross-validated on the labels
    cv_top1             DOUBLE NOT NULL,
    baseline_version    VARCHAR NOT NULL,          -- the codebook model on the same labels
    baseline_macro_f1   DOUBLE NOT NULL,
    activated           BOOLEAN NOT NULL,          -- taken into use when it was trained
    metrics             JSON NOT NULL              -- per theme precision, recall, F1
);
