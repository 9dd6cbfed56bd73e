-- One change log keeps cached standings current, the same on both databases.
--
-- Until now a cache entry was stamped with its schools' revisions (0009) and, on SQLite
-- only, the standings log's last id (0011), and a process also replayed its writer's
-- in-memory journal. Now every change to what the standings loader reads
-- (backend/src/standings/load.rs) appends a row here in the same transaction, whoever
-- makes it: a change to one person's history (an attestation, a quiz attempt, lessons
-- read) logs (school, person), and the cache reads just that person's history again;
-- any other change (people, memberships, groups, policies, versions, assignments, the
-- school itself) logs (school, NULL), and the cache loads that school afresh. A cache
-- entry's stamp is the log's last id, read before loading. SQLite has one writer, so
-- the ids follow commit order.
--
-- The old log is dropped rather than altered: its person column becomes nullable, and
-- no server holds stamps across the restart that runs this migration.

DROP TRIGGER schools_standings_insert;
DROP TRIGGER schools_standings_update;
DROP TRIGGER schools_standings_delete;
DROP TRIGGER people_standings_insert;
DROP TRIGGER people_standings_update;
DROP TRIGGER people_standings_delete;
DROP TRIGGER memberships_standings_insert;
DROP TRIGGER memberships_standings_update;
DROP TRIGGER memberships_standings_delete;
DROP TRIGGER person_groups_standings_insert;
DROP TRIGGER person_groups_standings_update;
DROP TRIGGER person_groups_standings_delete;
DROP TRIGGER policies_standings_insert;
DROP TRIGGER policies_standings_update;
DROP TRIGGER policies_standings_delete;
DROP TRIGGER policy_versions_standings_insert;
DROP TRIGGER policy_versions_standings_update;
DROP TRIGGER policy_versions_standings_delete;
DROP TRIGGER assignments_standings_insert;
DROP TRIGGER assignments_standings_update;
DROP TRIGGER assignments_standings_delete;
DROP TRIGGER attestations_standings_insert;
DROP TRIGGER attestations_standings_update;
DROP TRIGGER attestations_standings_delete;
DROP TRIGGER attempts_standings_insert;
DROP TRIGGER attempts_standings_update;
DROP TRIGGER attempts_standings_delete;
DROP TRIGGER lesson_progress_standings_insert;
DROP TRIGGER lesson_progress_standings_update;
DROP TRIGGER lesson_progress_standings_delete;
DROP TRIGGER attempts_standings_moved;
DROP TRIGGER lesson_progress_standings_moved;
DROP TABLE standing_revisions;
DROP TABLE standing_log;

CREATE TABLE standing_log (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    school_id TEXT NOT NULL,
    -- NULL: a change to the school as a whole.
    person_id TEXT
);

-- Catching up looks for school-wide rows first; they are few.
CREATE INDEX standing_log_school_wide ON standing_log (id) WHERE person_id IS NULL;

-- Changes to a school as a whole. People: only the columns the loader reads (sign-in
-- and password changes do not count).
CREATE TRIGGER schools_standings_insert AFTER INSERT ON schools
BEGIN
    INSERT INTO standing_log (school_id, person_id)
    SELECT school_id, NULL FROM (SELECT NEW.id AS school_id) WHERE school_id IS NOT NULL;
END;

CREATE TRIGGER schools_standings_update AFTER UPDATE ON schools
BEGIN
    INSERT INTO standing_log (school_id, person_id)
    SELECT school_id, NULL FROM (SELECT OLD.id AS school_id UNION SELECT NEW.id AS school_id) WHERE school_id IS NOT NULL;
END;

CREATE TRIGGER schools_standings_delete AFTER DELETE ON schools
BEGIN
    INSERT INTO standing_log (school_id, person_id)
    SELECT school_id, NULL FROM (SELECT OLD.id AS school_id) WHERE school_id IS NOT NULL;
END;

CREATE TRIGGER people_standings_insert AFTER INSERT ON people
BEGIN
    INSERT INTO standing_log (school_id, person_id)
    SELECT school_id, NULL FROM (SELECT school_id FROM memberships WHERE person_id = NEW.id) WHERE school_id IS NOT NULL;
END;

CREATE TRIGGER people_standings_update AFTER UPDATE OF name, email, active, created_at ON people
BEGIN
    INSERT INTO standing_log (school_id, person_id)
    SELECT school_id, NULL FROM (SELECT school_id FROM memberships WHERE person_id = OLD.id UNION SELECT school_id FROM memberships WHERE person_id = NEW.id) WHERE school_id IS NOT NULL;
END;

