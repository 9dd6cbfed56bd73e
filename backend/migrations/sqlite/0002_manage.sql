-- Managers' area. A leaver leaves one school, not necessarily all of them: the membership
-- is marked inactive (and the person too once no active membership is left). Nothing is deleted.
ALTER TABLE memberships ADD COLUMN active INTEGER NOT NULL DEFAULT 1;

-- Imports and sign-in look people up by email; the dashboard reads a school's attestations.
CREATE INDEX attestations_school ON attestations (school_id);
CREATE INDEX person_groups_person ON person_groups (person_id);
