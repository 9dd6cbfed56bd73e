-- Standings revisions: a counter per school that every change to what the standings
-- loader reads (backend/src/standings/load.rs) bumps in the same transaction, so a
-- server can tell with one small query whether its cached standings of a school are
-- still current — even when another server wrote the change. A row per (school, slot):
-- SQLite has one writer, so always slot 0; PostgreSQL spreads concurrent transactions
-- over slots so they do not queue on one hot row. A school's revision is the sum of its
-- slots; counters only grow, so an unchanged sum means nothing changed.
CREATE TABLE standing_revisions (
    school_id TEXT NOT NULL,
    slot      BIGINT NOT NULL DEFAULT 0,
    revision  BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (school_id, slot)
);

-- One trigger per table and operation, each bumping the schools whose standings the
-- row touches. People and attempts: only the columns the loader reads (sign-in and
-- password changes do not count). Attestations keep their append-only triggers,
-- which refuse UPDATE and DELETE before these would run.
CREATE TRIGGER schools_standings_insert AFTER INSERT ON schools
BEGIN
    INSERT INTO standing_revisions (school_id, slot, revision)
    SELECT school_id, 0, 1 FROM (SELECT NEW.id AS school_id) WHERE school_id IS NOT NULL
    ON CONFLICT (school_id, slot) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER schools_standings_update AFTER UPDATE ON schools
BEGIN
    INSERT INTO standing_revisions (school_id, slot, revision)
    SELECT school_id, 0, 1 FROM (SELECT OLD.id AS school_id UNION SELECT NEW.id AS school_id) WHERE school_id IS NOT NULL
    ON CONFLICT (school_id, slot) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER schools_standings_delete AFTER DELETE ON schools
BEGIN
    INSERT INTO standing_revisions (school_id, slot, revision)
    SELECT school_id, 0, 1 FROM (SELECT OLD.id AS school_id) WHERE school_id IS NOT NULL
    ON CONFLICT (school_id, slot) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER people_standings_insert AFTER INSERT ON people
BEGIN
    INSERT INTO standing_revisions (school_id, slot, revision)
    SELECT school_id, 0, 1 FROM (SELECT school_id FROM memberships WHERE person_id = NEW.id) WHERE school_id IS NOT NULL
    ON CONFLICT (school_id, slot) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER people_standings_update AFTER UPDATE OF name, email, active, created_at ON people
BEGIN
    INSERT INTO standing_revisions (school_id, slot, revision)
    SELECT school_id, 0, 1 FROM (SELECT school_id FROM memberships WHERE person_id = OLD.id UNION SELECT school_id FROM memberships WHERE person_id = NEW.id) WHERE school_id IS NOT NULL
    ON CONFLICT (school_id, slot) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER people_standings_delete AFTER DELETE ON people
BEGIN
    INSERT INTO standing_revisions (school_id, slot, revision)
    SELECT school_id, 0, 1 FROM (SELECT school_id FROM memberships WHERE person_id = OLD.id) WHERE school_id IS NOT NULL
    ON CONFLICT (school_id, slot) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER memberships_standings_insert AFTER INSERT ON memberships
BEGIN
    INSERT INTO standing_revisions (school_id, slot, revision)
    SELECT school_id, 0, 1 FROM (SELECT NEW.school_id AS school_id) WHERE school_id IS NOT NULL
    ON CONFLICT (school_id, slot) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER memberships_standings_update AFTER UPDATE ON memberships
BEGIN
    INSERT INTO standing_revisions (school_id, slot, revision)
    SELECT school_id, 0, 1 FROM (SELECT OLD.school_id AS school_id UNION SELECT NEW.school_id AS school_id) WHERE school_id IS NOT NULL
    ON CONFLICT (school_id, slot) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER memberships_standings_delete AFTER DELETE ON memberships
BEGIN
    INSERT INTO standing_revisions (school_id, slot, revision)
    SELECT school_id, 0, 1 FROM (SELECT OLD.school_id AS school_id) WHERE school_id IS NOT NULL
    ON CONFLICT (school_id, slot) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER person_groups_standings_insert AFTER INSERT ON person_groups
