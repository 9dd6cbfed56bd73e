-- Standings revisions: a counter per school that every change to what the standings
-- loader reads (backend/src/standings/load.rs) bumps in the same transaction, so a
-- server can tell with one small query whether its cached standings of a school are
-- still current — even when another server wrote the change. A row per (school, slot):
-- each connection bumps the slot of its backend's process id, so concurrent
-- transactions (two servers, or a write batch beside a lesson save) do not queue on
-- one hot row until commit. A school's revision is the sum of its slots; counters only
-- grow, so an unchanged sum means nothing changed.
CREATE TABLE standing_revisions (
    school_id TEXT NOT NULL,
    slot      BIGINT NOT NULL DEFAULT 0,
    revision  BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (school_id, slot)
);

-- Bumps each named school once per transaction (sorted, so two transactions lock rows in
-- one order). A transaction-local setting remembers which were bumped: one bump covers
-- everything the transaction commits, and updating one row thousands of times in a
-- single transaction (an import, the seed) gets slower with every update on PostgreSQL.
-- A rolled-back savepoint undoes its setting along with its bump.
CREATE FUNCTION bump_standing_revisions(schools TEXT[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    school TEXT;
    done TEXT;
BEGIN
    FOR school IN SELECT DISTINCT s FROM unnest(schools) AS s WHERE s IS NOT NULL ORDER BY 1 LOOP
        done := 'attest_standings.bumped_' || md5(school);
        CONTINUE WHEN current_setting(done, true) = 'yes';
        INSERT INTO standing_revisions (school_id, slot, revision)
        VALUES (school, pg_backend_pid() % 64, 1)
        ON CONFLICT (school_id, slot) DO UPDATE SET revision = standing_revisions.revision + 1;
        PERFORM set_config(done, 'yes', true);
    END LOOP;
END;
$$;

-- The trigger functions, by how a row leads to its school. OLD is NULL on INSERT and
-- NEW on DELETE, so each looks at both.
CREATE FUNCTION standings_touch_school() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM bump_standing_revisions(ARRAY[OLD.id, NEW.id]);
    RETURN NULL;
END;
$$;

CREATE FUNCTION standings_touch_school_id() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM bump_standing_revisions(ARRAY[OLD.school_id, NEW.school_id]);
    RETURN NULL;
END;
$$;

CREATE FUNCTION standings_touch_person() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM bump_standing_revisions(ARRAY(
        SELECT school_id FROM memberships WHERE person_id IN (OLD.id, NEW.id)));
    RETURN NULL;
END;
$$;

CREATE FUNCTION standings_touch_policy() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM bump_standing_revisions(ARRAY(
        SELECT school_id FROM policies WHERE id IN (OLD.policy_id, NEW.policy_id)));
    RETURN NULL;
END;
$$;

CREATE FUNCTION standings_touch_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM bump_standing_revisions(ARRAY(
        SELECT p.school_id FROM policy_versions v JOIN policies p ON p.id = v.policy_id
        WHERE v.id IN (OLD.version_id, NEW.version_id)));
    RETURN NULL;
END;
$$;

-- People: only the columns the loader reads (sign-in and password changes do not count).
-- Attempts: likewise. Attestations keep their append-only triggers, which refuse UPDATE
-- and DELETE before these would run.
CREATE TRIGGER schools_standings
AFTER INSERT OR UPDATE OR DELETE ON schools
FOR EACH ROW EXECUTE FUNCTION standings_touch_school();

CREATE TRIGGER people_standings
AFTER INSERT OR UPDATE OF name, email, active, created_at OR DELETE ON people
FOR EACH ROW EXECUTE FUNCTION standings_touch_person();

CREATE TRIGGER memberships_standings
AFTER INSERT OR UPDATE OR DELETE ON memberships
FOR EACH ROW EXECUTE FUNCTION standings_touch_school_id();

CREATE TRIGGER person_groups_standings
AFTER INSERT OR UPDATE OR DELETE ON person_groups
FOR EACH ROW EXECUTE FUNCTION standings_touch_school_id();

CREATE TRIGGER policies_standings
AFTER INSERT OR UPDATE OR DELETE ON policies
FOR EACH ROW EXECUTE FUNCTION standings_touch_school_id();

CREATE TRIGGER policy_versions_standings
AFTER INSERT OR UPDATE OR DELETE ON policy_versions
FOR EACH ROW EXECUTE FUNCTION standings_touch_policy();

CREATE TRIGGER assignments_standings
AFTER INSERT OR UPDATE OR DELETE ON assignments
FOR EACH ROW EXECUTE FUNCTION standings_touch_policy();

CREATE TRIGGER attestations_standings
AFTER INSERT OR UPDATE OR DELETE ON attestations
FOR EACH ROW EXECUTE FUNCTION standings_touch_school_id();

CREATE TRIGGER attempts_standings
AFTER INSERT OR UPDATE OF version_id, person_id, passed, submitted_at, created_at OR DELETE ON attempts
FOR EACH ROW EXECUTE FUNCTION standings_touch_version();

CREATE TRIGGER lesson_progress_standings
AFTER INSERT OR UPDATE OR DELETE ON lesson_progress
FOR EACH ROW EXECUTE FUNCTION standings_touch_version();

