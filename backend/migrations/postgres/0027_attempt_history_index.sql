-- The standings loader reads every person's attempts (version, day started, and the day
-- submitted if passed) in person order, as plain rows on both databases. With those
-- columns in the index it never visits the rows, and it reads no attempt twice (SQLite
-- listed them from the old index, then read again the rows of those it wanted).
CREATE INDEX attempts_person_history ON attempts (person_id, version_id, created_at, passed, submitted_at);
-- Its first two columns are the old (person_id, version_id) index's, so that one goes:
-- still one index to write on every attempt.
DROP INDEX attempts_person_version;
