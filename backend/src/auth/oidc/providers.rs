//! The directories schools and trusts sign in through: stored, read, found by email domain.

use attest_domain::api::DirectorySettings;
use chrono::{DateTime, Utc};

use super::matching::domain_of;
use crate::auth::two_factor::rule::Place;
use crate::db::ids::{new_id, time_text};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::on_db;

/// A configured directory.
#[derive(Clone)]
pub struct Provider {
    /// Its id.
    pub id: String,
    /// The school it serves, if a school's.
    pub school_id: Option<String>,
    /// The trust it serves, if a trust's.
    pub trust_id: Option<String>,
    /// The issuer address.
    pub issuer: String,
    /// Attest's client id there.
    pub client_id: String,
    /// Attest's client secret there.
    pub client_secret: String,
    /// The email domains it speaks for, lower case.
    pub email_domains: Vec<String>,
    /// Whether the place's people may sign in only through it.
    pub directory_only: bool,
}

// The secret never reaches a log.
impl std::fmt::Debug for Provider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Provider")
            .field("id", &self.id)
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("client_secret", &"<redacted>")
            .field("email_domains", &self.email_domains)
            .finish()
    }
}

/// id, school, trust, issuer, client id, secret, domains, directory only.
type Row = (
    String,
    Option<String>,
    Option<String>,
    String,
    String,
    String,
    String,
    i64,
);

const COLUMNS: &str = "id, school_id, trust_id, issuer, client_id, client_secret, \
                       email_domains, directory_only";

fn from_row(row: Row) -> Provider {
    let (id, school_id, trust_id, issuer, client_id, client_secret, domains, only) = row;
    Provider {
        id,
        school_id,
        trust_id,
        issuer,
        client_id,
        client_secret,
        email_domains: domains
            .split(';')
            .filter(|d| !d.is_empty())
            .map(str::to_string)
            .collect(),
        directory_only: only == 1,
    }
}

fn place_column(place: Place<'_>) -> (&'static str, &str) {
    match place {
        Place::School(id) => ("school_id", id),
        Place::Trust(id) => ("trust_id", id),
    }
}

/// A place's directory, if it has one.
pub async fn of_place(db: &Db, place: Place<'_>) -> AppResult<Option<Provider>> {
    let (column, id) = place_column(place);
    let sql = format!("SELECT {COLUMNS} FROM identity_providers WHERE {column} = $1");
    let row: Option<Row> = on_db!(db, |e| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(e)
        .await)?;
    Ok(row.map(from_row))
}

/// A directory by id.
pub async fn by_id(db: &Db, id: &str) -> AppResult<Option<Provider>> {
    let sql = format!("SELECT {COLUMNS} FROM identity_providers WHERE id = $1");
    let row: Option<Row> = on_db!(db, |e| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(e)
        .await)?;
    Ok(row.map(from_row))
}

/// The directory that speaks for an email's domain, if any.
pub async fn for_email(db: &Db, email: &str) -> AppResult<Option<Provider>> {
    let Some(domain) = domain_of(email) else {
        return Ok(None);
    };
    let sql = format!("SELECT {COLUMNS} FROM identity_providers ORDER BY updated_at");
    let rows: Vec<Row> = on_db!(db, |e| sqlx::query_as(&sql).fetch_all(e).await)?;
    Ok(rows
        .into_iter()
        .map(from_row)
        .find(|p| p.email_domains.contains(&domain)))
}

/// Settings as a manager reads them (the secret only as "one is stored").
pub fn settings(provider: Option<Provider>) -> DirectorySettings {
    provider.map_or_else(DirectorySettings::default, |p| DirectorySettings {
        issuer: p.issuer,
        client_id: p.client_id,
        client_secret: String::new(),
        has_secret: !p.client_secret.is_empty(),
        email_domains: p.email_domains,
        directory_only: p.directory_only,
    })
}

/// The domains as typed, tidied: lower case, no "@", no blanks or repeats.
fn tidy_domains(domains: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for d in domains {
        let d = d.trim().trim_start_matches('@').to_lowercase();
        if !d.is_empty() && !out.contains(&d) {
            out.push(d);
        }
    }
    out
}

