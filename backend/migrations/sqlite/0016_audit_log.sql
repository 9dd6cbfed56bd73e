-- Who changed what: every change a manager or administrator makes, and every export they
-- take, with when and from where. Rows name people by id only, so anonymising a leaver
-- also anonymises what the log shows about them. Append-only, like attestations.
CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY, -- the order lines were written in
    id        TEXT NOT NULL UNIQUE,
    at        TEXT NOT NULL,
    actor_id  TEXT NOT NULL REFERENCES people (id),
    school_id TEXT REFERENCES schools (id),
    trust_id  TEXT REFERENCES trusts (id),
    action    TEXT NOT NULL,
    target    TEXT,
    detail    TEXT NOT NULL,
    client    TEXT NOT NULL
);
CREATE INDEX audit_log_school ON audit_log (school_id, at);
CREATE INDEX audit_log_trust ON audit_log (trust_id, at);

CREATE TRIGGER audit_log_no_update
BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only: UPDATE refused');
END;

CREATE TRIGGER audit_log_no_delete
BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only: DELETE refused');
END;
