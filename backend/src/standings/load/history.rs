//! Attestations, attempts and lesson progress of some people, as plain rows.
//!
//! Nothing is grouped or probed per row in SQL: attempts and reading only matter until
//! the current version is attested, and the builder, which holds every attestation by
//! then, drops the rest (My training, one person, also keeps lessons read on attested
//! modules). On PostgreSQL, grouping each person's records into one string cost the
//! server more than sending the rows, and probing the attestations' index for each
//! attempt about as much again.
//!
//! On SQLite, everyone's history (the sweep's, or a trust's holding most of the file) is
//! read in two [`Part`]s at once, split at the middle person's id, each on a connection
//! and a core of its own: reading the rows is most of the work.

use futures_util::future::try_join_all;

use super::each_row;
use crate::db::lite::{self, Lite};
use crate::db::{Arg, Db, DbKind, Lane};
use crate::error::AppResult;
use crate::standings::build::{Builder, History, Reader};
use crate::standings::fields::{day, Cols};
use crate::standings::Scope;

/// Whose history to read: a scope's people, or some people named in a JSON array.
pub(in crate::standings) enum Whose<'a> {
    /// The scope's people (with or without leavers).
    Scope(&'a Scope<'a>, bool),
    /// The people in this JSON array of ids (catching cached standings up).
    Listed(&'a str),
}

impl Whose<'_> {
    /// A condition limiting a `person_id` column to these people.
    ///
    /// A scope's attestations, attempts and reading are fetched by person, through their
    /// (person, version) indexes, rather than by joining every row to its version's school
    /// (which scanned every school's attempts); records of other schools' versions are
    /// dropped by the builder. Schools holding most of the file are read as everyone
    /// ([`super::load`]).
    fn people(&self, db: &Db, col: &str) -> String {
        match self {
            Whose::Scope(scope @ Scope::Schools(_), include_leavers) => {
                let active = if *include_leavers {
                    ""
                } else {
                    " AND active = 1"
                };
                format!(
                    "{col} IN (SELECT person_id FROM memberships WHERE {}{active})",
                    scope.schools("school_id")
                )
            }
            Whose::Scope(Scope::Person(_), _) => format!("{col} = $1"),
            Whose::Scope(Scope::Everyone, _) => "1 = 1".into(),
            Whose::Listed(_) => match db.kind() {
                DbKind::Sqlite => format!("{col} IN (SELECT value FROM json_each($1))"),
                DbKind::Postgres => {
                    format!("{col} IN (SELECT json_array_elements_text(CAST($1 AS json)))")
                }
            },
        }
    }

    fn binds(&self) -> Vec<String> {
        match self {
            Whose::Scope(scope, _) => scope.binds(),
            Whose::Listed(ids) => vec![ids.to_string()],
        }
    }

    /// Whether lessons read on attested versions are kept (My training shows them).
    fn keep_attested(&self) -> bool {
        matches!(self, Whose::Scope(Scope::Person(_), _))
    }

    /// Whether the history is read in two parts at once: everyone's on SQLite (a few
    /// people's is read sooner than a second connection is found). PostgreSQL's server
    /// then scanned each table once per part, on the two cores the client decodes on,
    /// and was no faster.
    fn in_parts(&self, db: &Db) -> bool {
        db.kind() == DbKind::Sqlite && matches!(self, Whose::Scope(Scope::Everyone, _))
    }
}

/// A part of the people whose history is read: all of them, or those whose id sorts
/// below or from a split (the middle of the people loaded, so that the halves are near
/// enough equal whatever ids look like). The two conditions cover every id between
/// them whatever the database's collation.
#[derive(Debug, Clone, Copy)]
enum Part<'s> {
    All,
    Below(&'s str),
    From(&'s str),
}

impl Part<'_> {
    /// The condition on `col`, with the split bound as `$n`.
    fn condition(self, col: &str, n: usize) -> String {
        match self {
            Part::All => "1 = 1".into(),
            Part::Below(_) => format!("{col} < ${n}"),
            Part::From(_) => format!("{col} >= ${n}"),
        }
    }

    fn split(self) -> Option<String> {
        match self {
            Part::All => None,
            Part::Below(split) | Part::From(split) => Some(split.to_string()),
        }
    }
}

/// One part's queries, as its database reads them, and their binds.
struct Queries {
    binds: Vec<String>,
    /// Attestations: person, version, day, chain record.
    held: String,
    /// Attempts: on SQLite person, version and rowid (see [`read_lite`]); on PostgreSQL
    /// person, version, day started and day passed.
    attempts: String,
    /// Lesson progress: person, version, day saved, lessons done.
    progress: String,
}

impl Queries {
    fn new(db: &Db, whose: &Whose<'_>, part: Part<'_>) -> Queries {
        let mut binds = whose.binds();
        let split = binds.len() + 1;
        binds.extend(part.split());
        let people = |col: &str| {
            let part = part.condition(col, split);
            format!("{} AND {part}", whose.people(db, col))
        };
        let attempts = match db.kind() {
            DbKind::Sqlite => "t.person_id, t.version_id, t.rowid",
            DbKind::Postgres => {
                "t.person_id, t.version_id, t.created_at, \
                 COALESCE(CASE WHEN t.passed = 1 THEN t.submitted_at END, '')"
            }
        };
        Queries {
            binds,
            // By the scope's people: the (person, version, day, seq) index then answers the
            // attestations alone, in person order (by school, every row was visited at random).
            held: format!(
                "SELECT a.person_id, a.version_id, a.attested_at, a.seq FROM attestations a \
                 WHERE {}",
                people("a.person_id")
            ),
            attempts: format!(
                "SELECT {attempts} FROM attempts t WHERE {}",
                people("t.person_id")
            ),
            progress: format!(
                "SELECT l.person_id, l.version_id, l.updated_at, l.lessons_done \
                 FROM lesson_progress l WHERE {}",
                people("l.person_id")
            ),
        }
    }
}

