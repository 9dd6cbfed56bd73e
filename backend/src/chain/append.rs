//! Appending to the chains: through the process's one writer, many attestations per commit.
//!
//! Inside a batch's transaction each touched school's chain head is read once (on
//! PostgreSQL after taking that school's advisory lock, so several server processes
//! queue for a chain instead of forking it) and advanced in memory as rows go in.

use std::collections::{BTreeSet, HashMap};

use sqlx::AnyConnection;

use super::{new_code, AttestationRecord, NewAttestation, GENESIS};
use crate::db::ids::new_id;
use crate::db::writer::{Write, Written};
use crate::db::{Db, DbKind};
use crate::error::{AppError, AppResult};

/// Appends an attestation to its school's chain; returns once it is durable.
pub async fn append(db: &Db, new: &NewAttestation) -> AppResult<AttestationRecord> {
    match db.write(Write::Attest(new.clone())).await? {
        Written::Attested(record) => Ok(*record),
        Written::Submitted(_) => Err(AppError::Internal("writer answered the wrong write".into())),
    }
}

/// The last (seq, hash) of each school chain a batch appends to.
#[derive(Debug, Default)]
pub struct Heads(HashMap<String, (i64, String)>);

impl Heads {
    /// Locks (PostgreSQL) and reads the heads of `schools`, in a fixed order so lockers never deadlock.
    pub async fn lock_and_read(
        conn: &mut AnyConnection,
        kind: DbKind,
        schools: &BTreeSet<&str>,
    ) -> Result<Heads, sqlx::Error> {
        let mut heads = HashMap::new();
        for school in schools {
            if kind == DbKind::Postgres {
                sqlx::query("SELECT pg_advisory_xact_lock(hashtext($1))::text")
                    .bind(*school)
                    .execute(&mut *conn)
                    .await?;
            }
            let head: Option<(i64, String)> = sqlx::query_as(
                "SELECT seq, hash FROM attestations WHERE school_id = $1 ORDER BY seq DESC LIMIT 1",
            )
            .bind(*school)
            .fetch_optional(&mut *conn)
            .await?;
            heads.insert(
                (*school).to_string(),
                head.unwrap_or((0, GENESIS.to_string())),
            );
        }
        Ok(Heads(heads))
    }

    /// The record `new` becomes if it is appended now.
    pub fn next(&self, new: &NewAttestation) -> AttestationRecord {
        let (seq, prev_hash) = self
            .0
            .get(&new.school_id)
            .map_or((1, GENESIS.to_string()), |(s, h)| (s + 1, h.clone()));
        AttestationRecord {
            id: new_id(),
            seq,
            prev_hash,
            code: new_code(),
            fields: new.clone(),
        }
    }

    /// Moves a school's head to a record just inserted.
    pub fn advance(&mut self, school_id: &str, seq: i64, hash: String) {
        self.0.insert(school_id.to_string(), (seq, hash));
    }
}

/// Inserts a record built by [`Heads::next`]; returns its hash.
pub async fn insert_record(
    conn: &mut AnyConnection,
    record: &AttestationRecord,
) -> Result<String, sqlx::Error> {
    let f = &record.fields;
    let hash = record.hash();
    sqlx::query(
        "INSERT INTO attestations (id, school_id, seq, person_id, version_id, text_sha256, attempt_id, \
           score, total, attested_at, ip, user_agent, prev_hash, hash, code) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
    )
    .bind(&record.id)
    .bind(&f.school_id)
    .bind(record.seq)
    .bind(&f.person_id)
    .bind(&f.version_id)
    .bind(&f.text_sha256)
    .bind(&f.attempt_id)
    .bind(f.score)
    .bind(f.total)
    .bind(&f.attested_at)
    .bind(&f.ip)
    .bind(&f.user_agent)
    .bind(&record.prev_hash)
    .bind(&hash)
    .bind(&record.code)
    .execute(&mut *conn)
    .await?;
    Ok(hash)
}
