//! Cached standings catch up with history from the standings log instead of loading
//! again, the same on both databases, and trusts are loaded into memory when a server
//! starts; either way what is served is what a fresh load reads.

use std::sync::Arc;

use attest::on_db;
use attest::standings::{load, prune_log, Scope, Standings, StandingsCache};

use super::support::*;
use crate::helpers::TestApp;
use crate::{on_both_databases, steps};

/// Every assigned cell of the facts on a fixed day, with its person, sorted: two loads of
/// the same data give the same list.
fn cells(standings: &Standings) -> Vec<String> {
    let facts = standings.facts();
    let day = chrono::NaiveDate::from_ymd_opt(2027, 1, 15).unwrap();
    let mut cells: Vec<String> = facts
        .cells(day)
        .map(|c| format!("{} {c:?}", facts.member(c.member).person_id))
        .collect();
    cells.sort();
    cells
}

async fn history_is_caught_up_to_what_a_fresh_load_reads(app: TestApp) {
    let cache = StandingsCache::new(1_000);
    let schools = [school_id(&app, CHAD).await, school_id(&app, CAMELEY).await];
    let fresh = || async {
        let facts = load(&app.db, &Scope::Schools(&schools), false)
            .await
            .unwrap();
        cells(&Standings::loaded(facts))
    };
    let first = cache.schools(&app.db, &schools, false).await.unwrap();
    assert_eq!(cells(&first), fresh().await);

    // History only: lessons read, a quiz started, another passed and attested.
    let read_again_before = people_to_read_again(&app).await;
    let (alex, jordan) = (staff(CHAD), manager(CHAD));
    let jordan_client = client_for(&app, &jordan).await;
    let version = my_modules(&app, &jordan_client).await[0].version_id.clone();
    read_first_lesson(&app, &jordan_client, &version).await;
    steps::start_attempt(&app, &jordan_client, &version).await;
    let alex_client = client_for(&app, &alex).await;
    let attempt = steps::start_attempt(&app, &alex_client, &version).await;
    let answers = steps::answers_with(&app, &attempt.id, attempt.questions.len()).await;
    assert_eq!(
        steps::submit(&app, &alex_client, &attempt.id, &answers)
            .await
            .status(),
        200
    );
    let res = steps::request_attestation(&app, &alex_client, &attempt.id).await;
    assert_eq!(res.status(), 200);

    assert_eq!(
        people_to_read_again(&app).await,
        read_again_before,
        "each of those writes logged what it did"
    );
    let caught = cache.schools(&app.db, &schools, false).await.unwrap();
    assert!(!Arc::ptr_eq(&first, &caught));
    assert_eq!(cache.caught_up(), 1, "the logged history applied");
    let now = cells(&caught);
    assert_ne!(now, cells(&first), "the changes show");
    assert_eq!(now, fresh().await);

    // Changes that take history away are not applied: those people are read again.
    on_db!(app.db, |e| sqlx::query(
        "UPDATE attempts SET created_at = '2026-01-05T09:00:00Z' \
         WHERE person_id = (SELECT id FROM people WHERE email = $1)"
    )
    .bind(&jordan)
    .execute(e)
    .await
    .rows_affected())
    .unwrap();
    on_db!(app.db, |e| sqlx::query(
        "DELETE FROM lesson_progress WHERE person_id = (SELECT id FROM people WHERE email = $1)"
    )
    .bind(&jordan)
    .execute(e)
    .await
    .rows_affected())
    .unwrap();
    assert!(people_to_read_again(&app).await > read_again_before);
    let again = cache.schools(&app.db, &schools, false).await.unwrap();
    assert_eq!(cache.caught_up(), 2, "caught up, not loaded");
    assert_ne!(cells(&again), now, "the changes show");
    assert_eq!(cells(&again), fresh().await);

    // History at a school outside the entry leaves its facts as they are.
    let mine = [school_id(&app, CHAD).await];
    let chad = cache.schools(&app.db, &mine, false).await.unwrap();
    let other = client_for(&app, &staff(CAMELEY)).await;
    let elsewhere = my_modules(&app, &other).await[0].version_id.clone();
    steps::start_attempt(&app, &other, &elsewhere).await;
    let same = cache.schools(&app.db, &mine, false).await.unwrap();
    assert!(Arc::ptr_eq(&chad, &same), "nothing at this school changed");
    assert_eq!(cache.caught_up(), 2);

    // Anything else (here a person renamed) loads the schools again.
    on_db!(app.db, |e| sqlx::query(
        "UPDATE people SET name = 'Alex Renamed' WHERE email = $1"
    )
    .bind(&alex)
    .execute(e)
    .await
    .rows_affected())
    .unwrap();
    let renamed = cache.schools(&app.db, &schools, false).await.unwrap();
    assert_eq!(cache.caught_up(), 2, "not caught up: loaded");
    assert!(renamed.facts().members().any(|m| m.name == "Alex Renamed"));
    assert_eq!(cells(&renamed), fresh().await);

    // History logged for everyone (as after a busy spell) is caught up too.
    let everyone = renamed.facts().members().map(|m| m.person_id.to_string());
    for person in everyone.collect::<std::collections::BTreeSet<_>>() {
        log_many(&app, &schools[0], &person, 1).await;
    }
    let busy = cache.schools(&app.db, &schools, false).await.unwrap();
    assert_eq!(cache.caught_up(), 3, "everyone's history read again");
    assert_eq!(cells(&busy), fresh().await);

    // Standings behind a pruned log load afresh rather than miss what was pruned.
    let alex_client = client_for(&app, &alex).await;
    steps::start_attempt(&app, &alex_client, &version).await;
    steps::start_attempt(&app, &jordan_client, &version).await;
    let pruned = prune_log(&app.db, 1).await.unwrap();
    assert!(pruned > 0);
    let reloaded = cache.schools(&app.db, &schools, false).await.unwrap();
    assert_eq!(cache.caught_up(), 3, "loaded, not caught up");
    assert!(!Arc::ptr_eq(&busy, &reloaded));
    assert_eq!(cells(&reloaded), fresh().await);
}
on_both_databases!(history_is_caught_up_to_what_a_fresh_load_reads);

