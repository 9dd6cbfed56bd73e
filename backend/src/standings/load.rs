//! The few bulk queries that gather every fact the status rule needs for a scope.
//!
//! Rows are streamed straight into the [`Builder`] (never held all at once) and text is
//! read borrowed from each row. On a SQLite file the queries take the fast lane
//! ([`crate::db::lite`]), where a row costs no hand-off between threads.

use attest_domain::status::Pause;
use futures_util::TryStreamExt;

use super::build::{Builder, NewMember};
use super::fields::{date, day, Cols};
use super::{Facts, Scope, VersionFacts};
use crate::db::ids::parse_date;
use crate::db::lite;
use crate::db::rows::marks;
use crate::db::Arg;
use crate::db::Lane;
use crate::db::{Db, DbKind};
use crate::error::AppResult;

impl Scope<'_> {
    /// A condition limiting a policies' or memberships' `school_id` column to the scope.
    fn schools(&self, col: &str) -> String {
        match self {
            Scope::Schools([]) => "1 = 0".into(),
            Scope::Schools(ids) => format!("{col} IN ({})", marks(1, ids.len())),
            Scope::Person(_) => {
                format!("{col} IN (SELECT school_id FROM memberships WHERE person_id = $1)")
            }
            Scope::Everyone => "1 = 1".into(),
        }
    }

    /// A condition limiting a `person_id` column to the scope (everyone, for schools).
    fn people(&self, col: &str) -> String {
        match self {
            Scope::Schools(_) | Scope::Everyone => "1 = 1".into(),
            Scope::Person(_) => format!("{col} = $1"),
        }
    }

    fn binds(&self) -> Vec<String> {
        match self {
            Scope::Schools(ids) => ids.to_vec(),
            Scope::Person(id) => vec![id.to_string()],
            Scope::Everyone => Vec::new(),
        }
    }
}

/// Runs a query with its text binds, handing each row to `each` as it arrives.
pub(super) async fn each_row(
    db: &Db,
    sql: &str,
    binds: &[String],
    mut each: impl FnMut(&dyn Cols) -> AppResult<()>,
) -> AppResult<()> {
    let pool = match db.lane() {
        Lane::Sqlite(lite) => {
            let args: Vec<Arg<'_>> = binds.iter().map(|b| Arg::Text(b)).collect();
            return lite::bulk(|| {
                lite.read(|conn| lite::for_each(conn, sql, &args, |row| each(row)))
            })?;
        }
        Lane::Postgres(pool) => pool,
    };
    let mut query = sqlx::query(sql);
    for b in binds {
        query = query.bind(b.as_str());
    }
    let mut rows = query.fetch(pool);
    while let Some(row) = rows.try_next().await? {
        each(&row)?;
    }
    Ok(())
}

/// Loads the facts for a scope in nine queries, whatever its size.
pub async fn load(db: &Db, scope: &Scope<'_>, include_leavers: bool) -> AppResult<Facts> {
    let mut facts = Builder::default();
    let schools = scope.schools("s.id");
    each_row(
        db,
        &format!("SELECT id, name FROM schools s WHERE {schools}"),
        &scope.binds(),
        |r| {
            facts.school(r.text(0)?, r.text(1)?);
            Ok(())
        },
    )
    .await?;
    // What is read beyond the schools: the builder keeps only what is of the schools above.
    let reading = match scope {
        Scope::Schools(ids) if most_of_the_file(db, ids).await? => &Scope::Everyone,
        _ => scope,
    };
    let t = std::time::Instant::now();
    load_people(db, reading, include_leavers, &mut facts).await?;
    load_policies(db, reading, &mut facts).await?;
    tracing::debug!(elapsed = ?t.elapsed(), "standings: people and policies read");
    let t = std::time::Instant::now();
    load_history(db, &Whose::Scope(reading, include_leavers), &mut facts).await?;
    tracing::debug!(elapsed = ?t.elapsed(), "standings: history read");
    let t = std::time::Instant::now();
    let facts = facts.finish();
    tracing::debug!(elapsed = ?t.elapsed(), "standings: finished");
    Ok(facts)
}

