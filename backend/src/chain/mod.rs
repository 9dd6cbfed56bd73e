//! The attestation hash chain: append-only evidence that shows any later edit.
//!
//! Each school's attestations are numbered 1, 2, 3 … and each row carries the
//! hash of the row before it; `verify_all` recomputes every link.

use rand::RngCore;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::db::Db;
use crate::error::AppResult;
use crate::on_db;

mod append;

pub use append::append;

/// The `prev_hash` of a school's first attestation.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What the caller supplies; the chain adds id, place, previous hash and code.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
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
    /// SHA-256 of the version's kept original (none for versions published before files
    /// were kept, and for records written before then).
    pub source_sha256: Option<String>,
}

/// A stored attestation: every field its hash covers.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct AttestationRecord {
    /// The row's id.
    pub id: String,
    /// Its place in the school's chain, from 1.
    pub seq: i64,
    /// The hash of the previous row in the school's chain.
    pub prev_hash: String,
    /// The short code printed on the receipt.
    pub code: String,
    /// What was attested, by whom, when and from where.
    #[sqlx(flatten)]
    pub fields: NewAttestation,
}

impl AttestationRecord {
    /// SHA-256 over the record's fields as a JSON array: unambiguous and stable. The
    /// original's hash joins the end of the array only when there is one, so records
    /// written before files were kept hash (and verify) exactly as they always did.
    pub fn hash(&self) -> String {
        let f = &self.fields;
        let mut fields = serde_json::json!([
            self.id,
            f.school_id,
            self.seq,
            f.person_id,
            f.version_id,
            f.text_sha256,
            f.attempt_id,
            f.score,
            f.total,
            f.attested_at,
            f.ip,
            f.user_agent,
            self.prev_hash,
            self.code
        ]);
        if let (Some(source), Some(list)) = (&f.source_sha256, fields.as_array_mut()) {
            list.push(serde_json::Value::String(source.clone()));
        }
        hex::encode(Sha256::digest(fields.to_string().as_bytes()))
    }
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
    let schools: Vec<(String,)> = on_db!(db, |e| sqlx::query_as(
        "SELECT DISTINCT school_id FROM attestations ORDER BY school_id"
    )
    .fetch_all(e)
    .await)?;
    let mut report = ChainReport {
        schools: schools.len(),
        ..ChainReport::default()
    };
    for (school_id,) in schools {
        let (records, broken) = verify_school(db, &school_id).await?;
        report.records += records;
        report.broken.extend(broken);
    }
    Ok(report)
}

/// Checks one school's chain in a single query: (records, first broken link).
pub async fn verify_school(db: &Db, school_id: &str) -> AppResult<(usize, Option<BrokenLink>)> {
    let rows: Vec<StoredRow> = on_db!(db, |e| {
        sqlx::query_as(
        "SELECT id, school_id, seq, person_id, version_id, text_sha256, attempt_id, score, total, \
           attested_at, ip, user_agent, prev_hash, code, hash, source_sha256 \
         FROM attestations WHERE school_id = $1 ORDER BY seq",
    )
    .bind(school_id)
    .fetch_all(e).await
    })?;
    Ok((rows.len(), first_break(school_id, &rows)))
}

/// A stored row with the hash it was stored with.
#[derive(Debug, sqlx::FromRow)]
struct StoredRow {
    #[sqlx(flatten)]
    record: AttestationRecord,
    hash: String,
}

/// The first row of a school's chain that is missing, relinked or altered.
fn first_break(school_id: &str, rows: &[StoredRow]) -> Option<BrokenLink> {
    let mut prev = GENESIS;
    for (expected_seq, row) in (1..).zip(rows) {
        let record = &row.record;
        let reason = if record.seq != expected_seq {
            Some(format!(
                "expected record #{expected_seq}: a record is missing"
            ))
        } else if record.prev_hash != prev {
            Some("its previous-hash does not match the record before it".to_string())
        } else if record.hash() != row.hash {
            Some("its contents no longer match its hash (altered)".to_string())
        } else {
            None
        };
        if let Some(reason) = reason {
            return Some(BrokenLink {
                school_id: school_id.to_string(),
                seq: record.seq,
                id: record.id.clone(),
                reason,
            });
        }
        prev = &row.hash;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain_of(n: i64) -> Vec<StoredRow> {
        let mut prev = GENESIS.to_string();
        (1..=n)
            .map(|seq| {
                let record = AttestationRecord {
                    id: format!("a{seq}"),
                    seq,
                    prev_hash: prev.clone(),
                    code: format!("CODE-{seq}"),
                    fields: NewAttestation {
                        school_id: "s".into(),
                        person_id: "p".into(),
                        version_id: "v".into(),
                        text_sha256: "t".into(),
                        attempt_id: format!("at{seq}"),
                        score: 9,
                        total: 10,
                        attested_at: "2026-09-01T09:00:00Z".into(),
                        ip: "127.0.0.1".into(),
                        user_agent: "test".into(),
                        source_sha256: (seq % 2 == 0).then(|| format!("{seq:064}")),
                    },
                };
                let hash = record.hash();
                prev = hash.clone();
                StoredRow { record, hash }
            })
            .collect()
    }

    #[test]
    fn an_intact_chain_verifies() {
        assert_eq!(first_break("s", &chain_of(4)), None);
    }

    #[test]
    fn an_altered_field_breaks_the_chain_at_that_record() {
        let mut rows = chain_of(4);
        rows[2].record.fields.score = 10;
        let broken = first_break("s", &rows).unwrap();
        assert_eq!((broken.seq, broken.reason.contains("altered")), (3, true));
    }

    #[test]
    fn a_deleted_record_breaks_the_chain_where_it_was() {
        let mut rows = chain_of(4);
        rows.remove(1);
        let broken = first_break("s", &rows).unwrap();
        assert_eq!(broken.id, "a3");
        assert!(broken.reason.contains("missing"), "{}", broken.reason);
    }

    #[test]
    fn a_record_without_an_original_hashes_as_records_always_did() {
        let rows = chain_of(1);
        let record = &rows[0].record;
        let f = &record.fields;
        let before = serde_json::json!([
            record.id,
            f.school_id,
            record.seq,
            f.person_id,
            f.version_id,
            f.text_sha256,
            f.attempt_id,
            f.score,
            f.total,
            f.attested_at,
            f.ip,
            f.user_agent,
            record.prev_hash,
            record.code
        ]);
        assert_eq!(
            rows[0].hash,
            hex::encode(Sha256::digest(before.to_string().as_bytes()))
        );
    }

    #[test]
    fn a_changed_original_breaks_the_chain() {
        let mut rows = chain_of(4);
        rows[1].record.fields.source_sha256 = Some(format!("{:064}", 9));
        let broken = first_break("s", &rows).unwrap();
        assert_eq!((broken.seq, broken.reason.contains("altered")), (2, true));
    }

    #[test]
    fn a_rehashed_forgery_still_breaks_the_next_link() {
        let mut rows = chain_of(4);
        rows[1].record.fields.score = 10;
        rows[1].hash = rows[1].record.hash();
        let broken = first_break("s", &rows).unwrap();
        assert_eq!(broken.seq, 3);
        assert!(broken.reason.contains("previous-hash"), "{}", broken.reason);
    }

    #[test]
    fn codes_are_short_and_unambiguous() {
        let code = new_code();
        assert_eq!(code.len(), 9);
        assert!(code
            .chars()
            .all(|c| c == '-' || (c.is_ascii_alphanumeric() && !"ILOU".contains(c))));
    }
}
