//! CSV files for spreadsheets: every export goes through [`Sheet`], so that a cell a
//! manager's colleague typed (a name, a group, a policy title) can never run as a formula
//! when the file is opened in Excel or LibreOffice, and accented names open correctly.

use crate::error::{AppError, AppResult};

/// The UTF-8 byte order mark: without it Excel reads a CSV file as the local code page,
/// so "Zoë" becomes "ZoÃ«".
const BOM: &str = "\u{feff}";

/// A CSV file being written, a record at a time.
pub struct Sheet {
    writer: csv::Writer<Vec<u8>>,
}

impl Default for Sheet {
    fn default() -> Self {
        Self::new()
    }
}

impl Sheet {
    /// An empty file.
    pub fn new() -> Sheet {
        Sheet {
            writer: csv::Writer::from_writer(Vec::new()),
        }
    }

    /// Writes one record, each cell made safe to open.
    pub fn record<I, S>(&mut self, cells: I) -> AppResult<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let cells: Vec<String> = cells.into_iter().map(|c| inert(c.as_ref())).collect();
        self.writer.write_record(&cells).map_err(internal)
    }

    /// The finished file's text, starting with the byte order mark.
    pub fn finish(self) -> AppResult<String> {
        let bytes = self
            .writer
            .into_inner()
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let text = String::from_utf8(bytes).map_err(|e| AppError::Internal(e.to_string()))?;
        Ok(format!("{BOM}{text}"))
    }
}

fn internal(e: csv::Error) -> AppError {
    AppError::Internal(e.to_string())
}

/// A cell that a spreadsheet shows as text: one starting with a character that begins a
/// formula (`= + - @`, or a tab or carriage return that some programs skip before one) gets
/// a leading apostrophe, as OWASP advises for CSV injection.
pub fn inert(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_would_run_as_formulas_are_shown_as_text() {
        for hostile in [
            "=HYPERLINK(\"http://x\",\"y\")",
            "+1+1",
            "-2+3",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
        ] {
            assert_eq!(inert(hostile), format!("'{hostile}"), "{hostile:?}");
        }
        for plain in ["Zoë O'Brien", "2026-09-01", "a=b", "", "teaching;support"] {
            assert_eq!(inert(plain), plain);
        }
    }

    #[test]
    fn a_file_starts_with_the_byte_order_mark_and_quotes_as_csv_does() {
        let mut sheet = Sheet::new();
        sheet.record(["name", "group"]).unwrap();
        sheet.record(["=cmd|' /C calc'!A0", "a,b"]).unwrap();
        let text = sheet.finish().unwrap();
        assert!(text.starts_with('\u{feff}'));
        assert_eq!(
            text.trim_start_matches('\u{feff}'),
            "name,group\n'=cmd|' /C calc'!A0,\"a,b\"\n"
        );
    }
}
