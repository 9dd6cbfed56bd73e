-- One change log keeps cached standings current, the same on both databases (see the
-- SQLite migration): every change to what the standings loader reads appends
-- (school, person) for a change to one person's history, or (school, NULL) for any
-- other change to the school, and a cache entry's stamp is the log's last id.
--
-- That stamp is only sound if ids follow commit order: a reader that sees id N must
-- already see every row below N that will ever commit. Sequences alone do not give
-- that on PostgreSQL, so the log is written by deferred constraint triggers, which run
-- as the transaction commits, and each first locks the log against other writers of it
-- (`SHARE ROW EXCLUSIVE` conflicts with itself, not with readers). The lock is held
-- from just before the commit until the commit is visible, so transactions append in
-- the order they become visible; they take turns only for their commits, not for their
-- whole work (two servers' group-commit batches still run side by side).
DROP TRIGGER schools_standings ON schools;
DROP TRIGGER people_standings ON people;
DROP TRIGGER memberships_standings ON memberships;
DROP TRIGGER person_groups_standings ON person_groups;
DROP TRIGGER policies_standings ON policies;
DROP TRIGGER policy_versions_standings ON policy_versions;
DROP TRIGGER assignments_standings ON assignments;
DROP TRIGGER attestations_standings ON attestations;
DROP TRIGGER attempts_standings ON attempts;
DROP TRIGGER lesson_progress_standings ON lesson_progress;
DROP FUNCTION standings_touch_school();
DROP FUNCTION standings_touch_school_id();
DROP FUNCTION standings_touch_person();
DROP FUNCTION standings_touch_policy();
DROP FUNCTION standings_touch_version();
DROP FUNCTION bump_standing_revisions(TEXT[]);
DROP TABLE standing_revisions;
DROP TABLE standing_log;

CREATE TABLE standing_log (
    id        BIGSERIAL PRIMARY KEY,
    school_id TEXT NOT NULL,
    -- NULL: a change to the school as a whole.
    person_id TEXT
);

-- Catching up looks for school-wide rows first; they are few.
CREATE INDEX standing_log_school_wide ON standing_log (id) WHERE person_id IS NULL;

-- Logs each named school as changed as a whole, once per transaction (a transaction-local
-- setting remembers which were logged: an import of thousands of members needs one row).
CREATE FUNCTION standing_log_schools(schools TEXT[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    school TEXT;
    done TEXT;
BEGIN
    LOCK TABLE standing_log IN SHARE ROW EXCLUSIVE MODE;
    FOR school IN SELECT DISTINCT s FROM unnest(schools) AS s WHERE s IS NOT NULL LOOP
        done := 'attest_standings.logged_' || md5(school);
        CONTINUE WHEN current_setting(done, true) = 'yes';
        INSERT INTO standing_log (school_id) VALUES (school);
        PERFORM set_config(done, 'yes', true);
    END LOOP;
END;
$$;

-- The trigger functions, by how a row leads to its school. OLD is NULL on INSERT and
-- NEW on DELETE, so each looks at both.
CREATE FUNCTION standing_log_school() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM standing_log_schools(ARRAY[OLD.id, NEW.id]);
    RETURN NULL;
END;
$$;

CREATE FUNCTION standing_log_school_id() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM standing_log_schools(ARRAY[OLD.school_id, NEW.school_id]);
    RETURN NULL;
END;
$$;

CREATE FUNCTION standing_log_person() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM standing_log_schools(ARRAY(
        SELECT school_id FROM memberships WHERE person_id IN (OLD.id, NEW.id)));
    RETURN NULL;
END;
$$;

CREATE FUNCTION standing_log_policy() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM standing_log_schools(ARRAY(
        SELECT school_id FROM policies WHERE id IN (OLD.policy_id, NEW.policy_id)));
    RETURN NULL;
END;
$$;

-- History: the person whose history changed, at the row's school.
CREATE FUNCTION standing_log_attestation() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE standing_log IN SHARE ROW EXCLUSIVE MODE;
    INSERT INTO standing_log (school_id, person_id)
    SELECT DISTINCT c.school_id, c.person_id
    FROM (VALUES (OLD.school_id, OLD.person_id), (NEW.school_id, NEW.person_id)) AS c(school_id, person_id)
    WHERE c.school_id IS NOT NULL;
    RETURN NULL;
END;
$$;

CREATE FUNCTION standing_log_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE standing_log IN SHARE ROW EXCLUSIVE MODE;
    INSERT INTO standing_log (school_id, person_id)
    SELECT DISTINCT p.school_id, c.person_id
    FROM (VALUES (OLD.version_id, OLD.person_id), (NEW.version_id, NEW.person_id)) AS c(version_id, person_id)
    JOIN policy_versions v ON v.id = c.version_id JOIN policies p ON p.id = v.policy_id;
    RETURN NULL;
END;
$$;

-- People and attempts: only the columns the loader reads (sign-in and password changes
-- do not count). Attestations keep their append-only triggers, which refuse UPDATE and
-- DELETE before these would run.
CREATE CONSTRAINT TRIGGER schools_standings
AFTER INSERT OR UPDATE OR DELETE ON schools DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION standing_log_school();

CREATE CONSTRAINT TRIGGER people_standings
AFTER INSERT OR UPDATE OF name, email, active, created_at OR DELETE ON people
DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION standing_log_person();

CREATE CONSTRAINT TRIGGER memberships_standings
AFTER INSERT OR UPDATE OR DELETE ON memberships DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION standing_log_school_id();

CREATE CONSTRAINT TRIGGER person_groups_standings
AFTER INSERT OR UPDATE OR DELETE ON person_groups DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION standing_log_school_id();

CREATE CONSTRAINT TRIGGER policies_standings
AFTER INSERT OR UPDATE OR DELETE ON policies DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION standing_log_school_id();

CREATE CONSTRAINT TRIGGER policy_versions_standings
AFTER INSERT OR UPDATE OR DELETE ON policy_versions DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION standing_log_policy();

CREATE CONSTRAINT TRIGGER assignments_standings
AFTER INSERT OR UPDATE OR DELETE ON assignments DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION standing_log_policy();

CREATE CONSTRAINT TRIGGER attestations_standings
AFTER INSERT OR UPDATE OR DELETE ON attestations DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION standing_log_attestation();

CREATE CONSTRAINT TRIGGER attempts_standings
AFTER INSERT OR UPDATE OF version_id, person_id, passed, submitted_at, created_at OR DELETE ON attempts
DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION standing_log_version();

CREATE CONSTRAINT TRIGGER lesson_progress_standings
AFTER INSERT OR UPDATE OR DELETE ON lesson_progress DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION standing_log_version();
