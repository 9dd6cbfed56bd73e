//! Import of staff: read the file as the office exported it, check every line, then upsert
//! all of it in one transaction, or nothing.
//!
//! Columns are found by heading (`import_columns`): the template's `name`, `email`, `groups`
//! (separated by `;`), `start date` and `school` (slug or name; blank means the school being
//! imported into), or an MIS export's own ("Legal Surname", "Preferred Forename", "Work
//! Email", "Staff Role", "Employment Start"). People are matched by email, so importing the
//! same file twice changes nothing. Marking missing staff as leavers needs the confirmation
//! the preview gave for exactly those people.

use std::collections::{HashMap, HashSet};

use attest_domain::api::{
    person_name, ImportColumns, ImportReport, ImportRow, Leaver, RowAction, RowError,
};
use chrono::{DateTime, NaiveDate, Utc};
use sha2::{Digest, Sha256};

use crate::db::Db;
use crate::error::AppResult;
use crate::manage::access::Manager;
use crate::manage::import_columns::{remember, resolve, Positions};
use crate::manage::members::{self, invitations};
use crate::manage::people::{deactivate_member, MemberInput, SchoolRef};
use crate::manage::staff_file::{decode, delimiter};
use crate::on_db;

/// Most data lines one file may hold.
pub const MAX_ROWS: usize = 20_000;

/// The downloadable template.
pub const TEMPLATE: &str = "name,email,groups,start date,school\n\
Alex Example,alex.example@school.example,teaching;support,2026-09-01,\n";

/// What to do with the checked rows.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Only report what would happen.
    pub dry_run: bool,
    /// Mark active staff missing from the file as leavers.
    pub deactivate_missing: bool,
    /// The preview's `leavers_confirmation`, required to mark leavers.
    pub confirm_leavers: Option<String>,
}

/// A file read: its good rows, refused lines, headings and the columns read.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    /// The good rows.
    pub rows: Vec<ParsedRow>,
    /// The refused lines.
    pub errors: Vec<RowError>,
    /// The headings, in order.
    pub headers: Vec<String>,
    /// Which heading was read for which detail.
    pub columns: ImportColumns,
}

/// A checked line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedRow {
    /// Its line number.
    pub line: u64,
    /// The person's details.
    pub input: MemberInput,
}

/// Reads a date as YYYY-MM-DD or the UK's DD/MM/YYYY (or with `-` or `.`), ignoring a
/// time after it as spreadsheets add.
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let t = text.split_whitespace().next().unwrap_or("");
    ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(t, f).ok())
}

/// Whether text looks like an email address (one `@`, a dot after it, no spaces).
pub fn plausible_email(email: &str) -> bool {
    let mut parts = email.split('@');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(local), Some(domain), None) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.chars().any(char::is_whitespace)
                && email.len() <= 254
        }
        _ => false,
    }
}

/// Splits and tidies a groups cell: `Teaching; Support` → `["support", "teaching"]`.
pub fn parse_groups(cell: &str) -> Result<Vec<String>, String> {
    let mut groups: Vec<String> = cell
        .split(';')
        .map(|g| g.trim().to_lowercase())
        .filter(|g| !g.is_empty())
        .collect();
    if let Some(bad) = groups.iter().find(|g| g.len() > 60) {
        return Err(format!("the group \"{bad}\" is longer than 60 characters"));
    }
    groups.sort();
    groups.dedup();
    Ok(groups)
}

