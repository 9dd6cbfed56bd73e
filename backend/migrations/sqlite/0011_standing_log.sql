-- The standings log: whose history changed, in order, so that cached standings can
-- catch up by reading just those people's attestations, attempts and lessons again
-- instead of whole schools (backend/src/standings/catch_up.rs).
--
-- The writes of the September rush (starting and submitting a quiz, attesting, saving
-- lesson progress) append (school, person) here instead of bumping their school's
-- revision, so standing_revisions now counts every other change. Cached standings
-- stamped with the revisions and the log's last id are still current while both are
-- unchanged; when only the log grew they need just the people logged since. The log is
-- append-only and AUTOINCREMENT never reuses an id, so ids grow in commit order (SQLite
-- has one writer) and a catch-up can tell from the count of rows whether any it needs
-- were pruned. One row (a page append) per write costs no more than the bump it replaces.
CREATE TABLE standing_log (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    school_id TEXT NOT NULL,
    person_id TEXT NOT NULL
);

DROP TRIGGER attestations_standings_insert;
CREATE TRIGGER attestations_standings_insert AFTER INSERT ON attestations
BEGIN
    INSERT INTO standing_log (school_id, person_id) VALUES (NEW.school_id, NEW.person_id);
END;

DROP TRIGGER attempts_standings_insert;
CREATE TRIGGER attempts_standings_insert AFTER INSERT ON attempts
BEGIN
    INSERT INTO standing_log (school_id, person_id)
    SELECT p.school_id, NEW.person_id FROM policy_versions v JOIN policies p ON p.id = v.policy_id
    WHERE v.id = NEW.version_id;
END;

DROP TRIGGER attempts_standings_update;
CREATE TRIGGER attempts_standings_update AFTER UPDATE OF version_id, person_id, passed, submitted_at, created_at ON attempts
WHEN OLD.version_id = NEW.version_id AND OLD.person_id = NEW.person_id
BEGIN
    INSERT INTO standing_log (school_id, person_id)
    SELECT p.school_id, NEW.person_id FROM policy_versions v JOIN policies p ON p.id = v.policy_id
    WHERE v.id = NEW.version_id;
END;

DROP TRIGGER lesson_progress_standings_insert;
CREATE TRIGGER lesson_progress_standings_insert AFTER INSERT ON lesson_progress
BEGIN
    INSERT INTO standing_log (school_id, person_id)
    SELECT p.school_id, NEW.person_id FROM policy_versions v JOIN policies p ON p.id = v.policy_id
    WHERE v.id = NEW.version_id;
END;

DROP TRIGGER lesson_progress_standings_update;
CREATE TRIGGER lesson_progress_standings_update AFTER UPDATE ON lesson_progress
WHEN OLD.version_id = NEW.version_id AND OLD.person_id = NEW.person_id
BEGIN
    INSERT INTO standing_log (school_id, person_id)
    SELECT p.school_id, NEW.person_id FROM policy_versions v JOIN policies p ON p.id = v.policy_id
    WHERE v.id = NEW.version_id;
END;

-- An update moving a row to another person or version (which nothing does) bumps both
-- schools, unlogged, as before.
CREATE TRIGGER attempts_standings_moved AFTER UPDATE OF version_id, person_id, passed, submitted_at, created_at ON attempts
WHEN OLD.version_id <> NEW.version_id OR OLD.person_id <> NEW.person_id
BEGIN
    INSERT INTO standing_revisions (school_id, slot, revision)
    SELECT school_id, 0, 1 FROM (SELECT p.school_id FROM policy_versions v JOIN policies p ON p.id = v.policy_id WHERE v.id = OLD.version_id UNION SELECT p.school_id FROM policy_versions v JOIN policies p ON p.id = v.policy_id WHERE v.id = NEW.version_id) WHERE school_id IS NOT NULL
    ON CONFLICT (school_id, slot) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER lesson_progress_standings_moved AFTER UPDATE ON lesson_progress
WHEN OLD.version_id <> NEW.version_id OR OLD.person_id <> NEW.person_id
BEGIN
    INSERT INTO standing_revisions (school_id, slot, revision)
    SELECT school_id, 0, 1 FROM (SELECT p.school_id FROM policy_versions v JOIN policies p ON p.id = v.policy_id WHERE v.id = OLD.version_id UNION SELECT p.school_id FROM policy_versions v JOIN policies p ON p.id = v.policy_id WHERE v.id = NEW.version_id) WHERE school_id IS NOT NULL
    ON CONFLICT (school_id, slot) DO UPDATE SET revision = revision + 1;
END;
