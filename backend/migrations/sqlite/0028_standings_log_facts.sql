-- The standings log carries the history it records, so that cached standings apply it
-- instead of reading the people named again (backend/src/standings/catch_up.rs).
--
-- A row for one person's history (0017) now says what happened when it can: `kind` 1 is
-- an attestation (`at` the day signed, `n` its chain record), 2 a quiz attempt started or
-- submitted (`at` the day started, `passed_at` the day it passed, if it did), 3 lessons
-- read (`at` the day saved, `n` the lessons done), each of `version_id`. Applied in log
-- order they give what loading again would: an attestation or attempt only adds to what
-- the loader gathered (another record, an earlier start or pass), and lessons saved
-- replace those saved before, as the table's one row per person and version does. Any
-- change that could take something away (a row deleted or moved to another person or
-- version, a pass undone, a start moved) logs `kind` NULL as before: that person's
-- history is read again.
ALTER TABLE standing_log ADD COLUMN kind INTEGER;
ALTER TABLE standing_log ADD COLUMN version_id TEXT;
ALTER TABLE standing_log ADD COLUMN at TEXT;
ALTER TABLE standing_log ADD COLUMN passed_at TEXT;
ALTER TABLE standing_log ADD COLUMN n INTEGER;

-- Catching up first looks for rows it cannot apply (a school changed as a whole, or a
-- person to read again); they are few.
DROP INDEX standing_log_school_wide;
CREATE INDEX standing_log_read_again ON standing_log (id) WHERE kind IS NULL;

DROP TRIGGER attestations_standings_insert;
CREATE TRIGGER attestations_standings_insert AFTER INSERT ON attestations
BEGIN
    INSERT INTO standing_log (school_id, person_id, kind, version_id, at, n)
    VALUES (NEW.school_id, NEW.person_id, 1, NEW.version_id, NEW.attested_at, NEW.seq);
END;

DROP TRIGGER attempts_standings_insert;
CREATE TRIGGER attempts_standings_insert AFTER INSERT ON attempts
BEGIN
    INSERT INTO standing_log (school_id, person_id, kind, version_id, at, passed_at)
    SELECT p.school_id, NEW.person_id, 2, NEW.version_id, NEW.created_at,
           CASE WHEN NEW.passed = 1 THEN NEW.submitted_at END
    FROM policy_versions v JOIN policies p ON p.id = v.policy_id WHERE v.id = NEW.version_id;
END;

-- Submitting: the same attempt, not passed before.
DROP TRIGGER attempts_standings_update;
CREATE TRIGGER attempts_standings_update
AFTER UPDATE OF version_id, person_id, passed, submitted_at, created_at ON attempts
WHEN OLD.person_id = NEW.person_id AND OLD.version_id = NEW.version_id
     AND OLD.created_at = NEW.created_at AND OLD.passed IS NOT 1
BEGIN
    INSERT INTO standing_log (school_id, person_id, kind, version_id, at, passed_at)
    SELECT p.school_id, NEW.person_id, 2, NEW.version_id, NEW.created_at,
           CASE WHEN NEW.passed = 1 THEN NEW.submitted_at END
    FROM policy_versions v JOIN policies p ON p.id = v.policy_id WHERE v.id = NEW.version_id;
END;

CREATE TRIGGER attempts_standings_changed
AFTER UPDATE OF version_id, person_id, passed, submitted_at, created_at ON attempts
WHEN NOT (OLD.person_id = NEW.person_id AND OLD.version_id = NEW.version_id
          AND OLD.created_at = NEW.created_at AND OLD.passed IS NOT 1)
BEGIN
    INSERT INTO standing_log (school_id, person_id)
    SELECT school_id, person_id FROM (SELECT p.school_id AS school_id, OLD.person_id AS person_id FROM policy_versions v JOIN policies p ON p.id = v.policy_id WHERE v.id = OLD.version_id UNION SELECT p.school_id AS school_id, NEW.person_id AS person_id FROM policy_versions v JOIN policies p ON p.id = v.policy_id WHERE v.id = NEW.version_id) WHERE school_id IS NOT NULL;
END;

DROP TRIGGER lesson_progress_standings_insert;
CREATE TRIGGER lesson_progress_standings_insert AFTER INSERT ON lesson_progress
BEGIN
    INSERT INTO standing_log (school_id, person_id, kind, version_id, at, n)
    SELECT p.school_id, NEW.person_id, 3, NEW.version_id, NEW.updated_at, NEW.lessons_done
    FROM policy_versions v JOIN policies p ON p.id = v.policy_id WHERE v.id = NEW.version_id;
END;

-- Saving progress again: the loader keeps the last saved, which applying in order gives.
DROP TRIGGER lesson_progress_standings_update;
CREATE TRIGGER lesson_progress_standings_update AFTER UPDATE ON lesson_progress
WHEN OLD.person_id = NEW.person_id AND OLD.version_id = NEW.version_id
BEGIN
    INSERT INTO standing_log (school_id, person_id, kind, version_id, at, n)
    SELECT p.school_id, NEW.person_id, 3, NEW.version_id, NEW.updated_at, NEW.lessons_done
    FROM policy_versions v JOIN policies p ON p.id = v.policy_id WHERE v.id = NEW.version_id;
END;

CREATE TRIGGER lesson_progress_standings_moved AFTER UPDATE ON lesson_progress
WHEN NOT (OLD.person_id = NEW.person_id AND OLD.version_id = NEW.version_id)
BEGIN
    INSERT INTO standing_log (school_id, person_id)
    SELECT school_id, person_id FROM (SELECT p.school_id AS school_id, OLD.person_id AS person_id FROM policy_versions v JOIN policies p ON p.id = v.policy_id WHERE v.id = OLD.version_id UNION SELECT p.school_id AS school_id, NEW.person_id AS person_id FROM policy_versions v JOIN policies p ON p.id = v.policy_id WHERE v.id = NEW.version_id) WHERE school_id IS NOT NULL;
END;
