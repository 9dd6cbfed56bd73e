-- Every integer column is BIGINT, as the code reads each one as a 64-bit integer: these five
-- were INTEGER (four bytes), which only a driver that converted every value accepted.
ALTER TABLE sign_in_failures ALTER COLUMN settled TYPE BIGINT;
ALTER TABLE lesson_reads ALTER COLUMN lesson TYPE BIGINT;
ALTER TABLE lesson_reads ALTER COLUMN after_submissions TYPE BIGINT;
ALTER TABLE policies ALTER COLUMN questions_per_quiz TYPE BIGINT;
ALTER TABLE policies ALTER COLUMN lessons_first TYPE BIGINT;
