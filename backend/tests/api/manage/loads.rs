//! A scope's standings are the same however its rows are read: a trust holding most of
//! the file reads everyone's rows and keeps its own, a school finds its people's through
//! the indexes.

use attest::on_db;
use attest::standings::{load, Facts, Scope};

use super::support::*;
use crate::helpers::TestApp;
use crate::on_both_databases;

/// Every assigned cell on a fixed day, by ids rather than positions (which differ between
/// scopes), sorted.
fn cells(facts: &Facts) -> Vec<String> {
    let day = chrono::NaiveDate::from_ymd_opt(2027, 1, 15).unwrap();
    let mut cells: Vec<String> = facts
        .cells(day)
        .map(|c| {
            let member = facts.member(c.member);
            format!(
                "{} {} {} {:?} {:?} {:?} {:?}",
                member.person_id, member.school_id, c.version.id, c.input, c.view, c.held, c.work
            )
        })
        .collect();
    cells.sort();
    cells
}

async fn most_of_the_file_reads_as_its_schools_alone(app: TestApp) {
    let counts: Vec<(String, i64)> = on_db!(app.db, |e| sqlx::query_as(
        "SELECT school_id, COUNT(*) FROM memberships GROUP BY school_id ORDER BY school_id"
    )
    .fetch_all(e)
    .await)
    .unwrap();
    let everyone: i64 = counts.iter().map(|c| c.1).sum();
    // Every school but one (Chad Vale, whose staff have history below) holds most of the
    // file; each school alone holds less than half of it.
    let chad = school_id(&app, CHAD).await;
    let most: Vec<String> = counts
        .iter()
        .filter(|c| c.0 != chad)
        .map(|c| c.0.clone())
        .collect();
    let held: i64 = counts.iter().filter(|c| c.0 != chad).map(|c| c.1).sum();
    assert!(held * 2 >= everyone, "{held} of {everyone}");
    assert!(counts.iter().all(|c| c.1 * 2 < everyone), "{counts:?}");

    // History inside the scope and outside it.
    complete_training(&app, &staff(CAMELEY)).await;
    complete_training(&app, &staff(CHAD)).await;
    let client = client_for(&app, &manager(CHAD)).await;
    let version = my_modules(&app, &client).await[0].version_id.clone();
    read_first_lesson(&app, &client, &version).await;

    let together = load(&app.db, &Scope::Schools(&most), false).await.unwrap();
    let mut apart = Vec::new();
    for school in &most {
        let one = load(
            &app.db,
            &Scope::Schools(std::slice::from_ref(school)),
            false,
        )
        .await
        .unwrap();
        apart.extend(cells(&one));
    }
    apart.sort();
    let together = cells(&together);
    assert!(!together.iter().any(|c| c.contains(&chad)), "{together:?}");
    assert!(
        together.iter().any(|c| c.contains("Attested")),
        "Cameley's attestation is read: {together:?}"
    );
    assert_eq!(together, apart);
}
on_both_databases!(most_of_the_file_reads_as_its_schools_alone);
