-- A school's request that someone with an account elsewhere join it. An account is shared
-- by the schools a person works at, so a school may not attach one to itself: the person
-- confirms (or declines) first. One open request per person and school; asking again
-- replaces its groups and start date.
CREATE TABLE invitations (
    id         TEXT PRIMARY KEY,
    person_id  TEXT NOT NULL REFERENCES people (id),
    school_id  TEXT NOT NULL REFERENCES schools (id),
    groups     TEXT NOT NULL, -- the groups there, separated by ';'
    start_date TEXT NOT NULL,
    invited_by TEXT NOT NULL REFERENCES people (id),
    created_at TEXT NOT NULL,
    UNIQUE (person_id, school_id)
);
CREATE INDEX invitations_person ON invitations (person_id);
