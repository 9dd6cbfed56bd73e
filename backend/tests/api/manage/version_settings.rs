//! A policy's settings outlive its versions: a next version keeps the pass mark, renewal,
//! grace days and new starters' days its managers saved, unless the publish changes them,
//! and the deadlines staff see follow the saved days.

use attest_domain::api::{DraftPublished, ModuleSummary, PolicySettings};
use chrono::{Duration, NaiveDate};

use super::drafts::{publish, settings, upload, BADGES};
use super::support::*;
use crate::helpers::TestApp;
use crate::on_both_databases;

/// The module of `version` among the caller's.
async fn module_of(app: &TestApp, client: &reqwest::Client, version: &str) -> ModuleSummary {
    my_modules(app, client)
        .await
        .into_iter()
        .find(|m| m.version_id == version)
        .unwrap_or_else(|| panic!("{version} is assigned"))
}

/// Passes and attests `version` as the client's person.
async fn attest(app: &TestApp, client: &reqwest::Client, version: &str) {
    let attempt = take_quiz(app, client, version, |q| q.answer).await;
    let res = client
        .post(app.url(&format!("/api/attempts/{attempt}/attestation")))
        .json(&serde_json::json!({ "confirm": true }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
}

/// Uploads `text` as the next version of `policy` and publishes it with `body`.
async fn publish_next(
    app: &TestApp,
    client: &reqwest::Client,
    policy: &str,
    text: &str,
    body: serde_json::Value,
) -> DraftPublished {
    let school = school_id(app, CHAD).await;
    let draft = upload(app, client, &school, Some(policy), text).await;
    let (status, text) = publish(app, client, &draft.id, body).await;
    assert_eq!(status, 201, "{text}");
    serde_json::from_str(&text).unwrap()
}

async fn settings_survive_a_new_version_and_move_the_due_dates_staff_see(app: TestApp) {
    let school = school_id(&app, CHAD).await;
    let head = client_for(&app, &manager(CHAD)).await;
    let first = upload(&app, &head, &school, None, BADGES).await;
    let (status, body) = publish(&app, &head, &first.id, settings("v1", true)).await;
    assert_eq!(status, 201, "{body}");
    let v1: DraftPublished = serde_json::from_str(&body).unwrap();
    let published_on: NaiveDate = app.clock.now().date_naive();
    let teacher = client_for(&app, &staff(CHAD)).await;
    attest(&app, &teacher, &v1.version_id).await;

    let path = format!("/api/policies/{}/settings", v1.policy_id);
    let chosen = PolicySettings {
        questions_per_quiz: 5,
        pass_mark: 70,
        renewal_months: 24,
        new_starter_days: 21,
        grace_days: 45,
        lessons_first: true,
    };
    let res = head.put(app.url(&path)).json(&chosen).send().await.unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());

    // Three days on, a stronger duty: everyone re-attests. The publish names groups (as a
    // manager may) but not the pass mark or renewal, as an API client may leave them out.
    app.clock.advance(Duration::days(3));
    // Sessions end when idle that long: sign in again.
    let (head, teacher) = (
        client_for(&app, &manager(CHAD)).await,
        client_for(&app, &staff(CHAD)).await,
    );
    let stronger = BADGES.replace("staff should wear", "staff must wear");
    let mut body = settings("v2", true);
    let kept = body.as_object_mut().unwrap();
    kept.remove("pass_mark");
    kept.remove("review_period_months");
    let v2 = publish_next(&app, &head, &v1.policy_id, &stronger, body).await;
    assert!(v2.requires_reattestation);
    assert_eq!(
        get_json::<PolicySettings>(&app, &head, &path).await,
        chosen,
        "every setting survives the new version"
    );

    // The teacher who signed v1 has the saved 45 grace days from v2's publication, not 30.
    let signed = module_of(&app, &teacher, &v2.version_id).await;
    assert_eq!(
        signed.due,
        Some(published_on + Duration::days(3 + 45)),
        "{signed:?}"
    );
    // The manager (in a group, never signed) has the saved 21 new-starter days from the
    // day the group was assigned, which re-sending the groups did not restart.
    let unsigned = module_of(&app, &head, &v2.version_id).await;
    assert_eq!(
        unsigned.due,
        Some(published_on + Duration::days(21)),
        "{unsigned:?}"
    );

    // A publish that sends a pass mark changes it; the rest still stand.
    let mut body = settings("v3", true);
    body["pass_mark"] = serde_json::json!(90);
    body["groups"] = serde_json::json!([]);
    publish_next(&app, &head, &v1.policy_id, BADGES, body).await;
    assert_eq!(
        get_json::<PolicySettings>(&app, &head, &path).await,
        PolicySettings {
            pass_mark: 90,
            renewal_months: 12,
            ..chosen
        },
        "the publish sent 90% and 12 months"
    );
}
on_both_databases!(settings_survive_a_new_version_and_move_the_due_dates_staff_see);
