//! Dashboards and matrix pages through the standings cache: built once per state of
//! their schools, then served from memory until something they show changes.

use attest_domain::api::{Dashboard, Matrix, MatrixQuery};
use chrono::NaiveDate;

use crate::db::Db;
use crate::error::AppResult;
use crate::manage::dashboard::{build, BarsBy};
use crate::manage::matrix;
use crate::manage::reviews::overdue_reviews;
use crate::standings::views::{DashboardKey, MatrixKey};
use crate::standings::StandingsCache;

/// The dashboard of a set of schools (one school, or a trust's) as at `today`, with overdue reviews.
pub async fn dashboard(
    db: &Db,
    cache: &StandingsCache,
    schools: &[String],
    name: String,
    today: NaiveDate,
    weeks: u32,
    bars: BarsBy,
) -> AppResult<Dashboard> {
    let t = std::time::Instant::now();
    let standings = cache.schools(db, schools, false).await?;
    tracing::debug!(elapsed = ?t.elapsed(), schools = schools.len(), "dashboard: standings");
    // Overdue reviews read only policies, versions and schools, whose changes the
    // standings log records too; the name (a trust's) does not, so it is filled in on the way out.
    let key = DashboardKey {
        today,
        weeks,
        by_school: bars == BarsBy::School,
    };
    let kept = standings.views().dashboards.get(&key);
    let mut dashboard = match kept {
        Some(kept) => kept,
        None => {
            let t = std::time::Instant::now();
            let mut built = build(standings.facts(), String::new(), today, weeks, bars);
            tracing::debug!(elapsed = ?t.elapsed(), "dashboard: built");
            built.overdue_reviews = overdue_reviews(db, schools, today).await?;
            standings.views().dashboards.keep(key, built.clone());
            built
        }
    };
    dashboard.name = name;
    Ok(dashboard)
}

/// One page of the matrix of a set of schools as at `today`.
pub async fn matrix_page(
    db: &Db,
    cache: &StandingsCache,
    schools: &[String],
    today: NaiveDate,
    query: &MatrixQuery,
) -> AppResult<Matrix> {
    let standings = cache.schools(db, schools, false).await?;
    let key = MatrixKey {
        today,
        query: query.clone(),
    };
    let kept = standings.views().matrices.get(&key);
    if let Some(kept) = kept {
        return Ok(kept);
    }
    let page = matrix::page(standings.facts(), today, query)?;
    standings.views().matrices.keep(key, page.clone());
    Ok(page)
}
