//! The attestation hash chain: append-only evidence that shows any later edit.
//!
//! Each school's attestations are numbered 1, 2, 3 … and each row carries the
//! hash of the row before it; `verify_all` recomputes every link.

use rand::RngCore;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::db::ids::new_id;
use crate::db::Db;
use crate::error::{AppError, AppResult};

/// The `prev_hash` of a school's first attestation.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The fields of an attestation that its hash covers, in a fixed order.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct AttestationRecord {
    /// The row's id.
    pub id: String,
    /// The school whose chain it belongs to.
    pub school_id: String,
    /// Its place in that chain, from 1.
    pub seq: i64,
    /// Who attested.
    pub person_id: String,
    /// Which policy version.
    pub version_id: String,
    /// SHA-256 of the version's text.
    pub text_sha256: String,
    /// The passed quiz attempt.
    pub attempt_id: String,
    /// Its score.
    pub score: i64,
    /// Out of how many.
    pub total: i64,
    /// When (UTC, RFC 3339).
    pub attested_at: String,
    /// The client's IP address.
    pub ip: String,
    /// The client's user agent.
    pub user_agent: String,
    /// The hash of the previous row in the school's chain.
    pub prev_hash: String,
    /// The short code printed on the receipt.
    pub code: String,
}

impl AttestationRecord {
    /// SHA-256 over the record's fields as a JSON array: unambiguous and stable.
    pub fn hash(&self) -> String {
        let fields = serde_json::json!([
            self.id,
            self.school_id,
            self.seq,
            self.person_id,
            self.version_id,
            self.text_sha256,
            self.attempt_id,
            self.score,
            self.total,
            self.attested_at,
            self.ip,
            self.user_agent,
            self.prev_hash,
            self.code
        ]);
        hex::encode(Sha256::digest(fields.to_string().as_bytes()))
    }
}

/// What the caller supplies; the chain fills in id, seq, prev_hash, code and hash.
#[derive(Debug, Clone)]
pub struct NewAttestation {
    /// The school whose chain it joins.
    pub school_id: String,
    /// Who attests.
    pub person_id: String,
    /// Which policy version.
    pub version_id: String,
    /// SHA-256 of the version's text.
    pub text_sha256: String,
    /// The passed attempt.
    pub attempt_id: String,
    /// Its score.
    pub score: i64,
    /// Out of how many.
    pub total: i64,
    /// When (UTC, RFC 3339).
    pub attested_at: String,
    /// The client's IP address.
    pub ip: String,
    /// The client's user agent.
    pub user_agent: String,
}

/// A receipt's short verification code, e.g. `K7F3-9QX2` (Crockford base32, no look-alikes).
pub fn new_code() -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut bytes = [0u8; 8];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let chars: String = bytes
        .iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect();
    format!("{}-{}", &chars[..4], &chars[4..])
}

/// Appends an attestation to its school's chain, retrying if another writer took the same place.
pub async fn append(db: &Db, new: &NewAttestation) -> AppResult<AttestationRecord> {
    let mut last_err = None;
    for _ in 0..20 {
        match try_append(db, new).await {
            Ok(record) => return Ok(record),
            Err(AppError::Database(err)) if is_contention(&err) => last_err = Some(err),
            Err(other) => return Err(other),
        }
    }
    Err(last_err.map_or_else(
        || AppError::Internal("chain append failed".into()),
        AppError::Database,
    ))
}

fn is_contention(err: &sqlx::Error) -> bool {
    match err {
        sqlx::Error::Database(db) => {
            let msg = db.message().to_ascii_lowercase();
            (db.is_unique_violation() && !msg.contains("attempt_id"))
                || msg.contains("locked")
                || msg.contains("busy")
                || msg.contains("serializ")
        }
        _ => false,
    }
}

async fn try_append(db: &Db, new: &NewAttestation) -> AppResult<AttestationRecord> {
    let mut tx = db.pool.begin().await?;
    let head: Option<(i64, String)> = sqlx::query_as(
        "SELECT seq, hash FROM attestations WHERE school_id = $1 ORDER BY seq DESC LIMIT 1",
    )
    .bind(&new.school_id)
    .fetch_optional(&mut *tx)
    .await?;
    let (seq, prev_hash) = head.map_or((1, GENESIS.to_string()), |(s, h)| (s + 1, h));
    let record = AttestationRecord {
        id: new_id(),
        school_id: new.school_id.clone(),
        seq,
        person_id: new.person_id.clone(),
        version_id: new.version_id.clone(),
        text_sha256: new.text_sha256.clone(),
        attempt_id: new.attempt_id.clone(),
        score: new.score,
        total: new.total,
        attested_at: new.attested_at.clone(),
        ip: new.ip.clone(),
        user_agent: new.user_agent.clone(),
        prev_hash,
        code: new_code(),
    };
    sqlx::query(
        "INSERT INTO attestations (id, school_id, seq, person_id, version_id, text_sha256, attempt_id, \
           score, total, attested_at, ip, user_agent, prev_hash, hash, code) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
    )
    .bind(&record.id)
    .bind(&record.school_id)
    .bind(record.seq)
    .bind(&record.person_id)
    .bind(&record.version_id)
    .bind(&record.text_sha256)
    .bind(&record.attempt_id)
    .bind(record.score)
    .bind(record.total)
    .bind(&record.attested_at)
    .bind(&record.ip)
    .bind(&record.user_agent)
    .bind(&record.prev_hash)
    .bind(record.hash())
    .bind(&record.code)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(record)
}

