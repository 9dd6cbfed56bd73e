//! Signing an attestation after a passed attempt, its receipt, and public verification.

use attest_domain::api::{statement, Receipt, VerifyView};
use attest_domain::status::expiry;
use chrono::{DateTime, Utc};

use crate::chain::{self, AttestationRecord, NewAttestation};
use crate::db::ids::{parse_time, time_text};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::learning::to_u32;
use crate::on_db;
use crate::own_attempt::OwnAttempt;

/// Where a request came from, for the evidence.
#[derive(Debug, Clone)]
pub struct ClientInfo {
    /// The client's IP address.
    pub ip: String,
    /// The client's user agent.
    pub user_agent: String,
}

/// Appends an attestation for a passed, unattested attempt and returns its receipt.
///
/// The receipt is built from what was just written and read, not read back: the same
/// fields a later `receipt` call returns.
pub async fn attest(
    db: &Db,
    own: &OwnAttempt,
    client: &ClientInfo,
    now: DateTime<Utc>,
) -> AppResult<Receipt> {
    let attempt = &own.attempt;
    if attempt.passed != Some(1) {
        return Err(AppError::Unprocessable(
            "only a passed quiz can be attested; take the quiz first".into(),
        ));
    }
    own.ensure_current()?;
    // A second attestation of the same attempt meets the unique key inside the writer: 409.
    let record = chain::append(
        db,
        &NewAttestation {
            school_id: own.school_id.clone(),
            person_id: attempt.person_id.clone(),
            version_id: attempt.version_id.clone(),
            text_sha256: own.text_sha256.clone(),
            attempt_id: attempt.id.clone(),
            score: attempt.score.unwrap_or(0),
            total: attempt.total,
            attested_at: time_text(now),
            ip: client.ip.clone(),
            user_agent: client.user_agent.chars().take(512).collect(),
            source_sha256: own.source_sha256.clone(),
        },
    )
    .await?;
    let hash = record.hash();
    let AttestationRecord {
        id, code, fields, ..
    } = record;
    to_receipt(ReceiptRow {
        id,
        code,
        person_name: own.person_name.clone(),
        school_name: own.school_name.clone(),
        policy_title: own.policy_title.clone(),
        version_label: own.version_label.clone(),
        text_sha256: fields.text_sha256,
        attested_at: fields.attested_at,
        review_period_months: own.review_period_months,
        score: fields.score,
        total: fields.total,
        hash,
    })
}

#[derive(Debug, sqlx::FromRow)]
struct ReceiptRow {
    id: String,
    code: String,
    person_name: String,
    school_name: String,
    policy_title: String,
    version_label: String,
    text_sha256: String,
    attested_at: String,
    review_period_months: i64,
    score: i64,
    total: i64,
    hash: String,
}

const RECEIPT_SELECT: &str = "SELECT a.id, a.code, pe.name AS person_name, s.name AS school_name, \
       p.title AS policy_title, v.label AS version_label, a.text_sha256, a.attested_at, \
       v.review_period_months, a.score, a.total, a.hash \
     FROM attestations a \
     JOIN people pe ON pe.id = a.person_id \
     JOIN schools s ON s.id = a.school_id \
     JOIN policy_versions v ON v.id = a.version_id \
     JOIN policies p ON p.id = v.policy_id";

/// A person's own receipt; anyone else's (or a forged id) is 404.
pub async fn receipt(db: &Db, person_id: &str, attestation_id: &str) -> AppResult<Receipt> {
    let row: ReceiptRow = on_db!(db, |e| sqlx::query_as(&format!(
        "{RECEIPT_SELECT} WHERE a.id = $1 AND a.person_id = $2"
    ))
    .bind(attestation_id)
    .bind(person_id)
    .fetch_optional(e)
    .await)?
    .ok_or(AppError::NotFound("attestation"))?;
    to_receipt(row)
}

fn to_receipt(row: ReceiptRow) -> AppResult<Receipt> {
    let at = parse_time(&row.attested_at)
        .ok_or_else(|| AppError::Internal("stored attestation time unreadable".into()))?;
    let date = at.date_naive();
    Ok(Receipt {
        statement: statement(
            &row.person_name,
            &row.policy_title,
            &row.version_label,
            &row.school_name,
            date,
        ),
        id: row.id,
        code: row.code,
        person_name: row.person_name,
        school_name: row.school_name,
        policy_title: row.policy_title,
        version_label: row.version_label,
        text_sha256: row.text_sha256,
        attested_at: row.attested_at,
        expires: expiry(date, to_u32(row.review_period_months)),
        score: to_u32(row.score),
        total: to_u32(row.total),
        hash: row.hash,
    })
}

/// What the public verification page shows for a code: name, policy, version, date only.
pub async fn verify_code(db: &Db, code: &str) -> AppResult<VerifyView> {
    let code = code.trim().to_ascii_uppercase();
    let row: ReceiptRow = on_db!(db, |e| sqlx::query_as(&format!(
        "{RECEIPT_SELECT} WHERE a.code = $1"
    ))
    .bind(&code)
    .fetch_optional(e)
    .await)?
    .ok_or(AppError::NotFound("attestation with that code"))?;
    let receipt = to_receipt(row)?;
    Ok(VerifyView {
        name: receipt.person_name,
        policy: receipt.policy_title,
        version: receipt.version_label,
        date: parse_time(&receipt.attested_at)
            .map(|t| t.date_naive())
            .unwrap_or_default(),
    })
}

/// The person's latest attestation of any version of a policy (the one they hold), for its receipt.
pub async fn latest_for(db: &Db, person_id: &str, policy_id: &str) -> AppResult<Option<String>> {
    let row: Option<(String,)> = on_db!(db, |e| {
        sqlx::query_as(
        "SELECT a.id FROM attestations a JOIN policy_versions v ON v.id = a.version_id \
         WHERE a.person_id = $1 AND v.policy_id = $2 ORDER BY a.attested_at DESC, v.seq DESC LIMIT 1",
    )
    .bind(person_id)
    .bind(policy_id)
    .fetch_optional(e).await
    })?;
    Ok(row.map(|(id,)| id))
}
