//! Appending to the chains: through the process's one writer, many attestations per commit.
//!
//! Inside a batch's transaction each touched school's chain head is read once (on
//! PostgreSQL after taking that school's advisory lock, so several server processes
//! queue for a chain instead of forking it) and advanced in memory as rows go in.

use super::{new_code, AttestationRecord, NewAttestation, GENESIS};
use crate::db::ids::new_id;
use crate::db::writer::{Chain, Head, Statement, Write};
use crate::db::Arg;
use crate::db::Db;
use crate::error::{AppError, AppResult};

/// Appends an attestation to its school's chain; returns once it is durable.
pub async fn append(db: &Db, new: &NewAttestation) -> AppResult<AttestationRecord> {
    db.write(Append {
        new: new.clone(),
        record: None,
    })
    .await
}

/// An attestation on its way into its school's chain: the record it becomes (with its
/// hash) once the chain's head is known.
#[derive(Debug)]
struct Append {
    new: NewAttestation,
    record: Option<(AttestationRecord, String)>,
}

impl Write for Append {
    type Output = AttestationRecord;

    fn chain(&self) -> Option<Chain<'_>> {
        Some(Chain {
            head: HEAD,
            key: &self.new.school_id,
            genesis: GENESIS,
        })
    }

    fn statements(&mut self, head: Option<&mut Head>) -> Vec<Statement<'_>> {
        let (seq, prev_hash) = head
            .as_deref()
            .map_or((1, GENESIS.to_string()), |h| (h.seq + 1, h.hash.clone()));
        let record = AttestationRecord {
            id: new_id(),
            seq,
            prev_hash,
            code: new_code(),
            fields: self.new.clone(),
        };
        let hash = record.hash();
        if let Some(head) = head {
            *head = Head {
                seq,
                hash: hash.clone(),
            };
        }
        let (record, hash) = self.record.insert((record, hash));
        vec![(INSERT_RECORD, record_args(record, hash).into())]
    }

    fn output(self, _rows: u64) -> AppResult<AttestationRecord> {
        self.record
            .map(|(record, _)| record)
            .ok_or_else(|| AppError::Internal("an attestation was committed unbuilt".into()))
    }

    fn conflict(&self) -> Option<&'static str> {
        Some("this attempt has already been attested")
    }
}

/// A school's chain head.
const HEAD: &str =
    "SELECT seq, hash FROM attestations WHERE school_id = $1 ORDER BY seq DESC LIMIT 1";

/// Inserting a record: [`record_args`] are its arguments.
const INSERT_RECORD: &str =
    "INSERT INTO attestations (id, school_id, seq, person_id, version_id, text_sha256, attempt_id, \
       score, total, attested_at, ip, user_agent, prev_hash, hash, code, source_sha256) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)";

/// [`INSERT_RECORD`]'s arguments for `record`, whose hash is `hash`.
fn record_args<'a>(record: &'a AttestationRecord, hash: &'a str) -> [Arg<'a>; 16] {
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
        match &f.source_sha256 {
            Some(source) => Arg::Text(source),
            None => Arg::Null,
        },
    ]
}