CREATE TRIGGER people_standings_delete AFTER DELETE ON people
BEGIN
    INSERT INTO standing_log (school_id, person_id)
    SELECT school_id, NULL FROM (SELECT school_id FROM memberships WHERE person_id = OLD.id) WHERE school_id IS NOT NULL;
END;

CREATE TRIGGER memberships_standings_insert AFTER INSERT ON memberships
BEGIN
    INSERT INTO standing_log (school_id, person_id)
    SELECT school_id, NULL FROM (SELECT NEW.school_id AS school_id) WHERE school_id IS NOT NULL;
END;

CREATE TRIGGER memberships_standings_update AFTER UPDATE ON memberships
BEGIN
    INSERT INTO standing_log (school_id, person_id)
    SELECT school_id, NULL FROM (SELECT OLD.school_id AS school_id UNION SELECT NEW.school_id AS school_id) WHERE school_id IS NOT NULL;
END;

CREATE TRIGGER memberships_standings_delete AFTER DELETE ON memberships
BEGIN
    INSERT INTO standing_log (school_id, person_id)
    SELECT school_id, NULL FROM (SELECT OLD.school_id AS school_id) WHERE school_id IS NOT NULL;
END;

CREATE TRIGGER person_groups_standings_insert AFTER INSERT ON person_groups
BEGIN
    INSERT INTO standing_log (school_id, person_id)
    SELECT school_id, NULL FROM (SELECT NEW.school_id AS school_id) WHERE school_id IS NOT NULL;
END;

CREATE TRIGGER person_groups_standings_update AFTER UPDATE ON person_groups
BEGIN
    INSERT INTO standing_log (school_id, person_id)
    SELECT school_id, NULL FROM (SELECT OLD.school_id AS school_id UNION SELECT NEW.school_id AS school_id) WHERE school_id IS NOT NULL;
END;

CREATE TRIGGER person_groups_standings_delete AFTER DELETE ON person_groups
BEGIN
    INSERT INTO standing_log (school_id, person_id)
    SELECT school_id, NULL FROM (SELECT OLD.school_id AS school_id) WHERE school_id IS NOT NULL;
END;

CREATE TRIGGER policies_standings_insert AFTER INSERT ON policies
BEGIN
    INSERT INTO standing_log (school_id, person_id)
    SELECT school_id, NULL FROM (SELECT NEW.school_id AS school_id) WHERE school_id IS NOT NULL;
END;

CREATE TRIGGER policies_standings_update AFTER UPDATE ON policies
BEGIN
    INSERT INTO standing_log (school_id, person_id)
    SELECT school_id, NULL FROM (SELECT OLD.school_id AS school_id UNION SELECT NEW.school_id AS school_id) WHERE school_id IS NOT NULL;
END;

CREATE TRIGGER policies_standings_delete AFTER DELETE ON policies
BEGIN
    INSERT INTO standing_log (school_id, person_id)
    SELECT school_id, NULL FROM (SELECT OLD.school_id AS school_id) WHERE school_id IS NOT NULL;
END;

CREATE TRIGGER policy_versions_standings_insert AFTER INSERT ON policy_versions
BEGIN
    INSERT INTO standing_log (school_id, person_id)
    SELECT school_id, NULL FROM (SELECT school_id FROM policies WHERE id = NEW.policy_id) WHERE school_id IS NOT NULL;
END;

CREATE TRIGGER policy_versions_standings_update AFTER UPDATE ON policy_versions
BEGIN
    INSERT INTO standing_log (school_id, person_id)
    SELECT school_id, NULL FROM (SELECT school_id FROM policies WHERE id = OLD.policy_id UNION SELECT school_id FROM policies WHERE id = NEW.policy_id) WHERE school_id IS NOT NULL;
END;

CREATE TRIGGER policy_versions_standings_delete AFTER DELETE ON policy_versions
BEGIN
    INSERT INTO standing_log (school_id, person_id)
    SELECT school_id, NULL FROM (SELECT school_id FROM policies WHERE id = OLD.policy_id) WHERE school_id IS NOT NULL;
END;

CREATE TRIGGER assignments_standings_insert AFTER INSERT ON assignments
BEGIN
    INSERT INTO standing_log (school_id, person_id)
    SELECT school_id, NULL FROM (SELECT school_id FROM policies WHERE id = NEW.policy_id) WHERE school_id IS NOT NULL;
END;

CREATE TRIGGER assignments_standings_update AFTER UPDATE ON assignments
BEGIN
    INSERT INTO standing_log (school_id, person_id)
    SELECT school_id, NULL FROM (SELECT school_id FROM policies WHERE id = OLD.policy_id UNION SELECT school_id FROM policies WHERE id = NEW.policy_id) WHERE school_id IS NOT NULL;