BEGIN
    INSERT INTO standing_revisions (school_id, slot, revision)
    SELECT school_id, 0, 1 FROM (SELECT NEW.school_id AS school_id) WHERE school_id IS NOT NULL
    ON CONFLICT (school_id, slot) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER person_groups_standings_update AFTER UPDATE ON person_groups
BEGIN
    INSERT INTO standing_revisions (school_id, slot, revision)
    SELECT school_id, 0, 1 FROM (SELECT OLD.school_id AS school_id UNION SELECT NEW.school_id AS school_id) WHERE school_id IS NOT NULL
    ON CONFLICT (school_id, slot) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER person_groups_standings_delete AFTER DELETE ON person_groups
BEGIN
    INSERT INTO standing_revisions (school_id, slot, revision)
    SELECT school_id, 0, 1 FROM (SELECT OLD.school_id AS school_id) WHERE school_id IS NOT NULL
    ON CONFLICT (school_id, slot) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER policies_standings_insert AFTER INSERT ON policies
BEGIN
    INSERT INTO standing_revisions (school_id, slot, revision)
    SELECT school_id, 0, 1 FROM (SELECT NEW.school_id AS school_id) WHERE school_id IS NOT NULL
    ON CONFLICT (school_id, slot) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER policies_standings_update AFTER UPDATE ON policies
BEGIN
    INSERT INTO standing_revisions (school_id, slot, revision)
    SELECT school_id, 0, 1 FROM (SELECT OLD.school_id AS school_id UNION SELECT NEW.school_id AS school_id) WHERE school_id IS NOT NULL
    ON CONFLICT (school_id, slot) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER policies_standings_delete AFTER DELETE ON policies
BEGIN
    INSERT INTO standing_revisions (school_id, slot, revision)
    SELECT school_id, 0, 1 FROM (SELECT OLD.school_id AS school_id) WHERE school_id IS NOT NULL
    ON CONFLICT (school_id, slot) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER policy_versions_standings_insert AFTER INSERT ON policy_versions
BEGIN
    INSERT INTO standing_revisions (school_id, slot, revision)
    SELECT school_id, 0, 1 FROM (SELECT school_id FROM policies WHERE id = NEW.policy_id) WHERE school_id IS NOT NULL
    ON CONFLICT (school_id, slot) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER policy_versions_standings_update AFTER UPDATE ON policy_versions
BEGIN
    INSERT INTO standing_revisions (school_id, slot, revision)
    SELECT school_id, 0, 1 FROM (SELECT school_id FROM policies WHERE id = OLD.policy_id UNION SELECT school_id FROM policies WHERE id = NEW.policy_id) WHERE school_id IS NOT NULL
    ON CONFLICT (school_id, slot) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER policy_versions_standings_delete AFTER DELETE ON policy_versions
BEGIN
    INSERT INTO standing_revisions (school_id, slot, revision)
    SELECT school_id, 0, 1 FROM (SELECT school_id FROM policies WHERE id = OLD.policy_id) WHERE school_id IS NOT NULL
    ON CONFLICT (school_id, slot) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER assignments_standings_insert AFTER INSERT ON assignments
BEGIN
    INSERT INTO standing_revisions (school_id, slot, revision)
    SELECT school_id, 0, 1 FROM (SELECT school_id FROM policies WHERE id = NEW.policy_id) WHERE school_id IS NOT NULL
    ON CONFLICT (school_id, slot) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER assignments_standings_update AFTER UPDATE ON assignments
BEGIN
    INSERT INTO standing_revisions (school_id, slot, revision)
    SELECT school_id, 0, 1 FROM (SELECT school_id FROM policies WHERE id = OLD.policy_id UNION SELECT school_id FROM policies WHERE id = NEW.policy_id) WHERE school_id IS NOT NULL
    ON CONFLICT (school_id, slot) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER assignments_standings_delete AFTER DELETE ON assignments
