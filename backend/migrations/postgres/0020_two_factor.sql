-- Two-factor sign-in: a time-based one-time code (RFC 6238) after the password, for
-- managers. One authenticator per person; while confirmed_at is null the person is still
-- enrolling and signs in with the password alone.
CREATE TABLE two_factor (
    person_id    TEXT PRIMARY KEY REFERENCES people (id),
    secret       TEXT NOT NULL, -- base32, as the authenticator app takes it
    confirmed_at TEXT,
    -- The last 30-second step a code was accepted for: a code of that step or an earlier one
    -- is refused, so a code seen over someone's shoulder cannot be used again.
    last_step    BIGINT,
    created_at   TEXT NOT NULL
);

-- Single-use codes for when the authenticator is lost; only their SHA-256 is kept (they are
-- long and random, so a slow hash adds nothing).
CREATE TABLE recovery_codes (
    person_id TEXT NOT NULL REFERENCES people (id),
    code_hash TEXT NOT NULL,
    used_at   TEXT,
    PRIMARY KEY (person_id, code_hash)
);

-- A sign-in half done: the password (or a mailed link) was right and the code is awaited.
-- Only the token's SHA-256 is kept; the row is used up by the code that completes it.
CREATE TABLE two_factor_challenges (
    token_hash TEXT PRIMARY KEY,
    person_id  TEXT NOT NULL REFERENCES people (id),
    expires_at TEXT NOT NULL
);

-- Whether a trust (for its central team and every school's managers) or a school (for its
-- managers) requires two-factor sign-in.
ALTER TABLE trusts ADD COLUMN require_two_factor BIGINT NOT NULL DEFAULT 0;
ALTER TABLE schools ADD COLUMN require_two_factor BIGINT NOT NULL DEFAULT 0;
