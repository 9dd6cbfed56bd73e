-- Leavers: when a membership ended, and when a person's identity was anonymised
-- after the retention period (UK GDPR). Attestations and attempts stay, so evidence
-- counts and hash chains are unchanged.
ALTER TABLE memberships ADD COLUMN left_at TEXT;
ALTER TABLE people ADD COLUMN anonymised_at TEXT;
