-- A signature given on paper and recorded by a manager: the attestation itself joins the
-- school's hash chain like any other (its attempt row is the paper record: no questions,
-- passed), and its user agent says "paper: witnessed by …", so the chain covers that it
-- was on paper and who witnessed it. This table keeps the rest: the day it was signed, the
-- witness, the optional scan (a kept source, content-addressed) and who recorded it.
CREATE TABLE paper_signatures (
    attestation_id TEXT PRIMARY KEY REFERENCES attestations (id),
    signed_on      TEXT NOT NULL,
    witness        TEXT NOT NULL,
    scan_sha256    TEXT REFERENCES sources (sha256),
    recorded_by    TEXT NOT NULL REFERENCES people (id),
    recorded_at    TEXT NOT NULL
);
