-- Expired sessions are deleted at every sign-in; this index makes that a range scan of
-- just the expired rows.
CREATE INDEX sessions_expires ON sessions (expires_at);

-- A sign-in now reserves its place in the limits before the password is checked (so that
-- concurrent attempts cannot all slip under the limit): each row names the attempt that
-- made it, and is unsettled (0) while the attempt is in flight. A success takes its row
-- back; a failure settles it (1). Rows from before are failures.
ALTER TABLE sign_in_failures ADD COLUMN attempt TEXT;
ALTER TABLE sign_in_failures ADD COLUMN settled INTEGER NOT NULL DEFAULT 1;
