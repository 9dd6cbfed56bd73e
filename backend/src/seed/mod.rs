//! First-start sample data: one demo trust with a school per sample policy.
//!
//! The demo accounts (a member of staff and a manager per school, and a trust manager)
//! are always made; the staff rooms ([`staff`]) and their year of history ([`history`])
//! only for `attest serve --demo-staff`, so that tests start from a known, small trust.

mod history;
mod staff;

use std::path::Path;

use chrono::{DateTime, Days, Utc};

use crate::auth::password;
use crate::db::ids::{new_id, random_hex, time_text};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::on_db;
use crate::publish::{publish_new_policy, text_sha256, PublishOptions};

use history::{add_staff_rooms, DemoSchool};

/// How much of the demo to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoSize {
    /// The demo accounts only, policies published today.
    Accounts,
    /// The accounts and a realistic staff with a year of history at every school.
    StaffRooms,
}

/// How far back the staff rooms' policies were published: before their oldest history.
const HISTORY_DAYS: u64 = 400;
use crate::sources::keep;

/// The groups every demo school has; the sample policy is assigned to all of them.
pub const DEMO_GROUPS: [&str; 4] = ["teaching", "support", "governors", "volunteers"];

/// One demo account's sign-in details.
#[derive(Debug, Clone)]
pub struct DemoAccount {
    /// What the account is for ("staff at Chad Vale Primary").
    pub description: String,
    /// Its email address.
    pub email: String,
}

/// What seeding created, to print for the person who started the server.
#[derive(Debug, Clone)]
pub struct DemoData {
    /// The accounts, all with the same password.
    pub accounts: Vec<DemoAccount>,
    /// Their password.
    pub password: String,
    /// Made-up staff added besides the accounts.
    pub staff: usize,
}

impl DemoData {
    /// The sign-in details as lines for the terminal and `demo-accounts.txt`.
    pub fn describe(&self) -> String {
        let mut out = String::from("Demo accounts (all with the same password):\n");
        for a in &self.accounts {
            out.push_str(&format!("  {:<40} {}\n", a.email, a.description));
        }
        out.push_str(&format!("  password: {}\n", self.password));
        if self.staff > 0 {
            out.push_str(&format!(
                "The schools also have {} made-up staff with a year of history.\n",
                self.staff
            ));
        }
        out
    }
}