/// Reads some people's history into the builder, in [`Part`]s at once.
pub(in crate::standings) async fn load_history(
    db: &Db,
    whose: &Whose<'_>,
    facts: &mut Builder,
) -> AppResult<()> {
    let keep = whose.keep_attested();
    let (keys, history) = facts.history();
    let split = whose.in_parts(db).then(|| keys.middle_person()).flatten();
    let parts: Vec<Queries> = match &split {
        Some(split) => vec![Part::Below(split), Part::From(split)],
        None => vec![Part::All],
    }
    .into_iter()
    .map(|part| Queries::new(db, whose, part))
    .collect();
    let mut others: Vec<History> = parts[1..].iter().map(|_| History::default()).collect();
    let readers = std::iter::once(Reader::new(keys, &mut *history))
        .chain(others.iter_mut().map(|other| Reader::new(keys, other)));
    let mut reads: Vec<(&Queries, Reader<'_>)> = parts.iter().zip(readers).collect();
    match db.lane() {
        Lane::Sqlite(lite) => {
            let (queries, reader) = reads.remove(0);
            lite::bulk(|| {
                std::thread::scope(|scope| {
                    let spawned: Vec<_> = reads
                        .into_iter()
                        .map(|(q, r)| scope.spawn(|| part_lite(lite, q, r, keep)))
                        .collect();
                    let mine = part_lite(lite, queries, reader, keep);
                    for part in spawned {
                        // A panic in a part is a bug: surface it as the caller's.
                        part.join()
                            .unwrap_or_else(|e| std::panic::resume_unwind(e))?;
                    }
                    mine
                })
            })?;
        }
        Lane::Postgres(_) => {
            try_join_all(reads.into_iter().map(|(q, r)| part_pg(db, q, r, keep))).await?;
        }
    }
    for other in others {
        history.absorb(other);
    }
    Ok(())
}

/// One part on PostgreSQL: attestations first, so that the reader knows which attempts
/// and reading still count.
async fn part_pg(
    db: &Db,
    queries: &Queries,
    mut reader: Reader<'_>,
    keep_attested: bool,
) -> AppResult<()> {
    let binds = &queries.binds;
    each_row(db, &queries.held, binds, |r| {
        reader.held(r.text(0)?, r.text(1)?, day(r.text(2)?), r.int(3)?);
        Ok(())
    })
    .await?;
    each_row(db, &queries.attempts, binds, |r| {
        let passed = r.text(3)?;
        let passed = (!passed.is_empty()).then(|| day(passed));
        reader.attempt(r.text(0)?, r.text(1)?, day(r.text(2)?), passed);
        Ok(())
    })
    .await?;
    each_row(db, &queries.progress, binds, |r| {
        let (done, on) = (r.int(3)?, day(r.text(2)?));
        reader.progress(r.text(0)?, r.text(1)?, done, on, keep_attested);
        Ok(())
    })
    .await
}

/// One part on SQLite's fast lane, on an idle connection of its own.
fn part_lite(
    lite: &Lite,
    queries: &Queries,
    mut reader: Reader<'_>,
    keep_attested: bool,
) -> AppResult<()> {
    lite.read(|conn| Ok(read_lite(conn, queries, &mut reader, keep_attested)))?
}

/// The attempts [`read_lite`] picked, by rowid (a JSON array of them).
const PICKED_ATTEMPTS: &str = "SELECT person_id, version_id, created_at, \
       CASE WHEN passed = 1 THEN submitted_at END \
     FROM attempts WHERE rowid IN (SELECT value FROM json_each($1))";

/// One part's history on SQLite, in one snapshot.
///
/// Attestations come as plain rows, as on PostgreSQL. Attempts come in two steps: each
/// one's person and version from their index alone (with the rowid), then the rows of
/// those the reader wants. Most attempts are of versions since attested, which the
/// reader knows from the attestations: probing the attestations' index for each attempt
/// in SQL took as long as everything else here.
fn read_lite(
    conn: &rusqlite::Connection,
    queries: &Queries,
    reader: &mut Reader<'_>,
    keep_attested: bool,
) -> AppResult<()> {
    // One snapshot throughout, so that the rowids still name the same rows.
    let tx = conn.unchecked_transaction()?;
    let args: Vec<Arg<'_>> = queries.binds.iter().map(|b| Arg::Text(b)).collect();
    lite::for_each(&tx, &queries.held, &args, |r| {
        reader.held(r.text(0)?, r.text(1)?, day(r.text(2)?), r.int(3)?);
        AppResult::Ok(())
    })??;
    let mut picked = Vec::new();
    lite::for_each(&tx, &queries.attempts, &args, |r| {
        if reader.wants_attempt(r.text(0)?, r.text(1)?) {
            picked.push(r.int(2)?.to_string());
        }
        AppResult::Ok(())
    })??;
    if !picked.is_empty() {
        let rowids = format!("[{}]", picked.join(","));
        lite::for_each(&tx, PICKED_ATTEMPTS, &[Arg::Text(&rowids)], |r| {
            let passed: Option<String> = r.get(3)?;
            reader.attempt(
                r.text(0)?,
                r.text(1)?,
                day(r.text(2)?),
                passed.as_deref().map(day),
            );
            AppResult::Ok(())
        })??;
    }
    lite::for_each(&tx, &queries.progress, &args, |r| {
        let (done, on) = (r.int(3)?, day(r.text(2)?));
        reader.progress(r.text(0)?, r.text(1)?, done, on, keep_attested);
        AppResult::Ok(())
    })??;
    tx.commit()?;
    Ok(())
}
