-- Review before publish: an uploaded policy is kept as a draft that a manager works through
-- (clauses corrected, questions approved, edited, retired or written) before staff see it.
-- The draft's review (a JSON value the domain crate reads: the clauses as read and as
-- corrected, and the question decisions) stays after publishing: the version's question bank
-- applies its decisions, and the next version's draft carries reviews forward from it.
CREATE TABLE policy_drafts (
    id                   TEXT PRIMARY KEY,
    school_id            TEXT NOT NULL REFERENCES schools (id),
    policy_id            TEXT REFERENCES policies (id), -- the policy a new version replaces; set on publish for a new policy
    file_name            TEXT NOT NULL,
    source_text          TEXT NOT NULL,                 -- the text read from the upload
    source_sha256        TEXT NOT NULL,                 -- hex SHA-256 of the uploaded bytes
    review               TEXT NOT NULL,                 -- the Draft as JSON
    revision             INTEGER NOT NULL,              -- bumped on each save: two managers never overwrite each other
    created_by           TEXT NOT NULL REFERENCES people (id),
    created_at           TEXT NOT NULL,
    published_version_id TEXT REFERENCES policy_versions (id),
    published_at         TEXT
);
CREATE INDEX policy_drafts_school ON policy_drafts (school_id, created_at);
CREATE INDEX policy_drafts_policy ON policy_drafts (policy_id);
CREATE UNIQUE INDEX policy_drafts_version ON policy_drafts (published_version_id);
