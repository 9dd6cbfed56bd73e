//! Per-policy settings: managers read and change them, each change is in the audit log,
//! bad values change nothing, and the quiz and the status rule use what was saved.

use attest_domain::api::{AttemptView, AuditAction, AuditEntry, PolicySettings};

use super::support::*;
use crate::helpers::TestApp;
use crate::on_both_databases;

const DEFAULTS: PolicySettings = PolicySettings {
    questions_per_quiz: 10,
    pass_mark: 80,
    renewal_months: 12,
    new_starter_days: 14,
    grace_days: 30,
    lessons_first: true,
};

async fn put_settings(
    app: &TestApp,
    client: &reqwest::Client,
    policy: &str,
    settings: &PolicySettings,
) -> reqwest::Response {
    client
        .put(app.url(&format!("/api/policies/{policy}/settings")))
        .json(settings)
        .send()
        .await
        .unwrap()
}

async fn managers_change_a_policys_settings_and_the_quiz_follows_them(app: TestApp) {
    let policy = policy_id(&app, CHAD).await;
    let school = school_id(&app, CHAD).await;
    let head = client_for(&app, &manager(CHAD)).await;
    let path = format!("/api/policies/{policy}/settings");
    assert_eq!(
        get_json::<PolicySettings>(&app, &head, &path).await,
        DEFAULTS
    );

    let chosen = PolicySettings {
        questions_per_quiz: 5,
        pass_mark: 60,
        renewal_months: 24,
        new_starter_days: 21,
        grace_days: 45,
        lessons_first: false,
    };
    let res = put_settings(&app, &head, &policy, &chosen).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    assert_eq!(res.json::<PolicySettings>().await.unwrap(), chosen);
    assert_eq!(get_json::<PolicySettings>(&app, &head, &path).await, chosen);

    let lines: Vec<AuditEntry> =
        get_json(&app, &head, &format!("/api/schools/{school}/audit")).await;
    let line = lines
        .iter()
        .find(|l| l.action == AuditAction::PolicySettingsChanged)
        .expect("the change is in the audit log");
    assert_eq!(
        line.detail,
        "questions per quiz 10 to 5, pass mark 80% to 60%, renewal 12 months to 24 months, \
         new starters 14 days to 21 days, grace 30 days to 45 days, lessons before the quiz on to off"
    );

    // Staff get five questions at a 60% pass mark, without reading first.
    let teacher = client_for(&app, &staff(CHAD)).await;
    let version = my_modules(&app, &teacher).await[0].version_id.clone();
    let res = teacher
        .post(app.url(&format!("/api/modules/{version}/attempts")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let attempt: AttemptView = res.json().await.unwrap();
    assert_eq!((attempt.questions.len(), attempt.pass_mark), (5, 60));

    // An attestation now lasts two years.
    let receipt = complete_training(&app, &staff(CHAD)).await;
    let attested = receipt.attested_at.get(..10).unwrap();
    let attested = chrono::NaiveDate::parse_from_str(attested, "%Y-%m-%d").unwrap();
    assert!(
        receipt.expires > attested + chrono::Months::new(23),
        "{} after {attested}",
        receipt.expires
    );
}
on_both_databases!(managers_change_a_policys_settings_and_the_quiz_follows_them);

async fn settings_out_of_range_are_refused_and_change_nothing(app: TestApp) {
    let policy = policy_id(&app, CHAD).await;
    let school = school_id(&app, CHAD).await;
    let head = client_for(&app, &manager(CHAD)).await;
    let cases = [
        (
            PolicySettings {
                questions_per_quiz: 0,
                ..DEFAULTS
            },
            "Questions per quiz must be between 3 and 30",
        ),
        (
            PolicySettings {
                pass_mark: 0,
                ..DEFAULTS
            },
            "The pass mark must be between 1 and 100 percent",
        ),
        (
            PolicySettings {
                renewal_months: 61,
                ..DEFAULTS
            },
            "The renewal cycle must be between 1 and 60 months",
        ),
        (
            PolicySettings {
                new_starter_days: 0,
                ..DEFAULTS
            },
            "Days for new starters must be between 1 and 365",
        ),
        (
            PolicySettings {
                grace_days: 400,
                ..DEFAULTS
            },
            "Grace days after a new version must be between 1 and 365",
        ),
    ];
    for (settings, message) in cases {
        let res = put_settings(&app, &head, &policy, &settings).await;
        assert_eq!(res.status(), 422);
        let body: serde_json::Value = res.json().await.unwrap();
        assert_eq!(body["message"], message);
    }
    let path = format!("/api/policies/{policy}/settings");
    assert_eq!(
        get_json::<PolicySettings>(&app, &head, &path).await,
        DEFAULTS
    );
    let lines: Vec<AuditEntry> =
        get_json(&app, &head, &format!("/api/schools/{school}/audit")).await;
    assert!(lines.is_empty(), "{lines:?}");

    // Another school's manager cannot see or change them.
    let other = client_for(&app, &manager(CAMELEY)).await;
    assert_eq!(
        other.get(app.url(&path)).send().await.unwrap().status(),
        404
    );
    let chosen = PolicySettings {
        pass_mark: 50,
        ..DEFAULTS
    };
    assert_eq!(
        put_settings(&app, &other, &policy, &chosen).await.status(),
        404
    );
    assert_eq!(
        get_json::<PolicySettings>(&app, &head, &path).await,
        DEFAULTS
    );
}
on_both_databases!(settings_out_of_range_are_refused_and_change_nothing);
