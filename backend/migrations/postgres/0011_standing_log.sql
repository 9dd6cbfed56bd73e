-- The standings log (see the SQLite migration). PostgreSQL writes nothing here: its
-- revisions are bumped once per transaction on one of many slots, and concurrent
-- transactions take sequence numbers out of commit order, so every change there still
-- bumps its school's revision and is read again in full. The table keeps the two
-- databases' schemas alike.
CREATE TABLE standing_log (
    id        BIGSERIAL PRIMARY KEY,
    school_id TEXT NOT NULL,
    person_id TEXT NOT NULL
);