/// Checks every line of a file, reading the columns `chosen` (else `remembered`, else guessed).
pub fn parse(
    bytes: &[u8],
    school: &SchoolRef,
    chosen: &ImportColumns,
    remembered: &ImportColumns,
) -> Parsed {
    let text = decode(bytes);
    let mut out = Parsed::default();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .delimiter(delimiter(&text))
        .from_reader(text.as_bytes());
    match reader.headers() {
        Ok(h) => out.headers = h.iter().map(str::to_string).collect(),
        Err(e) => {
            out.errors.push(RowError {
                line: 1,
                reason: format!("the header line could not be read: {e}"),
            });
            return out;
        }
    }
    out.columns = resolve(&out.headers, chosen, remembered);
    let at = Positions::of(&out.headers, &out.columns);
    if !at.complete() {
        out.errors.push(RowError {
            line: 1,
            reason: "choose the columns holding the name, the email and the start date \
                     (or use the template's headings: name, email, groups, start date, school)"
                .into(),
        });
        return out;
    }
    let (rows, errors) = (&mut out.rows, &mut out.errors);
    let mut seen: HashMap<String, u64> = HashMap::new();
    for (i, record) in reader.records().enumerate() {
        let fallback_line = i as u64 + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(fallback_line, |p| p.line());
                errors.push(RowError {
                    line,
                    reason: format!("this line could not be read: {e}"),
                });
                continue;
            }
        };
        let line = record.position().map_or(fallback_line, |p| p.line());
        if record.iter().all(str::is_empty) {
            continue;
        }
        if rows.len() + errors.len() >= MAX_ROWS {
            errors.push(RowError {
                line,
                reason: format!("a file may hold at most {MAX_ROWS} people; split it"),
            });
            break;
        }
        let cell = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("").trim();
        let fail = |reason: String| RowError { line, reason };
        let whole_name = match at.name {
            Some(_) => cell(at.name).to_string(),
            None => [cell(at.first_name), cell(at.last_name)]
                .into_iter()
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join(" "),
        };
        let address = cell(at.email).to_lowercase();
        if let Err(problem) = person_name(&whole_name) {
            errors.push(fail(problem.message()));
            continue;
        }
        if !plausible_email(&address) {
            errors.push(fail(format!("\"{address}\" is not an email address")));
            continue;
        }
        let Some(start_date) = parse_day(cell(at.start_date)) else {
            errors.push(fail(format!(
                "the start date \"{}\" is not a date (use YYYY-MM-DD or DD/MM/YYYY)",
                cell(at.start_date)
            )));
            continue;
        };
        let named = cell(at.school);
        if !named.is_empty()
            && !named.eq_ignore_ascii_case(&school.slug)
            && !named.eq_ignore_ascii_case(&school.name)
        {
            errors.push(fail(format!(
                "the school \"{named}\" is not {}; import it from that school's page",
                school.name
            )));
            continue;
        }
        let groups = match parse_groups(cell(at.groups)) {
            Ok(g) => g,
            Err(reason) => {
                errors.push(fail(reason));
                continue;
            }
        };
        if let Some(first) = seen.get(&address) {
            errors.push(fail(format!("{address} is already on line {first}")));
            continue;
        }
        seen.insert(address.clone(), line);
        rows.push(ParsedRow {
            line,
            input: MemberInput {
                name: whole_name,
                email: address,
                groups,
                start_date,
            },
        });
    }
    out
}

/// What confirms marking exactly these people as leavers: a digest of their addresses.
fn confirmation(leavers: &[Leaver]) -> String {
    let mut hash = Sha256::new();
    for l in leavers {
        hash.update(l.email.as_bytes());
        hash.update(b"\n");
    }
    hex::encode(&hash.finalize()[..12])
}

