-- A quiz that proves reading, and the uploaded file kept.

-- Each lesson a person opened, and when they last did: the quiz opens once every lesson
-- has been read, and a retake after a fail waits until the lessons it names are opened again.
-- after_submissions counts the person's submitted attempts of the version when the lesson was
-- last opened: "opened since the fail" by order, which times kept to the second cannot tell.
CREATE TABLE lesson_reads (
    person_id         TEXT NOT NULL REFERENCES people (id),
    version_id        TEXT NOT NULL REFERENCES policy_versions (id),
    lesson            INTEGER NOT NULL, -- 0-based place in the module
    read_at           TEXT NOT NULL,
    after_submissions INTEGER NOT NULL,
    PRIMARY KEY (person_id, version_id, lesson)
);

-- Per-policy quiz settings a manager edits (pass mark, renewal and grace days stay on the
-- version, new starters' days on the assignments, where the status rule reads them).
ALTER TABLE policies ADD COLUMN questions_per_quiz INTEGER NOT NULL DEFAULT 10;
ALTER TABLE policies ADD COLUMN lessons_first INTEGER NOT NULL DEFAULT 1; -- quiz after every lesson is read

-- Uploaded documents, kept whole and named by the SHA-256 of their bytes: the same file
-- uploaded twice is kept once, and a changed byte shows as a hash that no longer matches.
CREATE TABLE sources (
    sha256     TEXT PRIMARY KEY, -- lowercase hex of the bytes
    media_type TEXT NOT NULL,
    file_name  TEXT NOT NULL,
    size       BIGINT NOT NULL,
    bytes      BYTEA NOT NULL,
    kept_at    TEXT NOT NULL
);

-- The original each version was published from (none for versions published before this),
-- and the original each attestation names (its hash covers it; older rows have none).
ALTER TABLE policy_versions ADD COLUMN source_sha256 TEXT REFERENCES sources (sha256);
ALTER TABLE attestations ADD COLUMN source_sha256 TEXT;