/// Stores a place's directory after checking the settings make sense; returns what changed,
/// in words, for the audit log.
pub async fn save(
    db: &Db,
    place: Place<'_>,
    new: &DirectorySettings,
    now: DateTime<Utc>,
) -> AppResult<String> {
    let issuer = new.issuer.trim().trim_end_matches('/').to_string();
    let parsed = openidconnect::url::Url::parse(&issuer).map_err(|_| {
        AppError::Unprocessable("Enter the directory's issuer as a web address".into())
    })?;
    let local = matches!(parsed.host_str(), Some("127.0.0.1" | "localhost"));
    if parsed.scheme() != "https" && !(parsed.scheme() == "http" && local) {
        return Err(AppError::Unprocessable(
            "The issuer's address must start with https://".into(),
        ));
    }
    let client_id = new.client_id.trim();
    if client_id.is_empty() {
        return Err(AppError::Unprocessable("Enter the client id".into()));
    }
    let domains = tidy_domains(&new.email_domains);
    if domains.is_empty()
        || domains
            .iter()
            .any(|d| !d.contains('.') || d.contains(['@', ' ', ';']))
    {
        return Err(AppError::Unprocessable(
            "Enter the email domains people sign in with, such as school.example".into(),
        ));
    }
    let existing = of_place(db, place).await?;
    let secret = match (new.client_secret.trim(), &existing) {
        ("", Some(old)) => old.client_secret.clone(),
        ("", None) => return Err(AppError::Unprocessable("Enter the client secret".into())),
        (secret, _) => secret.to_string(),
    };
    // Another place's directory already speaks for a domain: the first would win every sign-in.
    for other in for_each_domain(db, &domains).await? {
        if existing.as_ref().is_none_or(|e| e.id != other) {
            return Err(AppError::Conflict(
                "Another school or trust already signs in with one of those email domains".into(),
            ));
        }
    }
    let (column, place_id) = place_column(place);
    let joined = domains.join(";");
    if let Some(old) = &existing {
        on_db!(db, |e| sqlx::query(
            "UPDATE identity_providers SET issuer = $1, client_id = $2, client_secret = $3, \
             email_domains = $4, directory_only = $5, updated_at = $6 WHERE id = $7",
        )
        .bind(&issuer)
        .bind(client_id)
        .bind(&secret)
        .bind(&joined)
        .bind(i64::from(new.directory_only))
        .bind(time_text(now))
        .bind(&old.id)
        .execute(e)
        .await
        .rows_affected())?;
    } else {
        let sql = format!(
            "INSERT INTO identity_providers (id, {column}, issuer, client_id, client_secret, \
             email_domains, directory_only, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
        );
        on_db!(db, |e| sqlx::query(&sql)
            .bind(new_id())
            .bind(place_id)
            .bind(&issuer)
            .bind(client_id)
            .bind(&secret)
            .bind(&joined)
            .bind(i64::from(new.directory_only))
            .bind(time_text(now))
            .execute(e)
            .await
            .rows_affected())?;
    }
    Ok(format!(
        "{issuer}, domains {}, {}",
        domains.join(", "),
        if new.directory_only {
            "directory sign-in only"
        } else {
            "passwords too"
        }
    ))
}

/// The ids of directories that speak for any of these domains.
async fn for_each_domain(db: &Db, domains: &[String]) -> AppResult<Vec<String>> {
    let rows: Vec<(String, String)> = on_db!(db, |e| sqlx::query_as(
        "SELECT id, email_domains FROM identity_providers"
    )
    .fetch_all(e)
    .await)?;
    Ok(rows
        .into_iter()
        .filter(|(_, theirs)| theirs.split(';').any(|d| domains.iter().any(|m| m == d)))
        .map(|(id, _)| id)
        .collect())
}

/// Whether a place the person belongs to signs in only through its directory (so their
/// password is refused).
pub async fn directory_only_for(db: &Db, person_id: &str) -> AppResult<bool> {
    let (count,): (i64,) = on_db!(db, |e| {
        sqlx::query_as(
        "SELECT COUNT(*) FROM identity_providers i WHERE i.directory_only = 1 AND ( \
           i.school_id IN (SELECT school_id FROM memberships WHERE person_id = $1 AND active = 1) \
           OR i.trust_id IN (SELECT s.trust_id FROM memberships m JOIN schools s ON s.id = m.school_id \
                             WHERE m.person_id = $1 AND m.active = 1) \
           OR i.trust_id IN (SELECT trust_id FROM trust_roles WHERE person_id = $1))",
    )
    .bind(person_id)
    .fetch_one(e).await
    })?;
    Ok(count > 0)
}
