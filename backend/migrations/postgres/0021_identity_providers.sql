-- Sign-in through a school's or trust's own directory (OpenID Connect: Microsoft Entra ID,
-- Google Workspace). One per place; a trust's covers its central team and its schools'
-- people. Only people whose verified email is in one of its domains, and who already belong
-- to the place, are signed in: signing in never makes an account.
CREATE TABLE identity_providers (
    id             TEXT PRIMARY KEY,
    school_id      TEXT UNIQUE REFERENCES schools (id),
    trust_id       TEXT UNIQUE REFERENCES trusts (id),
    issuer         TEXT NOT NULL,
    client_id      TEXT NOT NULL,
    client_secret  TEXT NOT NULL,
    email_domains  TEXT NOT NULL, -- lower case, separated by ';'
    -- The place's people sign in only through the directory: their password is refused.
    directory_only BIGINT NOT NULL DEFAULT 0,
    updated_at     TEXT NOT NULL
);

-- A directory sign-in under way: the browser went to the directory with this state, and
-- comes back with it once. The PKCE verifier and the nonce prove the answer is to this very
-- request; the row is used up by the first answer, so a replayed one finds nothing.
CREATE TABLE directory_sign_ins (
    state_hash    TEXT PRIMARY KEY,
    provider_id   TEXT NOT NULL REFERENCES identity_providers (id),
    nonce         TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    expires_at    TEXT NOT NULL
);
