-- Failed sign-ins, by "ip:ADDRESS" and "email:ADDRESS", for rate limiting.
-- Kept in the database (not in memory) so several server instances share the limits.
CREATE TABLE sign_in_failures (
    key       TEXT NOT NULL,
    failed_at TEXT NOT NULL
);
CREATE INDEX sign_in_failures_key_time ON sign_in_failures (key, failed_at);