/// Memberships with their people, and their groups.
async fn load_people(
    db: &Db,
    scope: &Scope<'_>,
    include_leavers: bool,
    facts: &mut Builder,
) -> AppResult<()> {
    let active = if include_leavers {
        ""
    } else {
        " AND p.active = 1 AND m.active = 1"
    };
    let sql = format!(
        "SELECT m.person_id, p.name, p.email, m.school_id, m.start_date, m.role, p.created_at, m.active, \
           COALESCE(m.paused_from, ''), COALESCE(m.paused_until, '') \
         FROM memberships m JOIN people p ON p.id = m.person_id WHERE {} AND {}{active}",
        scope.schools("m.school_id"),
        scope.people("m.person_id")
    );
    each_row(db, &sql, &scope.binds(), |r| {
        facts.member(NewMember {
            person_id: r.text(0)?,
            name: r.text(1)?,
            email: r.text(2)?,
            school_id: r.text(3)?,
            start_date: date(r.text(4)?),
            role: r.text(5)?,
            known_from: day(r.text(6)?),
            active: r.int(7)? == 1,
            pause: pause(r.text(8)?, r.text(9)?),
        });
        Ok(())
    })
    .await?;
    let sql = format!(
        "SELECT g.person_id, g.school_id, g.group_name FROM person_groups g WHERE {} AND {}",
        scope.schools("g.school_id"),
        scope.people("g.person_id")
    );
    each_row(db, &sql, &scope.binds(), |r| {
        facts.group(r.text(0)?, r.text(1)?, r.text(2)?);
        Ok(())
    })
    .await
}

/// A membership's pause, when both its days are stored.
fn pause(from: &str, until: &str) -> Option<Pause> {
    let (from, until) = (parse_date(from)?, parse_date(until)?);
    Some(Pause { from, until })
}

/// Policies by title, their versions and assignments.
async fn load_policies(db: &Db, scope: &Scope<'_>, facts: &mut Builder) -> AppResult<()> {
    let schools = scope.schools("p.school_id");
    each_row(
        db,
        &format!("SELECT id, school_id, title FROM policies p WHERE {schools} ORDER BY title, id"),
        &scope.binds(),
        |r| {
            facts.policy(r.text(0)?, r.text(1)?, r.text(2)?);
            Ok(())
        },
    )
    .await?;
    let sql = format!(
        "SELECT v.id, v.policy_id, v.seq, v.label, v.published_at, v.requires_reattestation, \
                v.review_period_months, v.grace_days, v.lesson_count, v.text_sha256 \
         FROM policy_versions v JOIN policies p ON p.id = v.policy_id WHERE {schools} ORDER BY v.seq"
    );
    each_row(db, &sql, &scope.binds(), |r| {
        let version = VersionFacts {
            id: r.text(0)?.to_string(),
            seq: r.int(2)?,
            label: r.text(3)?.to_string(),
            published_on: day(r.text(4)?),
            requires_reattestation: r.int(5)? == 1,
            review_period_months: u32::try_from(r.int(6)?).unwrap_or(12),
            grace_days: u32::try_from(r.int(7)?).unwrap_or(30),
            lesson_count: r.int(8)?,
            text_sha256: r.text(9)?.to_string(),
        };
        facts.version(r.text(1)?, version);
        Ok(())
    })
    .await?;
    let sql = format!(
        "SELECT a.policy_id, a.group_name, a.new_starter_days, a.created_at \
         FROM assignments a JOIN policies p ON p.id = a.policy_id WHERE {schools}"
    );
    each_row(db, &sql, &scope.binds(), |r| {
        facts.assignment(r.text(0)?, r.text(1)?, r.int(2)?, day(r.text(3)?));
        Ok(())
    })
    .await
}

/// Whether these schools hold at least half of the file's memberships.
///
/// Their people's rows are then read as everyone's, and the builder drops those of other
/// schools: a scan of every row costs less than finding most of them one person at a
/// time through the indexes.
async fn most_of_the_file(db: &Db, ids: &[String]) -> AppResult<bool> {
    if ids.is_empty() {
        return Ok(false);
    }
    let sql = format!(
        "SELECT (SELECT COUNT(*) FROM memberships WHERE school_id IN ({})), \
                (SELECT COUNT(*) FROM memberships)",
        marks(1, ids.len())
    );
    let mut most = false;
    each_row(db, &sql, ids, |r| {
        most = r.int(0)?.saturating_mul(2) >= r.int(1)?;
        Ok(())
    })
    .await?;
    Ok(most)
}

/// Whose history to read: a scope's people, or some people named in a JSON array.
pub(super) enum Whose<'a> {
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
    /// ([`most_of_the_file`]).
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
}

