//! Paper signatures: someone who signed the policy on paper (no device, a staff meeting),
//! recorded by a manager with the day, the witness and an optional scan. The attestation
//! joins the school's chain like any other; its attempt is the paper record (no questions,
//! passed) and its user agent names the witness, so the chain covers both. The evidence
//! marks it as signed on paper.

use attest_domain::api::PaperNote;
use chrono::{DateTime, NaiveDate, Utc};

use crate::chain::{self, NewAttestation};
use crate::db::ids::{new_id, time_text};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::manage::access::Manager;
use crate::on_db;

/// The largest scan kept.
pub const MAX_SCAN: usize = 10 * 1024 * 1024;
/// The longest witness's name kept.
const MAX_WITNESS_CHARS: usize = 200;

/// What a manager records.
#[derive(Debug, Clone)]
pub struct PaperSigning<'a> {
    /// The version signed (the policy's current one at the person's school).
    pub version_id: &'a str,
    /// The day it was signed.
    pub signed_on: NaiveDate,
    /// Who witnessed it.
    pub witness: &'a str,
    /// The scan: its file name and bytes.
    pub scan: Option<(&'a str, &'a [u8])>,
}

/// The version's facts a paper signature needs, if it is the current version of a policy of
/// the school: (text SHA-256, original's SHA-256, published at).
async fn current_version(
    db: &Db,
    school_id: &str,
    version_id: &str,
) -> AppResult<(String, Option<String>, String)> {
    on_db!(db, |e| sqlx::query_as(
        "SELECT v.text_sha256, v.source_sha256, v.published_at FROM policy_versions v \
         JOIN policies p ON p.id = v.policy_id \
         WHERE v.id = $1 AND p.school_id = $2 \
           AND v.seq = (SELECT MAX(w.seq) FROM policy_versions w WHERE w.policy_id = v.policy_id)",
    )
    .bind(version_id)
    .bind(school_id)
    .fetch_optional(e)
    .await)?
    .ok_or(AppError::NotFound("version"))
}

/// Checks what the manager typed: a witness, a day not in the future nor before the version.
fn checked(signing: &PaperSigning, published_at: &str, today: NaiveDate) -> AppResult<String> {
    let witness = signing.witness.trim();
    if witness.is_empty() || witness.chars().count() > MAX_WITNESS_CHARS {
        return Err(AppError::Unprocessable(format!(
            "Enter who witnessed the signature (up to {MAX_WITNESS_CHARS} characters)"
        )));
    }
    if signing.signed_on > today {
        return Err(AppError::Unprocessable(
            "The day it was signed cannot be in the future".into(),
        ));
    }
    let published = published_at.get(..10).unwrap_or(published_at);
    if signing.signed_on.to_string().as_str() < published {
        return Err(AppError::Unprocessable(
            "That day is before this version was published: record the version they signed".into(),
        ));
    }
    if signing
        .scan
        .is_some_and(|(_, bytes)| bytes.len() > MAX_SCAN)
    {
        return Err(AppError::Unprocessable(
            "The scan is larger than 10 MB".into(),
        ));
    }
    Ok(witness.to_string())
}