END;

CREATE TRIGGER assignments_standings_delete AFTER DELETE ON assignments
BEGIN
    INSERT INTO standing_log (school_id, person_id)
    SELECT school_id, NULL FROM (SELECT school_id FROM policies WHERE id = OLD.policy_id) WHERE school_id IS NOT NULL;
END;

-- Changes to one person's history, whatever the operation: the cache reads that
-- person's history again (both people's, were a row ever moved to another). Attestations
-- keep their append-only triggers, which refuse UPDATE and DELETE before these would run.
CREATE TRIGGER attestations_standings_insert AFTER INSERT ON attestations
BEGIN
    INSERT INTO standing_log (school_id, person_id)
    SELECT school_id, person_id FROM (SELECT NEW.school_id AS school_id, NEW.person_id AS person_id) WHERE school_id IS NOT NULL;
END;

CREATE TRIGGER attestations_standings_update AFTER UPDATE ON attestations
BEGIN
    INSERT INTO standing_log (school_id, person_id)
    SELECT school_id, person_id FROM (SELECT OLD.school_id AS school_id, OLD.person_id AS person_id UNION SELECT NEW.school_id AS school_id, NEW.person_id AS person_id) WHERE school_id IS NOT NULL;
END;

CREATE TRIGGER attestations_standings_delete AFTER DELETE ON attestations
BEGIN
    INSERT INTO standing_log (school_id, person_id)
    SELECT school_id, person_id FROM (SELECT OLD.school_id AS school_id, OLD.person_id AS person_id) WHERE school_id IS NOT NULL;
END;

CREATE TRIGGER attempts_standings_insert AFTER INSERT ON attempts
BEGIN
    INSERT INTO standing_log (school_id, person_id)
    SELECT school_id, person_id FROM (SELECT p.school_id AS school_id, NEW.person_id AS person_id FROM policy_versions v JOIN policies p ON p.id = v.policy_id WHERE v.id = NEW.version_id) WHERE school_id IS NOT NULL;
END;

CREATE TRIGGER attempts_standings_update AFTER UPDATE OF version_id, person_id, passed, submitted_at, created_at ON attempts
BEGIN
    INSERT INTO standing_log (school_id, person_id)
    SELECT school_id, person_id FROM (SELECT p.school_id AS school_id, OLD.person_id AS person_id FROM policy_versions v JOIN policies p ON p.id = v.policy_id WHERE v.id = OLD.version_id UNION SELECT p.school_id AS school_id, NEW.person_id AS person_id FROM policy_versions v JOIN policies p ON p.id = v.policy_id WHERE v.id = NEW.version_id) WHERE school_id IS NOT NULL;
END;

CREATE TRIGGER attempts_standings_delete AFTER DELETE ON attempts
BEGIN
    INSERT INTO standing_log (school_id, person_id)
    SELECT school_id, person_id FROM (SELECT p.school_id AS school_id, OLD.person_id AS person_id FROM policy_versions v JOIN policies p ON p.id = v.policy_id WHERE v.id = OLD.version_id) WHERE school_id IS NOT NULL;
END;

CREATE TRIGGER lesson_progress_standings_insert AFTER INSERT ON lesson_progress
BEGIN
    INSERT INTO standing_log (school_id, person_id)
    SELECT school_id, person_id FROM (SELECT p.school_id AS school_id, NEW.person_id AS person_id FROM policy_versions v JOIN policies p ON p.id = v.policy_id WHERE v.id = NEW.version_id) WHERE school_id IS NOT NULL;
END;

CREATE TRIGGER lesson_progress_standings_update AFTER UPDATE ON lesson_progress
BEGIN
    INSERT INTO standing_log (school_id, person_id)
    SELECT school_id, person_id FROM (SELECT p.school_id AS school_id, OLD.person_id AS person_id FROM policy_versions v JOIN policies p ON p.id = v.policy_id WHERE v.id = OLD.version_id UNION SELECT p.school_id AS school_id, NEW.person_id AS person_id FROM policy_versions v JOIN policies p ON p.id = v.policy_id WHERE v.id = NEW.version_id) WHERE school_id IS NOT NULL;
END;

CREATE TRIGGER lesson_progress_standings_delete AFTER DELETE ON lesson_progress
BEGIN
    INSERT INTO standing_log (school_id, person_id)
    SELECT school_id, person_id FROM (SELECT p.school_id AS school_id, OLD.person_id AS person_id FROM policy_versions v JOIN policies p ON p.id = v.policy_id WHERE v.id = OLD.version_id) WHERE school_id IS NOT NULL;
END;
