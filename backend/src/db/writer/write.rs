//! What goes through the group-commit writer: the kinds of write, how each is applied,
//! what it did, and the change to history it notes in the journal.

use std::collections::BTreeSet;

use crate::attempts::{NewAttempt, Submission};
use crate::chain::{AttestationRecord, NewAttestation};
use crate::db::lite;
use crate::error::AppError;
use crate::learning::Progress;
use crate::standings::journal::Batch;

/// A write that goes through the group-commit writer.
#[derive(Debug, Clone)]
pub enum Write {
    /// Append an attestation to its school's chain.
    Attest(NewAttestation),
    /// Store a graded quiz submission (first one wins).
    Submit(Submission),
    /// Store a freshly drawn quiz attempt.
    Start(NewAttempt),
    /// Save where a person is in a module.
    Progress(Progress),
}

/// One statement of a write, with its arguments.
pub type Statement<'a> = (&'static str, Vec<lite::Arg<'a>>);

/// How a write is applied.
pub(super) enum Step<'a> {
    /// Appended to its school's chain.
    Append(&'a NewAttestation),
    /// Statements run in order, undone together if one fails; what the first changed is
    /// what the write did.
    Run(Vec<Statement<'a>>),
}

impl Write {
    pub(super) fn step(&self) -> Step<'_> {
        Step::Run(match self {
            Write::Attest(new) => return Step::Append(new),
            Write::Submit(s) => vec![s.statement()],
            Write::Start(a) => a.statements().into(),
            Write::Progress(p) => vec![p.statement()],
        })
    }

    /// Whether it takes more than one statement, so that a failure must undo the others.
    pub(super) fn is_compound(&self) -> bool {
        matches!(self, Write::Start(_))
    }

    /// What a write that had `rows` rows changed did (not for attestations).
    pub(super) fn written(&self, rows: u64) -> Written {
        match self {
            Write::Submit(_) => Written::Submitted(rows == 1),
            _ => Written::Stored,
        }
    }

    /// Notes in `batch` the change to history a committed write made.
    pub(super) fn note(&self, written: &Written, batch: &mut Batch) {
        match (self, written) {
            (Write::Attest(new), Written::Attested(record)) => {
                batch.held(
                    &new.person_id,
                    &new.version_id,
                    &new.attested_at,
                    record.seq,
                );
            }
            (Write::Submit(s), Written::Submitted(true)) => {
                let passed = (s.passed == 1).then_some(s.submitted_at.as_str());
                batch.attempt(&s.person_id, &s.version_id, &s.started_at, passed);
            }
            (Write::Start(a), Written::Stored) => {
                batch.attempt(&a.person_id, &a.version_id, &a.created_at, None);
            }
            (Write::Progress(p), Written::Stored) => {
                batch.progress(&p.person_id, &p.version_id, p.lessons_done, &p.updated_at);
            }
            _ => {}
        }
    }
}

/// What a write did.
#[derive(Debug)]
pub enum Written {
    /// The appended record.
    Attested(Box<AttestationRecord>),
    /// Whether the submission was stored (false: the attempt was already submitted).
    Submitted(bool),
    /// An attempt or lesson progress was stored.
    Stored,
}

/// The schools whose chains a batch appends to.
pub(super) fn schools(writes: &[Write]) -> BTreeSet<&str> {
    writes
        .iter()
        .filter_map(|w| match w {
            Write::Attest(a) => Some(a.school_id.as_str()),
            _ => None,
        })
        .collect()
}

/// A write's own failure, as its request should see it.
pub(super) fn own_failure(write: &Write, err: sqlx::Error) -> AppError {
    let duplicate = matches!(&err, sqlx::Error::Database(d) if d.is_unique_violation());
    match write {
        Write::Attest(_) if duplicate => already_attested(),
        _ => AppError::Database(err),
    }
}

pub(super) fn already_attested() -> AppError {
    AppError::Conflict("this attempt has already been attested".into())
}
