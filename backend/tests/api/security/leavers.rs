//! Leavers keep no rights: a manager who left manages nothing there, and a member of staff
//! who left cannot open the school's modules or attest.

use crate::helpers::TestApp;
use crate::manage::support::{
    client_for, manager, my_modules, person_id, school_id, staff, take_quiz, CAMELEY, CHAD,
};
use crate::on_both_databases;
use attest::on_db;

/// Marks the person as having left Chad Vale while they still work at Cameley (so they can
/// still sign in).
async fn leave_chad_for_cameley(app: &TestApp, email: &str) {
    let id = person_id(app, email).await;
    let (chad, cameley) = (school_id(app, CHAD).await, school_id(app, CAMELEY).await);
    on_db!(app.db, |e| sqlx::query("UPDATE memberships SET active = 0, left_at = '2026-08-31T00:00:00Z' WHERE person_id = $1 AND school_id = $2")
        .bind(&id)
        .bind(&chad)
        .execute(e).await.rows_affected())
        .unwrap();
    on_db!(app.db, |e| sqlx::query("INSERT INTO memberships (person_id, school_id, role, start_date) VALUES ($1, $2, 'staff', '2026-09-01')")
        .bind(&id)
        .bind(&cameley)
        .execute(e).await.rows_affected())
        .unwrap();
}

async fn a_manager_who_left_keeps_no_rights_at_the_school(app: TestApp) {
    let chad = school_id(&app, CHAD).await;
    let former = client_for(&app, &manager(CHAD)).await;
    leave_chad_for_cameley(&app, &manager(CHAD)).await;
    for path in ["reminders", "holidays"] {
        let res = former
            .get(app.url(&format!("/api/schools/{chad}/{path}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403, "{path}");
    }
    let remind = former
        .post(app.url(&format!("/api/schools/{chad}/reminders")))
        .json(&serde_json::json!({ "group": "teaching" }))
        .send()
        .await
        .unwrap();
    assert_eq!(remind.status(), 403);
    let holiday = former
        .post(app.url(&format!("/api/schools/{chad}/holidays")))
        .json(&serde_json::json!({ "name": "Extra", "first_day": "2027-01-04", "last_day": "2027-01-05" }))
        .send()
        .await
        .unwrap();
    assert_eq!(holiday.status(), 403);
    let manage = former.get(app.url("/api/manage")).send().await.unwrap();
    assert_eq!(manage.status(), 403);
}
on_both_databases!(a_manager_who_left_keeps_no_rights_at_the_school);

async fn a_member_of_staff_who_left_cannot_open_modules_or_attest(app: TestApp) {
    let email = staff(CHAD);
    let client = client_for(&app, &email).await;
    let version = my_modules(&app, &client).await[0].version_id.clone();
    let passed = take_quiz(&app, &client, &version, |q| q.answer).await;
    leave_chad_for_cameley(&app, &email).await;
    let module = client
        .get(app.url(&format!("/api/modules/{version}")))
        .send()
        .await
        .unwrap();
    assert_eq!(module.status(), 404);
    let attest = client
        .post(app.url(&format!("/api/attempts/{passed}/attestation")))
        .json(&serde_json::json!({ "confirm": true }))
        .send()
        .await
        .unwrap();
    assert_eq!(attest.status(), 404);
}
on_both_databases!(a_member_of_staff_who_left_cannot_open_modules_or_attest);