/// Loads the sample policies as a demo trust, if the database has no schools yet.
///
/// Everything is written in one transaction, so a failed start leaves nothing half-made.
pub async fn seed_if_empty(
    db: &Db,
    content_dir: &Path,
    password: Option<&str>,
    size: DemoSize,
    now: DateTime<Utc>,
) -> AppResult<Option<DemoData>> {
    if !crate::admin::setup::needed(db).await? {
        return Ok(None);
    }
    let folder = content_dir.join("policies");
    let policies = sample_policies(&folder)?;
    let catalogue = match std::fs::read_to_string(folder.join("catalogue.conf")) {
        Ok(text) => parse_catalogue(&text),
        Err(_) => Vec::new(),
    };
    if policies.is_empty() {
        return Ok(None);
    }
    let password = password.map_or_else(|| random_hex(6), str::to_string);
    let hash = password::hash(password.clone()).await?;
    let mut tx = db.pool.begin().await?;
    let trust_id = new_id();
    on_db!(tx, |e| sqlx::query(
        "INSERT INTO trusts (id, name) VALUES ($1, $2)"
    )
    .bind(&trust_id)
    .bind("Demo Schools Trust")
    .execute(e)
    .await
    .rows_affected())?;
    let mut accounts = Vec::new();
    let start = now
        .date_naive()
        .checked_sub_days(Days::new(7))
        .unwrap_or(now.date_naive());
    let published_at = match size {
        DemoSize::Accounts => now,
        DemoSize::StaffRooms => now - chrono::Duration::days(HISTORY_DAYS as i64),
    };
    let mut demo_schools = Vec::new();
    for (n, (slug, source_name, text)) in policies.iter().enumerate() {
        let school_id = new_id();
        let listed = catalogue.iter().find(|e| e.file == *source_name);
        let name = listed.map_or_else(|| school_name(slug), |e| e.school.clone());
        // The sample file is the demo's original: staff can download it as they would an upload.
        let source_sha256 = keep(&mut tx, source_name, text.as_bytes(), now).await?;
        let options = PublishOptions {
            title: listed.map(|e| e.title.clone()),
            // One policy of the staff rooms' trust is past its review date, as real ones are.
            next_review: (size == DemoSize::StaffRooms && n == 0)
                .then(|| now.date_naive() - Days::new(20)),
            source_sha256: Some(source_sha256),
            ..PublishOptions::default()
        };
        on_db!(tx, |e| sqlx::query(
            "INSERT INTO schools (id, trust_id, name, slug) VALUES ($1, $2, $3, $4)"
        )
        .bind(&school_id)
        .bind(&trust_id)
        .bind(&name)
        .bind(slug)
        .execute(e)
        .await
        .rows_affected())?;
        let published = publish_new_policy(
            &mut tx,
            &school_id,
            source_name,
            text,
            &options,
            published_at,
        )
        .await?;
        if size == DemoSize::StaffRooms {
            let clauses = attest_domain::clauses::parse_text(text)?;
            demo_schools.push(DemoSchool {
                school_id: school_id.clone(),
                slug: slug.clone(),
                version_id: published.version_id.clone(),
                text_sha256: text_sha256(text),
                source_sha256: options.source_sha256.clone(),
                lessons: attest_domain::module::build_module(&clauses).lessons.len() as i64,
                clauses,
                pass_mark: i64::from(options.pass_mark),
            });
        }
        for group in DEMO_GROUPS {
            on_db!(tx, |e| {
                sqlx::query(
                "INSERT INTO assignments (policy_id, group_name, new_starter_days, created_at) VALUES ($1, $2, 14, $3)",
            )
            .bind(&published.policy_id)
            .bind(group)
            .bind(time_text(published_at))
            .execute(e).await.rows_affected()
            })?;
        }
        for (local, role, person_name) in [
            ("staff", "staff", "Alex Taylor"),
            ("manager", "school_manager", "Jordan Lee"),
        ] {
            let email = format!("{local}@{slug}.example");
            let person_id = new_id();
            on_db!(tx, |e| {
                sqlx::query(
                "INSERT INTO people (id, email, name, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(&person_id)
            .bind(&email)
            .bind(person_name)
            .bind(&hash)
            .bind(time_text(now))
            .execute(e).await.rows_affected()
            })?;
            on_db!(tx, |e| {
                sqlx::query(
                "INSERT INTO memberships (person_id, school_id, role, start_date) VALUES ($1, $2, $3, $4)",
            )
            .bind(&person_id)
            .bind(&school_id)
            .bind(role)
            .bind(start.format("%Y-%m-%d").to_string())
            .execute(e).await.rows_affected()
            })?;
            on_db!(tx, |e| {
                sqlx::query(
                "INSERT INTO person_groups (person_id, school_id, group_name) VALUES ($1, $2, 'teaching')",
            )
            .bind(&person_id)
            .bind(&school_id)
            .execute(e).await.rows_affected()
            })?;
            accounts.push(DemoAccount {
                description: format!("{local} at {name}"),
                email,
            });
        }
    }
    let trust_email = "trust@attest.example".to_string();
    let trust_person = new_id();
    on_db!(tx, |e| {
        sqlx::query(
        "INSERT INTO people (id, email, name, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&trust_person)
    .bind(&trust_email)
    .bind("Sam Rivers")
    .bind(&hash)
    .bind(time_text(now))
    .execute(e).await.rows_affected()
    })?;
    on_db!(tx, |e| sqlx::query(
        "INSERT INTO trust_roles (person_id, trust_id, role) VALUES ($1, $2, 'trust_manager')",
    )
    .bind(&trust_person)
    .bind(&trust_id)
    .execute(e)
    .await
    .rows_affected())?;
    accounts.push(DemoAccount {
        description: "trust manager (all five schools)".into(),
        email: trust_email,
    });
    tx.commit().await?;
    let staff = add_staff_rooms(db, &demo_schools, now).await?;
    Ok(Some(DemoData {
        accounts,
        password,
        staff,
    }))
}

/// The `.txt`/`.md` files of a folder, sorted, as (slug, file name, text).
fn sample_policies(dir: &Path) -> AppResult<Vec<(String, String, String)>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let is_text = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("txt") | Some("md")
        );
        let (Some(stem), Some(file)) = (
            path.file_stem().and_then(|s| s.to_str()),
            path.file_name().and_then(|s| s.to_str()),
        ) else {
            continue;
        };
        if is_text {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| AppError::Internal(format!("{}: {e}", path.display())))?;
            out.push((stem.to_string(), file.to_string(), text));
        }
    }
    out.sort();
    Ok(out)
}

/// One line of `content/policies/catalogue.conf`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct CatalogueEntry {
    file: String,
    school: String,
    title: String,
}

/// Reads the catalogue: `file | school | title` lines; comments and malformed lines are skipped.
fn parse_catalogue(text: &str) -> Vec<CatalogueEntry> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut parts = l.split(" | ").map(str::trim);
            match (parts.next(), parts.next(), parts.next(), parts.next()) {
                (Some(file), Some(school), Some(title), None)
                    if !file.is_empty() && !school.is_empty() && !title.is_empty() =>
                {
                    Some(CatalogueEntry {
                        file: file.into(),
                        school: school.into(),
                        title: title.into(),
                    })
                }
                _ => None,
            }
        })
        .collect()
}

/// "chad-vale-primary" → "Chad Vale Primary".
fn school_name(slug: &str) -> String {
    slug.split(['-', '_'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_names_schools_and_titles_and_skips_bad_lines() {
        let entries = parse_catalogue(
            "# comment\n\na.txt | A School | Policy A\nbroken line\nb.txt | B | \n",
        );
        assert_eq!(
            entries,
            vec![CatalogueEntry {
                file: "a.txt".into(),
                school: "A School".into(),
                title: "Policy A".into()
            }]
        );
    }

    #[test]
    fn school_names_come_from_file_names() {
        assert_eq!(school_name("chad-vale-primary"), "Chad Vale Primary");
        assert_eq!(school_name("st-annes_primary"), "St Annes Primary");
    }
}