/// Records a paper signature of a current member of the school; returns the attestation's id.
pub async fn record(
    db: &Db,
    person_id: &str,
    school_id: &str,
    signing: &PaperSigning<'_>,
    by: &Manager,
    now: DateTime<Utc>,
) -> AppResult<String> {
    let (text_sha256, source_sha256, published_at) =
        current_version(db, school_id, signing.version_id).await?;
    let witness = checked(signing, &published_at, now.date_naive())?;
    let member: Option<(i64,)> = on_db!(db, |e| sqlx::query_as(
        "SELECT active FROM memberships WHERE person_id = $1 AND school_id = $2"
    )
    .bind(person_id)
    .bind(school_id)
    .fetch_optional(e)
    .await)?;
    if member.is_none_or(|(active,)| active != 1) {
        return Err(AppError::Conflict(
            "This person has left the school, so no signature can be recorded for them".into(),
        ));
    }
    let scan_sha256 = match signing.scan.filter(|(_, bytes)| !bytes.is_empty()) {
        Some((name, bytes)) => {
            Some(crate::sources::keep(&mut db.pool.acquire().await?, name, bytes, now).await?)
        }
        None => None,
    };
    // Noon of the day signed: the day is what counts, and noon keeps it that day anywhere in
    // the school's time zone.
    let signed_at = format!("{}T12:00:00Z", signing.signed_on);
    let attempt_id = new_id();
    let mut tx = db.pool.begin().await?;
    on_db!(tx, |e| sqlx::query(
        "INSERT INTO attempts (id, person_id, version_id, seed, answers, score, total, passed, \
           created_at, submitted_at) VALUES ($1, $2, $3, 0, '[]', 0, 0, 1, $4, $4)",
    )
    .bind(&attempt_id)
    .bind(person_id)
    .bind(signing.version_id)
    .bind(&signed_at)
    .execute(e)
    .await
    .rows_affected())?;
    on_db!(tx, |e| sqlx::query(
        "INSERT INTO attempt_questions (attempt_id, questions) VALUES ($1, '[]')"
    )
    .bind(&attempt_id)
    .execute(e)
    .await
    .rows_affected())?;
    tx.commit().await?;
    let record = chain::append(
        db,
        &NewAttestation {
            school_id: school_id.to_string(),
            person_id: person_id.to_string(),
            version_id: signing.version_id.to_string(),
            text_sha256,
            attempt_id,
            score: 0,
            total: 0,
            attested_at: signed_at,
            ip: String::new(),
            user_agent: format!("paper: witnessed by {witness}"),
            source_sha256,
        },
    )
    .await?;
    on_db!(db, |e| {
        sqlx::query(
        "INSERT INTO paper_signatures (attestation_id, signed_on, witness, scan_sha256, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&record.id)
    .bind(signing.signed_on.to_string())
    .bind(&witness)
    .bind(&scan_sha256)
    .bind(&by.person_id)
    .bind(time_text(now))
    .execute(e).await.rows_affected()
    })?;
    Ok(record.id)
}

/// The paper notes of a school's attestations, by attestation id.
pub async fn notes(
    db: &Db,
    school_id: &str,
) -> AppResult<std::collections::HashMap<String, PaperNote>> {
    let rows: Vec<(String, String, String, Option<String>)> = on_db!(db, |e| {
        sqlx::query_as(
        "SELECT s.attestation_id, s.signed_on, s.witness, s.scan_sha256 FROM paper_signatures s \
         JOIN attestations a ON a.id = s.attestation_id WHERE a.school_id = $1",
    )
    .bind(school_id)
    .fetch_all(e).await
    })?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, day, witness, scan_sha256)| {
            let signed_on = NaiveDate::parse_from_str(&day, "%Y-%m-%d").ok()?;
            Some((
                id,
                PaperNote {
                    signed_on,
                    witness,
                    scan_sha256,
                },
            ))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signing<'a>(day: &str, witness: &'a str) -> PaperSigning<'a> {
        PaperSigning {
            version_id: "v",
            signed_on: NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap(),
            witness,
            scan: None,
        }
    }

    #[test]
    fn a_paper_signature_needs_a_witness_and_a_day_in_the_versions_life() {
        let today = NaiveDate::from_ymd_opt(2026, 9, 10).unwrap();
        let published = "2026-09-01T09:00:00Z";
        let ok = checked(&signing("2026-09-01", " Ann Head "), published, today);
        assert_eq!(ok.unwrap(), "Ann Head");
        for bad in [
            signing("2026-09-05", "  "),
            signing("2026-09-11", "Ann Head"),
            signing("2026-08-31", "Ann Head"),
        ] {
            assert!(checked(&bad, published, today).is_err(), "{bad:?}");
        }
        let long = "x".repeat(201);
        assert!(checked(&signing("2026-09-05", &long), published, today).is_err());
    }
}