/// The first broken link found in a school's chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    /// The school.
    pub school_id: String,
    /// The row's place in the chain.
    pub seq: i64,
    /// The row's id.
    pub id: String,
    /// What is wrong with it.
    pub reason: String,
}

/// The result of checking every chain.
#[derive(Debug, Clone, Default)]
pub struct ChainReport {
    /// Schools checked.
    pub schools: usize,
    /// Attestations checked.
    pub records: usize,
    /// The first broken link of each broken chain.
    pub broken: Vec<BrokenLink>,
}

impl ChainReport {
    /// True when every chain verifies.
    pub fn is_intact(&self) -> bool {
        self.broken.is_empty()
    }

    /// A summary for the terminal.
    pub fn describe(&self) -> String {
        let mut out = format!(
            "checked {} attestation(s) in {} school chain(s)\n",
            self.records, self.schools
        );
        if self.broken.is_empty() {
            out.push_str("all chains verify\n");
        }
        for b in &self.broken {
            out.push_str(&format!(
                "BROKEN: school {} at record #{} ({}): {}\n",
                b.school_id, b.seq, b.id, b.reason
            ));
        }
        out
    }
}

/// Recomputes every school's chain and reports the first broken link of each.
pub async fn verify_all(db: &Db) -> AppResult<ChainReport> {
    let schools: Vec<(String,)> =
        sqlx::query_as("SELECT DISTINCT school_id FROM attestations ORDER BY school_id")
            .fetch_all(&db.pool)
            .await?;
    let mut report = ChainReport {
        schools: schools.len(),
        ..ChainReport::default()
    };
    for (school_id,) in schools {
        let rows: Vec<(String, i64, String)> = sqlx::query_as(
            "SELECT id, seq, hash FROM attestations WHERE school_id = $1 ORDER BY seq",
        )
        .bind(&school_id)
        .fetch_all(&db.pool)
        .await?;
        report.records += rows.len();
        if let Some(broken) = first_break(db, &school_id, &rows).await? {
            report.broken.push(broken);
        }
    }
    Ok(report)
}

/// Checks one school's chain in a single query: (records, first broken link).
pub async fn verify_school(db: &Db, school_id: &str) -> AppResult<(usize, Option<BrokenLink>)> {
    #[allow(clippy::type_complexity)]
    let rows: Vec<(String, String, i64, String, String, String, String, i64, i64, String, String, String, String, String)> =
        sqlx::query_as(
            "SELECT id, school_id, seq, person_id, version_id, text_sha256, attempt_id, score, total, \
               attested_at, ip, user_agent, prev_hash, code FROM attestations WHERE school_id = $1 ORDER BY seq",
        )
        .bind(school_id)
        .fetch_all(&db.pool)
        .await?;
    let hashes: Vec<(String, String)> =
        sqlx::query_as("SELECT id, hash FROM attestations WHERE school_id = $1 ORDER BY seq")
            .bind(school_id)
            .fetch_all(&db.pool)
            .await?;
    let mut prev = GENESIS.to_string();
    for ((expected, row), (_, stored)) in (1..).zip(rows.iter()).zip(hashes.iter()) {
        let record = AttestationRecord {
            id: row.0.clone(),
            school_id: row.1.clone(),
            seq: row.2,
            person_id: row.3.clone(),
            version_id: row.4.clone(),
            text_sha256: row.5.clone(),
            attempt_id: row.6.clone(),
            score: row.7,
            total: row.8,
            attested_at: row.9.clone(),
            ip: row.10.clone(),
            user_agent: row.11.clone(),
            prev_hash: row.12.clone(),
            code: row.13.clone(),
        };
        let reason = if record.seq != expected {
            Some(format!("expected record #{expected}: a record is missing"))
        } else if record.prev_hash != prev {
            Some("its previous-hash does not match the record before it".to_string())
        } else if record.hash() != *stored {
            Some("its contents no longer match its hash (altered)".to_string())
        } else {
            None
        };
        if let Some(reason) = reason {
            let broken = BrokenLink {
                school_id: school_id.to_string(),
                seq: record.seq,
                id: record.id,
                reason,
            };
            return Ok((rows.len(), Some(broken)));
        }
        prev = stored.clone();
    }
    Ok((rows.len(), None))
}

async fn first_break(
    db: &Db,
    school_id: &str,
    rows: &[(String, i64, String)],
) -> AppResult<Option<BrokenLink>> {
    let mut prev = GENESIS.to_string();
    for (expected_seq, (id, seq, stored_hash)) in (1..).zip(rows) {
        let broken = |reason: String| {
            Some(BrokenLink {
                school_id: school_id.to_string(),
                seq: *seq,
                id: id.clone(),
                reason,
            })
        };
        if *seq != expected_seq {
            return Ok(broken(format!(
                "expected record #{expected_seq}: a record is missing"
            )));
        }
        let record: AttestationRecord = sqlx::query_as(
            "SELECT id, school_id, seq, person_id, version_id, text_sha256, attempt_id, score, total, \
               attested_at, ip, user_agent, prev_hash, code FROM attestations WHERE id = $1",
        )
        .bind(id)
        .fetch_one(&db.pool)
        .await?;
        if record.prev_hash != prev {
            return Ok(broken(
                "its previous-hash does not match the record before it".into(),
            ));
        }
        if record.hash() != *stored_hash {
            return Ok(broken(
                "its contents no longer match its hash (altered)".into(),
            ));
        }
        prev = stored_hash.clone();
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_short_and_unambiguous() {
        let code = new_code();
        assert_eq!(code.len(), 9);
        assert!(code
            .chars()
            .all(|c| c == '-' || (c.is_ascii_alphanumeric() && !"ILOU".contains(c))));
    }
}
