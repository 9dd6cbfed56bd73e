-- Reminders: the outbox of mail, single-use sign-in links and school holidays (PostgreSQL).

-- One row per mail to send. The sweep writes each reminder once: the unique key is
-- (person, policy version, stage, occasion), where the occasion is what makes a stage
-- happen again (the deadline it counts down to, the overdue week, the digest's week).
-- Rows are claimed with a lease (claimed_by/claimed_until) so that two servers on one
-- database never send the same row; a crashed sender's lease simply runs out.
CREATE TABLE reminders (
    id            TEXT PRIMARY KEY,
    school_id     TEXT REFERENCES schools (id), -- NULL for sign-in links and password resets
    person_id     TEXT NOT NULL REFERENCES people (id), -- who receives it
    version_id    TEXT NOT NULL, -- the policy version it is about ('' when none)
    stage         TEXT NOT NULL, -- new_starter, new_version, due_30, due_7, due_1, overdue, escalation, review_60, review_30, manual, sign_in_link, password_reset
    occasion      TEXT NOT NULL,
    due_on        TEXT, -- the deadline it is about, if any
    details       TEXT NOT NULL DEFAULT '', -- JSON: what a digest or a manual reminder lists
    status        TEXT NOT NULL DEFAULT 'pending', -- pending, sent, failed
    send_after    TEXT NOT NULL, -- not before (holidays, retry backoff)
    tries         BIGINT NOT NULL DEFAULT 0,
    last_error    TEXT,
    claimed_by    TEXT,
    claimed_until TEXT,
    created_at    TEXT NOT NULL,
    sent_at       TEXT,
    UNIQUE (person_id, version_id, stage, occasion)
);
CREATE INDEX reminders_due ON reminders (status, send_after);
CREATE INDEX reminders_school ON reminders (school_id, created_at);
CREATE INDEX reminders_created ON reminders (created_at);

-- Single-use links that sign a person in (or let them set a password); only the
-- SHA-256 of the token is stored, as with sessions.
CREATE TABLE sign_in_links (
    token_hash TEXT PRIMARY KEY,
    person_id  TEXT NOT NULL REFERENCES people (id),
    purpose    TEXT NOT NULL, -- sign_in, password_reset
    target     TEXT NOT NULL, -- the app path to open after signing in
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
);
CREATE INDEX sign_in_links_person ON sign_in_links (person_id);

-- A school's holiday periods (first and last day inclusive): no mail goes out during
-- them, and deadlines falling in them move to the first day back.
CREATE TABLE school_holidays (
    id         TEXT PRIMARY KEY,
    school_id  TEXT NOT NULL REFERENCES schools (id),
    name       TEXT NOT NULL,
    first_day  TEXT NOT NULL,
    last_day   TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX school_holidays_school ON school_holidays (school_id, first_day);
