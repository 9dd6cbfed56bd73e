//! `attest serve --demo-staff`: every sample school has a realistic staff and a year of
//! history, so a newcomer's first dashboard shows what it is for, and the evidence holds.

use crate::driver::signed_in;
use crate::process::{attest, Serving};

async fn get_json(client: &reqwest::Client, url: String) -> serde_json::Value {
    let res = client.get(url).send().await.unwrap();
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_trust_has_staff_rooms_with_a_year_of_history_and_intact_chains() {
    let data = tempfile::tempdir().unwrap();
    let server = Serving::start_with(data.path(), &["--demo-staff"]);
    let trust = signed_in(&server.base, "trust@attest.example").await;
    let scope = get_json(&trust, format!("{}/api/manage", server.base)).await;
    let trust_id = scope["trusts"][0]["id"].as_str().unwrap();
    let dashboard = get_json(
        &trust,
        format!("{}/api/trusts/{trust_id}/dashboard", server.base),
    )
    .await;

    let schools = scope["schools"].as_array().unwrap().len() as u64;
    let people = dashboard["people"].as_u64().unwrap();
    // 30–60 made-up staff per school (one of them a leaver), and the two demo accounts.
    assert!(
        people >= schools * 31 && people <= schools * 61,
        "{people} people in {schools} schools"
    );
    let counts = &dashboard["counts"];
    for status in [
        "attested",
        "due_soon",
        "overdue",
        "not_started",
        "in_progress",
    ] {
        assert!(
            counts[status].as_u64().unwrap() > 0,
            "nobody is {status}: {counts}"
        );
    }
    assert!(
        !dashboard["overdue_reviews"].as_array().unwrap().is_empty(),
        "no policy is past its review date"
    );
    let percent = dashboard["percent"].as_f64().unwrap();
    assert!(
        (20.0..95.0).contains(&percent),
        "{percent}% compliant is not a realistic demo"
    );

    // Every made-up attestation went through the chain: the whole record verifies.
    drop(server);
    let (intact, report) = attest(&["verify"], data.path());
    assert!(intact, "{report}");
    assert!(report.contains("attestation"), "{report}");
}
