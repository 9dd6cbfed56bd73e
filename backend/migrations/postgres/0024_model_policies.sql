-- Trust model policies: a trust uploads and reviews a policy once (a draft of the trust) and
-- publishes it to all or chosen schools. Each school's copy is a policy of its own (its own
-- versions, attestations and evidence) that remembers its model; a school's local amendments
-- are its corrections to the copy, and a new model version reaches every copy as a draft that
-- applies them again.
CREATE TABLE model_policies (
    id         TEXT PRIMARY KEY,
    trust_id   TEXT NOT NULL REFERENCES trusts (id),
    title      TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX model_policies_trust ON model_policies (trust_id);

-- A school's policy adopted from a model.
ALTER TABLE policies ADD COLUMN model_id TEXT REFERENCES model_policies (id);

-- A draft now belongs to a school or, for a model, to a trust.
ALTER TABLE policy_drafts ALTER COLUMN school_id DROP NOT NULL;
ALTER TABLE policy_drafts ADD COLUMN trust_id TEXT REFERENCES trusts (id);
-- A trust's draft: the model it is a version of; a school's: the model its policy follows.
ALTER TABLE policy_drafts ADD COLUMN model_id TEXT REFERENCES model_policies (id);
-- A school's draft: the published model version it was made from.
ALTER TABLE policy_drafts ADD COLUMN model_draft_id TEXT REFERENCES policy_drafts (id);
ALTER TABLE policy_drafts ADD CONSTRAINT policy_drafts_owner
    CHECK ((school_id IS NULL) <> (trust_id IS NULL));
-- A trust's published draft: its version of the model, from 1.
ALTER TABLE policy_drafts ADD COLUMN model_version BIGINT;
CREATE INDEX policy_drafts_trust ON policy_drafts (trust_id, created_at);
CREATE INDEX policy_drafts_model ON policy_drafts (model_id);
