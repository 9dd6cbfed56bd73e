-- A drawn quiz's questions (with answers and explanations: several kilobytes) move out
-- of the attempt's row. Submitting an attempt rewrites its row, and SQLite rewrites a
-- row whole, overflow pages and all: every submission wrote the questions again, and
-- two attempts filled a page. The questions are written once, when the quiz is drawn,
-- and read when it is graded and by the question insight.
CREATE TABLE attempt_questions (
    attempt_id TEXT PRIMARY KEY REFERENCES attempts (id) ON DELETE CASCADE,
    questions  TEXT NOT NULL
);
INSERT INTO attempt_questions (attempt_id, questions) SELECT id, questions FROM attempts;
ALTER TABLE attempts DROP COLUMN questions;
