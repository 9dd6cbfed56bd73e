-- The whole policy as reviewed, for staff to read: every clause in order, taught or not
-- (a definition is not taught, yet staff sign that they read it). `clause_set` keeps only
-- the taught clauses the lessons and quiz are built from. A JSON clause set; NULL for
-- versions stored before this column, whose text is read from their draft or clause set.
ALTER TABLE policy_versions ADD COLUMN whole_set TEXT;
