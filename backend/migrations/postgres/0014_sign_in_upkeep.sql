-- Expired sessions are deleted at every sign-in; this index makes that a range scan of
-- just the expired rows.
CREATE INDEX sessions_expires ON sessions (expires_at);

-- A sign-in now reserves its place in the limits before the password is checked (so that
-- concurrent attempts cannot all slip under the limit), and a success takes its own
-- reservation back: each row names the attempt that made it.
ALTER TABLE sign_in_failures ADD COLUMN attempt TEXT;
