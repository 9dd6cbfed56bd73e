-- Trust model policies: a trust uploads and reviews a policy once (a draft of the trust) and
-- publishes it to all or chosen schools. Each school's copy is a policy of its own (its own
-- versions, attestations and evidence) that remembers its model; a school's local amendments
-- are its corrections to the copy, and a new model version reaches every copy as a draft that
-- applies them again.
CREATE TABLE model_policies (
    id         TEXT PRIMARY KEY,
    trust_id   TEXT NOT NULL REFERENCES trusts (id),
    title      TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX model_policies_trust ON model_policies (trust_id);

-- A school's policy adopted from a model.
ALTER TABLE policies ADD COLUMN model_id TEXT REFERENCES model_policies (id);

-- A draft now belongs to a school or, for a model, to a trust. SQLite cannot relax NOT NULL
-- in place, so the table is rebuilt (nothing references it).
CREATE TABLE policy_drafts_new (
    id                   TEXT PRIMARY KEY,
    school_id            TEXT REFERENCES schools (id),
    trust_id             TEXT REFERENCES trusts (id),
    policy_id            TEXT REFERENCES policies (id),
    model_id             TEXT REFERENCES model_policies (id), -- a trust's draft: the model it is a version of; a school's: the model its policy follows
    model_draft_id       TEXT REFERENCES policy_drafts (id),     -- a school's draft: the published model version it was made from
    model_version        INTEGER,                                -- a trust's published draft: its version of the model, from 1
    file_name            TEXT NOT NULL,
    source_text          TEXT NOT NULL,
    source_sha256        TEXT NOT NULL,
    review               TEXT NOT NULL,
    revision             INTEGER NOT NULL,
    created_by           TEXT NOT NULL REFERENCES people (id),
    created_at           TEXT NOT NULL,
    published_version_id TEXT REFERENCES policy_versions (id),
    published_at         TEXT,
    CHECK ((school_id IS NULL) <> (trust_id IS NULL))
);
INSERT INTO policy_drafts_new (id, school_id, policy_id, file_name, source_text, source_sha256,
    review, revision, created_by, created_at, published_version_id, published_at)
SELECT id, school_id, policy_id, file_name, source_text, source_sha256,
    review, revision, created_by, created_at, published_version_id, published_at
FROM policy_drafts;
DROP TABLE policy_drafts;
ALTER TABLE policy_drafts_new RENAME TO policy_drafts;
CREATE INDEX policy_drafts_school ON policy_drafts (school_id, created_at);
CREATE INDEX policy_drafts_trust ON policy_drafts (trust_id, created_at);
CREATE INDEX policy_drafts_policy ON policy_drafts (policy_id);
CREATE INDEX policy_drafts_model ON policy_drafts (model_id);
CREATE UNIQUE INDEX policy_drafts_version ON policy_drafts (published_version_id);
