//! Appending to the chains: through the process's one writer, many attestations per commit.
//!
//! Inside a batch's transaction each touched school's chain head is read once (on
//! PostgreSQL after taking that school's advisory lock, so several server processes
//! queue for a chain instead of forking it) and advanced in memory as rows go in.

use std::collections::{BTreeSet, HashMap};

use sqlx::AnyConnection;

use super::{new_code, AttestationRecord, NewAttestation, GENESIS};
use crate::db::ids::new_id;
use crate::db::lite::{self, Arg};
use crate::db::writer::{Write, Written};
use crate::db::{Db, DbKind};
use crate::error::{AppError, AppResult};

/// Appends an attestation to its school's chain; returns once it is durable.
pub async fn append(db: &Db, new: &NewAttestation) -> AppResult<AttestationRecord> {
    match db.write(Write::Attest(new.clone())).await? {
        Written::Attested(record) => Ok(*record),
        _ => Err(AppError::Internal("writer answered the wrong write".into())),
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
            let head: Option<(i64, String)> = sqlx::query_as(HEAD)
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

    /// Reads the heads of `schools` on SQLite's fast lane, inside the writer's
    /// `BEGIN IMMEDIATE` (which already excludes every other writer).
    pub fn read_lite(
        conn: &rusqlite::Connection,
        schools: &BTreeSet<&str>,
    ) -> rusqlite::Result<Heads> {
        let mut heads = HashMap::new();
        for school in schools {
            let head = lite::query_one(conn, HEAD, &[Arg::Text(school)], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
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

/// A school's chain head.
const HEAD: &str =
    "SELECT seq, hash FROM attestations WHERE school_id = $1 ORDER BY seq DESC LIMIT 1";

/// Inserting a record: [`record_args`] are its arguments.
const INSERT_RECORD: &str =
    "INSERT INTO attestations (id, school_id, seq, person_id, version_id, text_sha256, attempt_id, \
       score, total, attested_at, ip, user_agent, prev_hash, hash, code) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)";

/// [`INSERT_RECORD`]'s arguments for `record`, whose hash is `hash`.
fn record_args<'a>(record: &'a AttestationRecord, hash: &'a str) -> [Arg<'a>; 15] {
    let f = &record.fields;
    [
        Arg::Text(&record.id),
        Arg::Text(&f.school_id),
        Arg::Int(record.seq),
        Arg::Text(&f.person_id),
        Arg::Text(&f.version_id),
        Arg::Text(&f.text_sha256),
        Arg::Text(&f.attempt_id),
        Arg::Int(f.score),
        Arg::Int(f.total),
        Arg::Text(&f.attested_at),
        Arg::Text(&f.ip),
        Arg::Text(&f.user_agent),
        Arg::Text(&record.prev_hash),
        Arg::Text(hash),
        Arg::Text(&record.code),
    ]
}

/// Inserts a record built by [`Heads::next`]; returns its hash.
pub async fn insert_record(
    conn: &mut AnyConnection,
    record: &AttestationRecord,
) -> Result<String, sqlx::Error> {
    let hash = record.hash();
    lite::sqlx_query(INSERT_RECORD, &record_args(record, &hash))
        .execute(&mut *conn)
        .await?;
    Ok(hash)
}

/// [`insert_record`] on SQLite's fast lane.
pub fn insert_record_lite(
    conn: &rusqlite::Connection,
    record: &AttestationRecord,
) -> rusqlite::Result<String> {
    let hash = record.hash();
    lite::execute(conn, INSERT_RECORD, &record_args(record, &hash))?;
    Ok(hash)
}