/// Checks a file and, unless it is a dry run, a line was refused or the leavers were not
/// confirmed, applies it in one transaction.
pub async fn import(
    db: &Db,
    school: &SchoolRef,
    bytes: &[u8],
    columns: (&ImportColumns, &ImportColumns),
    options: ImportOptions,
    manager: &Manager,
    now: DateTime<Utc>,
) -> AppResult<ImportReport> {
    let parsed = parse(bytes, school, columns.0, columns.1);
    let mut report = ImportReport {
        errors: parsed.errors,
        headers: parsed.headers,
        columns: parsed.columns,
        ..ImportReport::default()
    };
    // A preview works out the very same changes and only leaves them unwritten, so it
    // cannot drift from the real thing; it never takes the write lock.
    let mut tx = if !options.dry_run && report.errors.is_empty() {
        db.begin_write().await?
    } else {
        db.pool.begin().await?
    };
    let inputs: Vec<MemberInput> = parsed.rows.iter().map(|r| r.input.clone()).collect();
    let staff: Vec<(String, String, String)> = on_db!(tx, |e| sqlx::query_as(
        "SELECT p.id, p.name, p.email FROM memberships m JOIN people p ON p.id = m.person_id \
         WHERE m.school_id = $1 AND m.role = 'staff' AND m.active = 1 ORDER BY p.email",
    )
    .bind(&school.id)
    .fetch_all(e)
    .await)?;
    let listed: HashSet<&str> = inputs.iter().map(|i| i.email.as_str()).collect();
    let missing: Vec<(String, Leaver)> = staff
        .into_iter()
        .filter(|(_, _, email)| !listed.contains(email.as_str()))
        .map(|(id, name, email)| (id, Leaver { name, email }))
        .collect();
    report.leavers = missing.iter().map(|(_, l)| l.clone()).collect();
    report.missing = report.leavers.iter().map(|l| l.email.clone()).collect();
    report.leavers_confirmation = confirmation(&report.leavers);
    let confirmed = !options.deactivate_missing
        || report.leavers.is_empty()
        || options.confirm_leavers.as_deref() == Some(report.leavers_confirmation.as_str());
    let apply = !options.dry_run && report.errors.is_empty() && confirmed;
    report.applied = apply;
    let (outcomes, changes) = members::prepare(&mut tx, &school.id, &inputs, manager).await?;
    if apply {
        members::apply(&mut tx, &school.id, &changes, &manager.person_id, now).await?;
        remember(&mut tx, &school.id, &report.columns, now).await?;
        if options.deactivate_missing {
            for (person_id, _) in &missing {
                deactivate_member(&mut tx, person_id, &school.id, now).await?;
                report.deactivated += 1;
            }
        }
    }
    for (row, (_, action)) in parsed.rows.iter().zip(outcomes) {
        match action {
            RowAction::Create => report.created += 1,
            RowAction::Update => report.updated += 1,
            RowAction::Unchanged => report.unchanged += 1,
            RowAction::Reactivate => report.reactivated += 1,
            RowAction::Invite => report.invited += 1,
        }
        report.rows.push(ImportRow {
            line: row.line,
            name: row.input.name.clone(),
            email: row.input.email.clone(),
            groups: row.input.groups.clone(),
            start_date: row.input.start_date,
            action,
        });
    }
    if apply {
        tx.commit().await?;
        let invited: Vec<String> = changes.invited.iter().map(|(id, ..)| id.clone()).collect();
        invitations::notify(db, &school.id, &invited, now).await?;
    } else {
        tx.rollback().await?;
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn school() -> SchoolRef {
        SchoolRef {
            id: "s1".into(),
            name: "Chad Vale Primary School".into(),
            slug: "chad-vale-primary".into(),
        }
    }

    fn none() -> ImportColumns {
        ImportColumns::default()
    }

    #[test]
    fn good_lines_are_read_and_bad_ones_named_by_line() {
        let file = "Name,Email,Groups,Start date,School\n\
                    Ann Smith,ANN@x.example, Teaching ; support ,2026-09-01,chad-vale-primary\n\
                    ,bob@x.example,teaching,2026-09-01,\n\
                    Cy,not-an-email,teaching,2026-09-01,\n\
                    Di,di@x.example,teaching,31/02/2026,\n\
                    Ed,ed@x.example,teaching,01/09/2026,Another School\n\
                    Flo,ann@x.example,teaching,2026-09-01,\n";
        let Parsed { rows, errors, .. } = parse(file.as_bytes(), &school(), &none(), &none());
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].input.email, "ann@x.example");
        assert_eq!(rows[0].input.groups, vec!["support", "teaching"]);
        let lines: Vec<u64> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![3, 4, 5, 6, 7], "{errors:#?}");
        assert!(errors[4].reason.contains("line 2"), "{}", errors[4].reason);
    }

    #[test]
    fn a_file_without_the_columns_is_refused_at_line_one() {
        let Parsed { rows, errors, .. } = parse(b"who,what\na,b\n", &school(), &none(), &none());
        assert!(rows.is_empty());
        assert_eq!(errors[0].line, 1);
    }

    #[test]
    fn uk_dates_are_understood() {
        assert_eq!(parse_day("01/09/2026"), NaiveDate::from_ymd_opt(2026, 9, 1));
        assert_eq!(parse_day("2026-09-01"), NaiveDate::from_ymd_opt(2026, 9, 1));
        assert_eq!(parse_day("1/9/2026"), NaiveDate::from_ymd_opt(2026, 9, 1));
        assert_eq!(parse_day("01.09.2026"), NaiveDate::from_ymd_opt(2026, 9, 1));
        assert_eq!(
            parse_day("01/09/2026 00:00"),
            NaiveDate::from_ymd_opt(2026, 9, 1)
        );
        assert_eq!(parse_day("Sept 1"), None);
    }

    proptest::proptest! {
        /// The importer never panics, and every data line is either a row or a reported error.
        #[test]
        fn any_bytes_are_parsed_or_refused_never_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..2048)) {
            let Parsed { rows, errors, .. } = parse(&bytes, &school(), &none(), &none());
            let lines = bytes.iter().filter(|b| **b == b'\n').count() + 1;
            proptest::prop_assert!(rows.len() + errors.len() <= lines + 1);
        }

        /// Well-formed CSV with arbitrary names and groups never panics either.
        #[test]
        fn arbitrary_cells_in_a_valid_shape_never_panic(name in ".{0,40}", groups in ".{0,40}", date in ".{0,12}") {
            let csv = format!("name,email,groups,start_date,school\n\"{}\",a@b.example,\"{}\",{},\n",
                name.replace('"', "\"\""), groups.replace('"', "\"\""), date);
            let _ = parse(csv.as_bytes(), &school(), &none(), &none());
        }
    }
}
