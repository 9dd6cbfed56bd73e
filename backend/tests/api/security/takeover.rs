//! The four-request takeover a review found, as a test.

use crate::helpers::TestApp;
use crate::manage::support::{client_for, manager, person_id, school_id, CHAD, TRUST};
use crate::on_both_databases;
use crate::remind::Mail;
use crate::security::{identity, memberships, person};

/// The takeover a review found: add the trust manager's email as staff, re-email them,
/// ask for a sign-in link, use it.
async fn a_school_manager_cannot_take_over_the_trust_managers_account(app: TestApp) {
    let mail = Mail::start(&app);
    let chad = school_id(&app, CHAD).await;
    let trust_manager = person_id(&app, TRUST).await;
    let before = identity(&app, &trust_manager).await;
    let mallory = client_for(&app, &manager(CHAD)).await;

    let added = mallory
        .post(app.url(&format!("/api/schools/{chad}/people")))
        .json(&person("Mallory's Puppet", TRUST))
        .send()
        .await
        .unwrap();
    assert_eq!(
        added.status(),
        202,
        "an account elsewhere is invited, not claimed"
    );
    assert_eq!(identity(&app, &trust_manager).await, before, "not renamed");
    assert!(
        memberships(&app, &trust_manager).await.is_empty(),
        "not attached to Chad Vale"
    );

    let edited = mallory
        .put(app.url(&format!("/api/people/{trust_manager}")))
        .json(&person("Mallory's Puppet", "mallory@outside.example"))
        .send()
        .await
        .unwrap();
    assert_eq!(edited.status(), 404, "{}", edited.text().await.unwrap());
    assert_eq!(
        identity(&app, &trust_manager).await,
        before,
        "not re-emailed"
    );

    let asked = app
        .new_client()
        .post(app.url("/api/sign-in-links"))
        .json(&serde_json::json!({ "email": "mallory@outside.example" }))
        .send()
        .await
        .unwrap();
    assert_eq!(asked.status(), 202);
    mail.send(&app.db, &app.clock).await;
    assert!(
        mail.capture.mails_to("mallory@outside.example").is_empty(),
        "no link goes to the outside address"
    );
    for sent in mail.capture.mails() {
        assert_eq!(
            sent.to,
            [TRUST],
            "only the invitation, to the trust manager"
        );
        assert!(!sent.text.contains("/link/"), "{}", sent.text);
    }
}
on_both_databases!(a_school_manager_cannot_take_over_the_trust_managers_account);
