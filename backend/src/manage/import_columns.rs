//! Which column of a staff file holds which detail: the manager's choice in the preview, else
//! the school's last choice when the file has that heading, else a guess from the headings
//! that management information systems (Arbor, SIMS, Bromcom) and the template use.

use attest_domain::api::ImportColumns;
use chrono::{DateTime, Utc};

use crate::db::ids::time_text;
use crate::db::Db;
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::on_db;

/// The details a column can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Name,
    FirstName,
    LastName,
    Email,
    Groups,
    StartDate,
    School,
}

const FIELDS: [Field; 7] = [
    Field::Name,
    Field::FirstName,
    Field::LastName,
    Field::Email,
    Field::Groups,
    Field::StartDate,
    Field::School,
];

impl Field {
    /// Headings for it as offices export them (normalised), the most telling first.
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Name => &["name", "full name", "staff name", "display name"],
            Field::FirstName => &[
                "preferred forename",
                "preferred first name",
                "forename",
                "first name",
                "legal forename",
                "given name",
            ],
            Field::LastName => &[
                "legal surname",
                "surname",
                "preferred surname",
                "last name",
                "family name",
            ],
            Field::Email => &[
                "email",
                "email address",
                "work email",
                "work email address",
                "school email",
                "school email address",
                "staff email",
            ],
            Field::Groups => &[
                "groups",
                "group",
                "staff role",
                "role",
                "staff type",
                "staff category",
            ],
            Field::StartDate => &[
                "start date",
                "start",
                "started",
                "employment start",
                "employment start date",
                "start of employment",
                "date of arrival",
                "contract start date",
            ],
            Field::School => &["school", "school name"],
        }
    }

    fn get(self, c: &ImportColumns) -> &Option<String> {
        match self {
            Field::Name => &c.name,
            Field::FirstName => &c.first_name,
            Field::LastName => &c.last_name,
            Field::Email => &c.email,
            Field::Groups => &c.groups,
            Field::StartDate => &c.start_date,
            Field::School => &c.school,
        }
    }

    fn slot(self, c: &mut ImportColumns) -> &mut Option<String> {
        match self {
            Field::Name => &mut c.name,
            Field::FirstName => &mut c.first_name,
            Field::LastName => &mut c.last_name,
            Field::Email => &mut c.email,
            Field::Groups => &mut c.groups,
            Field::StartDate => &mut c.start_date,
            Field::School => &mut c.school,
        }
    }
}

/// A heading in lower case, its words separated by single spaces: "E-mail_Address" → "e mail address".
pub fn normalise(heading: &str) -> String {
    heading
        .to_lowercase()
        .replace("e-mail", "email")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The heading of `headers` that `wanted` names (compared normalised), as the file spells it.
fn find<'h>(headers: &'h [String], wanted: &str) -> Option<&'h String> {
    let wanted = normalise(wanted);
    headers.iter().find(|h| normalise(h) == wanted)
}

/// The columns to read. `chosen` is the manager's choice (`Some("")` for "no column"), then
/// `remembered` where its heading is in this file, then a guess; no heading serves two details.
pub fn resolve(
    headers: &[String],
    chosen: &ImportColumns,
    remembered: &ImportColumns,
) -> ImportColumns {
    let mut out = ImportColumns::default();
    let mut decided = [false; FIELDS.len()];
    for (i, field) in FIELDS.iter().enumerate() {
        let pick = match (field.get(chosen), field.get(remembered)) {
            (Some(c), _) => Some(c),
            (None, Some(m)) if m.is_empty() || find(headers, m).is_some() => Some(m),
            _ => None,
        };
        if let Some(heading) = pick {
            decided[i] = true;
            *field.slot(&mut out) = find(headers, heading).cloned();
        }
    }
    for (i, field) in FIELDS.iter().enumerate() {
        if decided[i] {
            continue;
        }
        let taken = |h: &String| FIELDS.iter().any(|f| f.get(&out).as_ref() == Some(h));
        let guess = field
            .aliases()
            .iter()
            .find_map(|alias| find(headers, alias).filter(|h| !taken(h)))
            .cloned();
        *field.slot(&mut out) = guess;
    }
    // A name chosen as first and last name is not also read from a guessed whole-name column.
    if chosen.name.is_none() && (chosen.first_name.is_some() || chosen.last_name.is_some()) {
        out.name = None;
    }
    out
}

