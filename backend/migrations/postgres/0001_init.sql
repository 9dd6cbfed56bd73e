-- Attest's first schema (PostgreSQL). Times are UTC RFC 3339 text ("2026-11-22T08:30:00Z"),
-- dates are "YYYY-MM-DD" text: both sort correctly as text and read the same on PostgreSQL.
-- Flags are BIGINT (0/1) so one set of queries serves both databases.

CREATE TABLE trusts (
    id   TEXT PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE schools (
    id       TEXT PRIMARY KEY,
    trust_id TEXT REFERENCES trusts (id),
    name     TEXT NOT NULL,
    slug     TEXT NOT NULL UNIQUE
);

-- A person is never deleted: a leaver has active = 0.
CREATE TABLE people (
    id              TEXT PRIMARY KEY,
    email           TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    password_hash   TEXT,
    active          BIGINT NOT NULL DEFAULT 1,
    locked_until    TEXT,
    created_at      TEXT NOT NULL
);

-- A person's role and start date at each school they belong to.
CREATE TABLE memberships (
    person_id  TEXT NOT NULL REFERENCES people (id),
    school_id  TEXT NOT NULL REFERENCES schools (id),
    role       TEXT NOT NULL,
    start_date TEXT NOT NULL,
    PRIMARY KEY (person_id, school_id)
);
CREATE INDEX memberships_school ON memberships (school_id);

CREATE TABLE person_groups (
    person_id  TEXT NOT NULL REFERENCES people (id),
    school_id  TEXT NOT NULL REFERENCES schools (id),
    group_name TEXT NOT NULL,
    PRIMARY KEY (person_id, school_id, group_name)
);
CREATE INDEX person_groups_school_group ON person_groups (school_id, group_name);

-- Trust-wide roles (a trust's central team sees all its schools, including new ones).
CREATE TABLE trust_roles (
    person_id TEXT NOT NULL REFERENCES people (id),
    trust_id  TEXT NOT NULL REFERENCES trusts (id),
    role      TEXT NOT NULL,
    PRIMARY KEY (person_id, trust_id)
);

CREATE TABLE policies (
    id         TEXT PRIMARY KEY,
    school_id  TEXT NOT NULL REFERENCES schools (id),
    title      TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX policies_school ON policies (school_id);

-- One published text of a policy; seq counts versions within the policy from 1.
CREATE TABLE policy_versions (
    id                     TEXT PRIMARY KEY,
    policy_id              TEXT NOT NULL REFERENCES policies (id),
    seq                    BIGINT NOT NULL,
    label                  TEXT NOT NULL,
    source_name            TEXT NOT NULL,
    source_text            TEXT NOT NULL,
    text_sha256            TEXT NOT NULL,
    clause_set             TEXT NOT NULL, -- the parsed ClauseSet as JSON
    lesson_count           BIGINT NOT NULL, -- lessons in the generated module
    review_period_months   BIGINT NOT NULL,
    pass_mark              BIGINT NOT NULL, -- percent
    next_review            TEXT,
    requires_reattestation BIGINT NOT NULL,
    grace_days             BIGINT NOT NULL,
    published_at           TEXT NOT NULL,
    UNIQUE (policy_id, seq)
);

-- Which groups at a school must complete a policy, and new starters' allowance.
CREATE TABLE assignments (
    policy_id        TEXT NOT NULL REFERENCES policies (id),
    group_name       TEXT NOT NULL,
    new_starter_days BIGINT NOT NULL DEFAULT 14,
    created_at       TEXT NOT NULL,
    PRIMARY KEY (policy_id, group_name)
);

-- Server-side sessions; only the SHA-256 of the cookie's token is stored.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    person_id  TEXT NOT NULL REFERENCES people (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_person ON sessions (person_id);

-- Where a person is in a module, so it resumes on any device.
CREATE TABLE lesson_progress (
    person_id      TEXT NOT NULL REFERENCES people (id),
    version_id     TEXT NOT NULL REFERENCES policy_versions (id),
    current_lesson BIGINT NOT NULL,
    lessons_done   BIGINT NOT NULL,
    updated_at     TEXT NOT NULL,
    PRIMARY KEY (person_id, version_id)
);

-- A drawn quiz; questions (with answers) stay on the server until submitted.
CREATE TABLE attempts (
    id           TEXT PRIMARY KEY,
    person_id    TEXT NOT NULL REFERENCES people (id),
    version_id   TEXT NOT NULL REFERENCES policy_versions (id),
    seed         BIGINT NOT NULL,
    questions    TEXT NOT NULL,
    answers      TEXT,
    score        BIGINT,
    total        BIGINT NOT NULL,
    passed       BIGINT,
    created_at   TEXT NOT NULL,
    submitted_at TEXT
);
CREATE INDEX attempts_person_version ON attempts (person_id, version_id);

-- Append-only evidence: each school's rows form a hash chain ordered by seq.
CREATE TABLE attestations (
    id          TEXT PRIMARY KEY,
    school_id   TEXT NOT NULL REFERENCES schools (id),
    seq         BIGINT NOT NULL,
    person_id   TEXT NOT NULL REFERENCES people (id),
    version_id  TEXT NOT NULL REFERENCES policy_versions (id),
    text_sha256 TEXT NOT NULL,
    attempt_id  TEXT NOT NULL UNIQUE REFERENCES attempts (id),
    score       BIGINT NOT NULL,
    total       BIGINT NOT NULL,
    attested_at TEXT NOT NULL,
    ip          TEXT NOT NULL,
    user_agent  TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL,
    code        TEXT NOT NULL UNIQUE,
    UNIQUE (school_id, seq)
);
CREATE INDEX attestations_person_version ON attestations (person_id, version_id);
