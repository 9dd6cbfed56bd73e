//! Pausing someone's training: the status and deadlines it moves, the dashboards that count
//! it apart, the refusals that change nothing, ending it, and its audit lines.

use attest_domain::api::{AuditEntry, Dashboard, PersonDetail, Status};

use super::support::*;
use crate::helpers::TestApp;
use crate::on_both_databases;

async fn put_pause(
    app: &TestApp,
    client: &reqwest::Client,
    person: &str,
    body: serde_json::Value,
) -> (u16, String) {
    let res = client
        .put(app.url(&format!("/api/people/{person}/pause")))
        .json(&body)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

fn statuses(p: &PersonDetail) -> Vec<Status> {
    p.policies.iter().map(|x| x.status).collect()
}

async fn a_pause_moves_deadlines_is_counted_apart_and_ends(app: TestApp) {
    let chad = school_id(&app, CHAD).await;
    let person = person_id(&app, &staff(CHAD)).await;
    let head = client_for(&app, &manager(CHAD)).await;
    let page = format!("/api/people/{person}");
    let before: PersonDetail = get_json(&app, &head, &page).await;
    assert!(!before.policies.is_empty());
    assert!(!statuses(&before).contains(&Status::Paused));
    let board: Dashboard = get_json(&app, &head, &format!("/api/schools/{chad}/dashboard")).await;
    assert_eq!(board.counts.paused, 0);

    // Refused, and nothing stored: no reason, days out of order, too long, another school's.
    let today = app.clock.now().date_naive();
    let day = |n: u64| (today + chrono::Days::new(n)).to_string();
    for (body, status) in [
        (
            serde_json::json!({ "from": day(0), "until": day(59), "reason": "  " }),
            422,
        ),
        (
            serde_json::json!({ "from": day(9), "until": day(2), "reason": "Leave" }),
            422,
        ),
        (
            serde_json::json!({ "from": day(0), "until": day(900), "reason": "Leave" }),
            422,
        ),
        (
            serde_json::json!({ "school_id": "not-a-school", "from": day(0), "until": day(5), "reason": "Leave" }),
            404,
        ),
    ] {
        let (got, text) = put_pause(&app, &head, &person, body).await;
        assert_eq!(got, status, "{text}");
    }
    let other = client_for(&app, &manager(CAMELEY)).await;
    let body = serde_json::json!({ "from": day(0), "until": day(59), "reason": "Leave" });
    assert_eq!(put_pause(&app, &other, &person, body.clone()).await.0, 404);
    let unchanged: PersonDetail = get_json(&app, &head, &page).await;
    assert_eq!(unchanged.memberships[0].pause, None);

    let (got, text) = put_pause(
        &app,
        &head,
        &person,
        serde_json::json!({
            "from": day(0), "until": day(59), "reason": " Maternity leave "
        }),
    )
    .await;
    assert_eq!(got, 200, "{text}");
    let paused: PersonDetail = serde_json::from_str(&text).unwrap();
    let pause = paused.memberships[0]
        .pause
        .clone()
        .expect("the pause is shown");
    assert_eq!(pause.reason, "Maternity leave");
    assert!(statuses(&paused)
        .iter()
        .all(|s| *s == Status::Paused || *s == Status::Attested));
    for (was, now) in before.policies.iter().zip(&paused.policies) {
        if was.status != Status::Attested {
            assert_eq!(
                (now.due - was.due).num_days(),
                60,
                "{} moves on 60 days",
                was.title
            );
        }
    }
    let board: Dashboard = get_json(&app, &head, &format!("/api/schools/{chad}/dashboard")).await;
    assert!(board.counts.paused >= 1, "{:?}", board.counts);
    assert!(board
        .overdue
        .iter()
        .chain(&board.due_next_30_days)
        .all(|d| d.person_id != person));

    // Ending a pause that has not run a day yet removes it; ending it again changes nothing.
    for _ in 0..2 {
        let res = head
            .delete(app.url(&format!("{page}/pause?school_id={chad}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let after: PersonDetail = res.json().await.unwrap();
        assert_eq!(after.memberships[0].pause, None);
        assert_eq!(statuses(&after), statuses(&before));
    }
    let lines: Vec<AuditEntry> = get_json(&app, &head, &format!("/api/schools/{chad}/audit")).await;
    let names: Vec<&str> = lines.iter().map(|l| l.action.as_str()).collect();
    assert_eq!(
        names.iter().filter(|n| **n == "training_paused").count(),
        1,
        "{names:?}"
    );
    assert_eq!(
        names.iter().filter(|n| **n == "pause_ended").count(),
        1,
        "{names:?}"
    );
    assert!(lines.iter().any(|l| l.detail.contains("Maternity leave")));
}
on_both_databases!(a_pause_moves_deadlines_is_counted_apart_and_ends);