/// Attestations, attempts and lesson progress of some people, as plain rows.
///
/// Nothing is grouped or probed per row in SQL: attempts and reading only matter until
/// the current version is attested, and the builder, which holds every attestation by
/// then, drops the rest (My training, one person, also keeps lessons read on attested
/// modules). On PostgreSQL, grouping each person's records into one string cost the
/// server more than sending the rows, and probing the attestations' index for each
/// attempt about as much again.
pub(super) async fn load_history(db: &Db, whose: &Whose<'_>, facts: &mut Builder) -> AppResult<()> {
    let people = |col: &str| whose.people(db, col);
    let keep_attested = whose.keep_attested();
    let binds = whose.binds();
    // By the scope's people: the (person, version, day, seq) index then answers the
    // attestations alone, in person order (by school, every row was visited at random).
    let held = format!(
        "SELECT a.person_id, a.version_id, a.attested_at, a.seq FROM attestations a WHERE {}",
        people("a.person_id")
    );
    let t = std::time::Instant::now();
    if let Lane::Sqlite(lite) = db.lane() {
        let attempts = format!(
            "SELECT t.person_id, t.version_id, t.rowid FROM attempts t WHERE {}",
            people("t.person_id")
        );
        lite::bulk(|| {
            lite.read(|conn| held_and_attempts_lite(conn, &held, &attempts, &binds, facts))
        })??;
    } else {
        each_row(db, &held, &binds, |r| {
            facts.held(r.text(0)?, r.text(1)?, day(r.text(2)?), r.int(3)?);
            Ok(())
        })
        .await?;
        // After every attestation, so that the builder knows which attempts still count.
        let sql = format!(
            "SELECT t.person_id, t.version_id, t.created_at, \
                    COALESCE(CASE WHEN t.passed = 1 THEN t.submitted_at END, '') \
             FROM attempts t WHERE {}",
            people("t.person_id")
        );
        each_row(db, &sql, &binds, |r| {
            let passed = r.text(3)?;
            let passed = (!passed.is_empty()).then(|| day(passed));
            facts.attempt(r.text(0)?, r.text(1)?, day(r.text(2)?), passed);
            Ok(())
        })
        .await?;
    }
    tracing::debug!(elapsed = ?t.elapsed(), "standings: attestations and attempts read");
    let sql = format!(
        "SELECT l.person_id, l.version_id, l.updated_at, l.lessons_done \
         FROM lesson_progress l WHERE {}",
        people("l.person_id")
    );
    each_row(db, &sql, &binds, |r| {
        let (done, on) = (r.int(3)?, day(r.text(2)?));
        facts.progress(r.text(0)?, r.text(1)?, done, on, keep_attested);
        Ok(())
    })
    .await
}

/// The attempts [`held_and_attempts_lite`] picked, by rowid (a JSON array of them).
const PICKED_ATTEMPTS: &str = "SELECT person_id, version_id, created_at, \
       CASE WHEN passed = 1 THEN submitted_at END \
     FROM attempts WHERE rowid IN (SELECT value FROM json_each($1))";

/// Attestations and attempts on SQLite's fast lane, in one snapshot.
///
/// Attestations come as plain rows, as on PostgreSQL. Attempts come in two steps: each
/// one's person and version from their index alone (`attempts`, with the rowid), then
/// the rows of those the builder wants. Most attempts are of versions since attested,
/// which the builder knows from the attestations: probing the attestations' index for
/// each attempt in SQL took as long as everything else here.
fn held_and_attempts_lite(
    conn: &rusqlite::Connection,
    held: &str,
    attempts: &str,
    binds: &[String],
    facts: &mut Builder,
) -> rusqlite::Result<AppResult<()>> {
    // One snapshot throughout, so that the rowids still name the same rows.
    let tx = conn.unchecked_transaction()?;
    let args: Vec<Arg<'_>> = binds.iter().map(|b| Arg::Text(b)).collect();
    let read = lite::for_each(&tx, held, &args, |r| {
        facts.held(r.text(0)?, r.text(1)?, day(r.text(2)?), r.int(3)?);
        AppResult::Ok(())
    })?;
    if read.is_err() {
        return Ok(read);
    }
    let mut picked = Vec::new();
    let listed = lite::for_each(&tx, attempts, &args, |r| {
        if facts.wants_attempt(r.text(0)?, r.text(1)?) {
            picked.push(r.int(2)?.to_string());
        }
        AppResult::Ok(())
    })?;
    if listed.is_err() || picked.is_empty() {
        return Ok(listed);
    }
    let rowids = format!("[{}]", picked.join(","));
    let read = lite::for_each(&tx, PICKED_ATTEMPTS, &[Arg::Text(&rowids)], |r| {
        let passed: Option<String> = r.get(3)?;
        facts.attempt(
            r.text(0)?,
            r.text(1)?,
            day(r.text(2)?),
            passed.as_deref().map(day),
        );
        AppResult::Ok(())
    })?;
    tx.commit()?;
    Ok(read)
}
