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
use crate::db::{Arg, Db, Lane};
use crate::error::AppResult;

mod history;

pub(super) use history::{load_history, Whose};

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