BEGIN
    INSERT INTO standing_revisions (school_id, slot, revision)
    SELECT school_id, 0, 1 FROM (SELECT school_id FROM policies WHERE id = OLD.policy_id) WHERE school_id IS NOT NULL
    ON CONFLICT (school_id, slot) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER attestations_standings_insert AFTER INSERT ON attestations
BEGIN
    INSERT INTO standing_revisions (school_id, slot, revision)
    SELECT school_id, 0, 1 FROM (SELECT NEW.school_id AS school_id) WHERE school_id IS NOT NULL
    ON CONFLICT (school_id, slot) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER attestations_standings_update AFTER UPDATE ON attestations
BEGIN
    INSERT INTO standing_revisions (school_id, slot, revision)
    SELECT school_id, 0, 1 FROM (SELECT OLD.school_id AS school_id UNION SELECT NEW.school_id AS school_id) WHERE school_id IS NOT NULL
    ON CONFLICT (school_id, slot) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER attestations_standings_delete AFTER DELETE ON attestations
BEGIN
    INSERT INTO standing_revisions (school_id, slot, revision)
    SELECT school_id, 0, 1 FROM (SELECT OLD.school_id AS school_id) WHERE school_id IS NOT NULL
    ON CONFLICT (school_id, slot) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER attempts_standings_insert AFTER INSERT ON attempts
BEGIN
    INSERT INTO standing_revisions (school_id, slot, revision)
    SELECT school_id, 0, 1 FROM (SELECT p.school_id FROM policy_versions v JOIN policies p ON p.id = v.policy_id WHERE v.id = NEW.version_id) WHERE school_id IS NOT NULL
    ON CONFLICT (school_id, slot) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER attempts_standings_update AFTER UPDATE OF version_id, person_id, passed, submitted_at, created_at ON attempts
BEGIN
    INSERT INTO standing_revisions (school_id, slot, revision)
    SELECT school_id, 0, 1 FROM (SELECT p.school_id FROM policy_versions v JOIN policies p ON p.id = v.policy_id WHERE v.id = OLD.version_id UNION SELECT p.school_id FROM policy_versions v JOIN policies p ON p.id = v.policy_id WHERE v.id = NEW.version_id) WHERE school_id IS NOT NULL
    ON CONFLICT (school_id, slot) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER attempts_standings_delete AFTER DELETE ON attempts
BEGIN
    INSERT INTO standing_revisions (school_id, slot, revision)
    SELECT school_id, 0, 1 FROM (SELECT p.school_id FROM policy_versions v JOIN policies p ON p.id = v.policy_id WHERE v.id = OLD.version_id) WHERE school_id IS NOT NULL
    ON CONFLICT (school_id, slot) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER lesson_progress_standings_insert AFTER INSERT ON lesson_progress
BEGIN
    INSERT INTO standing_revisions (school_id, slot, revision)
    SELECT school_id, 0, 1 FROM (SELECT p.school_id FROM policy_versions v JOIN policies p ON p.id = v.policy_id WHERE v.id = NEW.version_id) WHERE school_id IS NOT NULL
    ON CONFLICT (school_id, slot) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER lesson_progress_standings_update AFTER UPDATE ON lesson_progress
BEGIN
    INSERT INTO standing_revisions (school_id, slot, revision)
    SELECT school_id, 0, 1 FROM (SELECT p.school_id FROM policy_versions v JOIN policies p ON p.id = v.policy_id WHERE v.id = OLD.version_id UNION SELECT p.school_id FROM policy_versions v JOIN policies p ON p.id = v.policy_id WHERE v.id = NEW.version_id) WHERE school_id IS NOT NULL
    ON CONFLICT (school_id, slot) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER lesson_progress_standings_delete AFTER DELETE ON lesson_progress
BEGIN
    INSERT INTO standing_revisions (school_id, slot, revision)
    SELECT school_id, 0, 1 FROM (SELECT p.school_id FROM policy_versions v JOIN policies p ON p.id = v.policy_id WHERE v.id = OLD.version_id) WHERE school_id IS NOT NULL
    ON CONFLICT (school_id, slot) DO UPDATE SET revision = revision + 1;
END;
