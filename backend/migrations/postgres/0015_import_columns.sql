-- The columns a school's last applied staff import read for each detail (a JSON object of
-- ImportColumns: heading names as in the file), so its next export of the same shape is read
-- the same way without asking. One row per school, replaced by each import.
CREATE TABLE import_columns (
    school_id  TEXT PRIMARY KEY REFERENCES schools (id),
    columns    TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
