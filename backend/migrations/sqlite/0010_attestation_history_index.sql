-- The standings loader reads every person's attestations (version, day, chain seq) in
-- person order. With those columns in the index it never visits the wide rows (two
-- hashes, the user agent): the everyone-load of 100,000 people read them at random.
CREATE INDEX attestations_person_history ON attestations (person_id, version_id, attested_at, seq);
-- Its first two columns are the old (person_id, version_id) index's, so that one goes,
-- and (school_id) was a prefix of UNIQUE (school_id, seq): two indexes fewer to write
-- on every attestation.
DROP INDEX attestations_person_version;
DROP INDEX attestations_school;
