-- A school's time zone (an IANA name): the times people read, on receipts, in the audit log,
-- the evidence report and the quiz's "try again from", are on the school's clock.
ALTER TABLE schools ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'Europe/London';
