-- Attestations are evidence: once written, a row is never changed or removed.
-- The application only ever INSERTs into this table; these triggers make the
-- database itself refuse anything else, so a bug (or a stray manual query)
-- cannot rewrite history. Someone with full database access can still drop
-- the triggers, which is what the hash chain (`attest verify`) is there to catch.

CREATE FUNCTION attestations_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'attestations are append-only: % refused', TG_OP;
END;
$$;

-- Row-level: UPDATE and DELETE of any row.
CREATE TRIGGER attestations_no_update_or_delete
BEFORE UPDATE OR DELETE ON attestations
FOR EACH ROW EXECUTE FUNCTION attestations_append_only();

-- Statement-level: TRUNCATE skips row triggers, so it gets its own.
CREATE TRIGGER attestations_no_truncate
BEFORE TRUNCATE ON attestations
FOR EACH STATEMENT EXECUTE FUNCTION attestations_append_only();