async fn trusts_are_warmed_into_memory(app: TestApp) {
    let cache = StandingsCache::new(1_000);
    assert_eq!(cache.warm_trusts(&app.db).await.unwrap(), 1, "one trust");
    let rows: Vec<(String,)> = on_db!(app.db, |e| sqlx::query_as(
        "SELECT id FROM schools WHERE trust_id IS NOT NULL"
    )
    .fetch_all(e)
    .await)
    .unwrap();
    let trust: Vec<String> = rows.into_iter().map(|(id,)| id).collect();
    let members = load(&app.db, &Scope::Schools(&trust), false)
        .await
        .unwrap()
        .member_count();
    assert!(members > 0);
    assert_eq!(
        cache.held(),
        members,
        "the trust's standings, and nothing else"
    );

    // The trust's first view after a write catches up with it.
    let jordan = client_for(&app, &manager(CHAD)).await;
    let version = my_modules(&app, &jordan).await[0].version_id.clone();
    steps::start_attempt(&app, &jordan, &version).await;
    cache.schools(&app.db, &trust, false).await.unwrap();
    assert_eq!(cache.caught_up(), 1);
}
on_both_databases!(trusts_are_warmed_into_memory);

async fn what_is_held_follows_the_log_between_views(app: TestApp) {
    let cache = StandingsCache::new(1_000);
    let schools = [school_id(&app, CHAD).await];
    let first = cache.schools(&app.db, &schools, false).await.unwrap();
    assert_eq!(
        cache.follow(&app.db).await.unwrap(),
        0,
        "nothing logged yet"
    );

    let client = client_for(&app, &staff(CHAD)).await;
    let version = my_modules(&app, &client).await[0].version_id.clone();
    steps::start_attempt(&app, &client, &version).await;
    assert_eq!(cache.follow(&app.db).await.unwrap(), 1, "one entry behind");
    assert_eq!(cache.caught_up(), 1, "caught up with no view");

    // The next view finds the entry current: nothing left to catch up.
    let viewed = cache.schools(&app.db, &schools, false).await.unwrap();
    assert!(!Arc::ptr_eq(&first, &viewed));
    assert_eq!(cache.caught_up(), 1);
    let fresh = load(&app.db, &Scope::Schools(&schools), false)
        .await
        .unwrap();
    assert_eq!(cells(&viewed), cells(&Standings::loaded(fresh)));
    assert_eq!(cache.follow(&app.db).await.unwrap(), 0, "current");
}
on_both_databases!(what_is_held_follows_the_log_between_views);

/// Log rows naming a person whose history must be read again rather than applied.
async fn people_to_read_again(app: &TestApp) -> i64 {
    let (n,): (i64,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM standing_log \
         WHERE kind IS NULL AND person_id IS NOT NULL"
    )
    .fetch_one(e)
    .await)
    .unwrap();
    n
}

/// Appends `rows` log rows naming one person at one school, each a change to their history
/// that the log does not carry (as that many deletions would).
async fn log_many(app: &TestApp, school: &str, person: &str, rows: i64) {
    on_db!(app.db, |e| sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $3) \
         INSERT INTO standing_log (school_id, person_id) SELECT $1, $2 FROM n",
    )
    .bind(school)
    .bind(person)
    .bind(rows)
    .execute(e)
    .await
    .rows_affected())
    .unwrap();
}

async fn a_long_log_is_caught_up_from_its_own_school_alone(app: TestApp) {
    let cache = StandingsCache::new(1_000);
    let (chad, cameley) = (school_id(&app, CHAD).await, school_id(&app, CAMELEY).await);
    let schools = [chad.clone()];
    let first = cache.schools(&app.db, &schools, false).await.unwrap();

    // Thousands of rows, all of another school's: nothing to catch up.
    let elsewhere = person_id(&app, &staff(CAMELEY)).await;
    log_many(&app, &cameley, &elsewhere, 10_000).await;
    let same = cache.schools(&app.db, &schools, false).await.unwrap();
    assert!(Arc::ptr_eq(&first, &same), "only another school's people");
    assert_eq!(cache.caught_up(), 0);

    // One of ours, thousands of times over: their history alone is read again.
    let client = client_for(&app, &staff(CHAD)).await;
    let version = my_modules(&app, &client).await[0].version_id.clone();
    steps::start_attempt(&app, &client, &version).await;
    let ours = person_id(&app, &staff(CHAD)).await;
    log_many(&app, &chad, &ours, 10_000).await;
    let caught = cache.schools(&app.db, &schools, false).await.unwrap();
    assert_eq!(cache.caught_up(), 1);
    let fresh = load(&app.db, &Scope::Schools(&schools), false)
        .await
        .unwrap();
    assert_eq!(cells(&caught), cells(&Standings::loaded(fresh)));
    assert_ne!(cells(&caught), cells(&first), "the started quiz shows");
}
on_both_databases!(a_long_log_is_caught_up_from_its_own_school_alone);
