-- The standings log carries the history it records (see the SQLite migration): `kind` 1
-- an attestation (`at` the day signed, `n` its chain record), 2 a quiz attempt started or
-- submitted (`at` the day started, `passed_at` the day it passed), 3 lessons read (`at`
-- the day saved, `n` the lessons done), each of `version_id`; NULL, as before, when the
-- change could take something away and the person's history must be read again.
ALTER TABLE standing_log ADD COLUMN kind BIGINT;
ALTER TABLE standing_log ADD COLUMN version_id TEXT;
ALTER TABLE standing_log ADD COLUMN at TEXT;
ALTER TABLE standing_log ADD COLUMN passed_at TEXT;
ALTER TABLE standing_log ADD COLUMN n BIGINT;

DROP INDEX standing_log_school_wide;
CREATE INDEX standing_log_read_again ON standing_log (id) WHERE kind IS NULL;

DROP TRIGGER attestations_standings ON attestations;
DROP TRIGGER attempts_standings ON attempts;
DROP TRIGGER lesson_progress_standings ON lesson_progress;
DROP FUNCTION standing_log_attestation();
DROP FUNCTION standing_log_version();

-- The person and school of a row of some version's history, read again.
CREATE FUNCTION standing_log_read_again(versions TEXT[], people TEXT[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO standing_log (school_id, person_id)
    SELECT DISTINCT p.school_id, c.person_id
    FROM unnest(versions, people) AS c(version_id, person_id)
    JOIN policy_versions v ON v.id = c.version_id JOIN policies p ON p.id = v.policy_id;
END;
$$;

-- Attestations are append-only: their own triggers refuse UPDATE and DELETE before this runs.
CREATE FUNCTION standing_log_attestation() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE standing_log IN SHARE ROW EXCLUSIVE MODE;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO standing_log (school_id, person_id, kind, version_id, at, n)
        VALUES (NEW.school_id, NEW.person_id, 1, NEW.version_id, NEW.attested_at, NEW.seq);
    ELSE
        INSERT INTO standing_log (school_id, person_id)
        SELECT DISTINCT c.school_id, c.person_id
        FROM (VALUES (OLD.school_id, OLD.person_id), (NEW.school_id, NEW.person_id))
            AS c(school_id, person_id)
        WHERE c.school_id IS NOT NULL;
    END IF;
    RETURN NULL;
END;
$$;

-- Started, or submitted without undoing a pass: applied; anything else read again.
CREATE FUNCTION standing_log_attempt() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE standing_log IN SHARE ROW EXCLUSIVE MODE;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND OLD.person_id = NEW.person_id
            AND OLD.version_id = NEW.version_id AND OLD.created_at = NEW.created_at
            AND OLD.passed IS DISTINCT FROM 1) THEN
        INSERT INTO standing_log (school_id, person_id, kind, version_id, at, passed_at)
        SELECT p.school_id, NEW.person_id, 2, NEW.version_id, NEW.created_at,
               CASE WHEN NEW.passed = 1 THEN NEW.submitted_at END
        FROM policy_versions v JOIN policies p ON p.id = v.policy_id WHERE v.id = NEW.version_id;
    ELSE
        PERFORM standing_log_read_again(ARRAY[OLD.version_id, NEW.version_id],
                                        ARRAY[OLD.person_id, NEW.person_id]);
    END IF;
    RETURN NULL;
END;
$$;

-- Saved, for the same person and version: applied (the last saved counts); else read again.
CREATE FUNCTION standing_log_progress() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE standing_log IN SHARE ROW EXCLUSIVE MODE;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND OLD.person_id = NEW.person_id
            AND OLD.version_id = NEW.version_id) THEN
        INSERT INTO standing_log (school_id, person_id, kind, version_id, at, n)
        SELECT p.school_id, NEW.person_id, 3, NEW.version_id, NEW.updated_at, NEW.lessons_done
        FROM policy_versions v JOIN policies p ON p.id = v.policy_id WHERE v.id = NEW.version_id;
    ELSE
        PERFORM standing_log_read_again(ARRAY[OLD.version_id, NEW.version_id],
                                        ARRAY[OLD.person_id, NEW.person_id]);
    END IF;
    RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER attestations_standings
AFTER INSERT OR UPDATE OR DELETE ON attestations DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION standing_log_attestation();

CREATE CONSTRAINT TRIGGER attempts_standings
AFTER INSERT OR UPDATE OF version_id, person_id, passed, submitted_at, created_at OR DELETE ON attempts
DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION standing_log_attempt();

CREATE CONSTRAINT TRIGGER lesson_progress_standings
AFTER INSERT OR UPDATE OR DELETE ON lesson_progress DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION standing_log_progress();
