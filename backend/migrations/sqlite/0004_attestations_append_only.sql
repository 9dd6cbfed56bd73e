-- Attestations are evidence: once written, a row is never changed or removed.
-- The application only ever INSERTs into this table; these triggers make the
-- database itself refuse anything else, so a bug (or a stray manual query)
-- cannot rewrite history. Someone with full database access can still drop
-- the triggers, which is what the hash chain (`attest verify`) is there to catch.

CREATE TRIGGER attestations_no_update
BEFORE UPDATE ON attestations
BEGIN
    SELECT RAISE(ABORT, 'attestations are append-only: UPDATE refused');
END;

CREATE TRIGGER attestations_no_delete
BEFORE DELETE ON attestations
BEGIN
    SELECT RAISE(ABORT, 'attestations are append-only: DELETE refused');
END;