/// Where each detail is in a row: column indices.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Positions {
    /// The whole name.
    pub name: Option<usize>,
    /// First name.
    pub first_name: Option<usize>,
    /// Last name.
    pub last_name: Option<usize>,
    /// Email.
    pub email: Option<usize>,
    /// Groups.
    pub groups: Option<usize>,
    /// Start date.
    pub start_date: Option<usize>,
    /// School.
    pub school: Option<usize>,
}

impl Positions {
    /// The indices of the resolved headings in `headers`.
    pub fn of(headers: &[String], columns: &ImportColumns) -> Self {
        let at = |h: &Option<String>| h.as_ref().and_then(|h| headers.iter().position(|x| x == h));
        Self {
            name: at(&columns.name),
            first_name: at(&columns.first_name),
            last_name: at(&columns.last_name),
            email: at(&columns.email),
            groups: at(&columns.groups),
            start_date: at(&columns.start_date),
            school: at(&columns.school),
        }
    }

    /// Whether a name, an email and a start date can be read.
    pub fn complete(&self) -> bool {
        (self.name.is_some() || self.first_name.is_some() || self.last_name.is_some())
            && self.email.is_some()
            && self.start_date.is_some()
    }
}

/// The school's last choice of columns (empty if it never imported).
pub async fn remembered(db: &Db, school_id: &str) -> AppResult<ImportColumns> {
    let row: Option<(String,)> = on_db!(db, |e| sqlx::query_as(
        "SELECT columns FROM import_columns WHERE school_id = $1"
    )
    .bind(school_id)
    .fetch_optional(e)
    .await)?;
    Ok(row
        .and_then(|(json,)| serde_json::from_str(&json).ok())
        .unwrap_or_default())
}

/// Keeps the columns an applied import used, so the school's next file of that shape reads the same.
pub async fn remember(
    tx: &mut Tx,
    school_id: &str,
    columns: &ImportColumns,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let json = serde_json::to_string(columns).map_err(|e| AppError::Internal(e.to_string()))?;
    on_db!(tx, |e| {
        sqlx::query(
        "INSERT INTO import_columns (school_id, columns, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (school_id) DO UPDATE SET columns = excluded.columns, updated_at = excluded.updated_at",
    )
    .bind(school_id)
    .bind(json)
    .bind(time_text(now))
    .execute(e).await.rows_affected()
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(line: &str) -> Vec<String> {
        line.split(',').map(str::to_string).collect()
    }

    #[test]
    fn mis_headings_are_guessed() {
        let h = headers("Legal Surname,Preferred Forename,Legal Forename,Work Email,Staff Role,Employment Start");
        let c = resolve(&h, &ImportColumns::default(), &ImportColumns::default());
        assert_eq!(c.name, None);
        assert_eq!(c.first_name.as_deref(), Some("Preferred Forename"));
        assert_eq!(c.last_name.as_deref(), Some("Legal Surname"));
        assert_eq!(c.email.as_deref(), Some("Work Email"));
        assert_eq!(c.groups.as_deref(), Some("Staff Role"));
        assert_eq!(c.start_date.as_deref(), Some("Employment Start"));
        let template = headers("name,email,groups,start_date,school");
        let c = resolve(
            &template,
            &ImportColumns::default(),
            &ImportColumns::default(),
        );
        assert_eq!(c.start_date.as_deref(), Some("start_date"));
        assert_eq!(c.school.as_deref(), Some("school"));
    }

    #[test]
    fn the_managers_choice_beats_memory_which_beats_a_guess() {
        let h = headers("Surname,Forename,Known As,E-Mail,Role,Start");
        let remembered = ImportColumns {
            first_name: Some("Known As".into()),
            groups: Some("Department".into()), // not in this file: guessed instead
            ..ImportColumns::default()
        };
        let c = resolve(&h, &ImportColumns::default(), &remembered);
        assert_eq!(c.first_name.as_deref(), Some("Known As"));
        assert_eq!(c.groups.as_deref(), Some("Role"));
        assert_eq!(c.email.as_deref(), Some("E-Mail"));
        let chosen = ImportColumns {
            first_name: Some("Forename".into()),
            groups: Some(String::new()),
            ..ImportColumns::default()
        };
        let c = resolve(&h, &chosen, &remembered);
        assert_eq!(c.first_name.as_deref(), Some("Forename"));
        assert_eq!(c.groups, None);
        let p = Positions::of(&h, &c);
        assert_eq!(
            (p.first_name, p.last_name, p.email),
            (Some(1), Some(0), Some(3))
        );
        assert!(p.complete());
    }
}
