//! Dashboards, matrix, comparison, exports, the as-at evidence report and insight.

use attest_domain::api::{
    Dashboard, EvidenceReport, Matrix, PolicyInsight, Status, TrustComparison,
};
use chrono::Duration;

use super::support::*;
use crate::helpers::TestApp;
use crate::on_both_databases;
use attest::on_db;

async fn the_dashboard_counts_statuses_and_tracks_compliance_over_time(app: TestApp) {
    let school = school_id(&app, CHAD).await;
    let client = client_for(&app, &manager(CHAD)).await;
    let before: Dashboard =
        get_json(&app, &client, &format!("/api/schools/{school}/dashboard")).await;
    assert_eq!(before.people, 2);
    assert_eq!(before.counts.not_started, 2);
    assert_eq!(before.fully_compliant, 0);
    assert_eq!(before.due_next_30_days.len(), 2);
    assert_eq!(before.due_next_30_days_total, 2);
    assert_eq!(before.over_time.len(), 12);

    complete_training(&app, &staff(CHAD)).await;
    app.clock.advance(Duration::days(20));
    let client = client_for(&app, &manager(CHAD)).await; // the session lapsed meanwhile
    let after: Dashboard = get_json(
        &app,
        &client,
        &format!("/api/schools/{school}/dashboard?weeks=4"),
    )
    .await;
    assert_eq!((after.counts.attested, after.counts.overdue), (1, 1));
    assert_eq!(after.overdue_total, after.counts.overdue);
    assert_eq!(after.percent, 50.0);
    assert_eq!(after.overdue[0].name, "Jordan Lee");
    let line: Vec<f64> = after.over_time.iter().map(|p| p.percent).collect();
    // Today is 21 September: points on 31 August (nobody yet), 7, 14 and 21 September.
    assert_eq!(after.over_time[0].date.to_string(), "2026-08-31");
    assert_eq!(
        line,
        vec![0.0, 50.0, 50.0, 50.0],
        "weekly points as at each day"
    );
    let teaching = after.bars.iter().find(|b| b.name == "teaching").unwrap();
    assert_eq!(teaching.people, 2);

    let trust = trust_id(&app).await;
    let whole: Dashboard = get_json(
        &app,
        &client_for(&app, TRUST).await,
        &format!("/api/trusts/{trust}/dashboard"),
    )
    .await;
    assert_eq!(whole.bars.len(), 5, "one bar per school");
    assert_eq!(whole.people, 10);
    assert_eq!(whole.fully_compliant, 1);
}
on_both_databases!(the_dashboard_counts_statuses_and_tracks_compliance_over_time);

async fn the_matrix_filters_searches_sorts_and_pages(app: TestApp) {
    let trust = trust_id(&app).await;
    let client = client_for(&app, TRUST).await;
    complete_training(&app, &staff(CHAD)).await;
    let all: Matrix = get_json(
        &app,
        &client,
        &format!("/api/trusts/{trust}/matrix?per_page=4&sort=school"),
    )
    .await;
    assert_eq!((all.total, all.rows.len(), all.policies.len()), (10, 4, 5));
    let page3: Matrix = get_json(
        &app,
        &client,
        &format!("/api/trusts/{trust}/matrix?per_page=4&page=3&sort=school"),
    )
    .await;
    assert_eq!(page3.rows.len(), 2);
    let attested: Matrix = get_json(
        &app,
        &client,
        &format!("/api/trusts/{trust}/matrix?status=attested"),
    )
    .await;
    assert_eq!(attested.total, 1);
    assert_eq!(attested.rows[0].email, staff(CHAD));
    let worst_last: Matrix = get_json(
        &app,
        &client,
        &format!("/api/trusts/{trust}/matrix?sort=status"),
    )
    .await;
    assert_eq!(worst_last.rows.last().unwrap().email, staff(CHAD));
    let found: Matrix = get_json(
        &app,
        &client,
        &format!("/api/trusts/{trust}/matrix?q=MANAGER@CAMELEY"),
    )
    .await;
    assert_eq!(found.total, 1);
    let school = school_id(&app, CHAD).await;
    let one: Matrix = get_json(
        &app,
        &client,
        &format!("/api/trusts/{trust}/matrix?school={school}"),
    )
    .await;
    assert_eq!((one.total, one.policies.len()), (2, 1));
    let none: Matrix = get_json(
        &app,
        &client,
        &format!("/api/trusts/{trust}/matrix?group=governors"),
    )
    .await;
    assert_eq!(none.total, 0);
    let bad = client
        .get(app.url(&format!("/api/trusts/{trust}/matrix?sort=shoe")))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);
}
on_both_databases!(the_matrix_filters_searches_sorts_and_pages);

async fn the_trust_comparison_shows_topics_and_gaps(app: TestApp) {
    let trust = trust_id(&app).await;
    let cmp: TrustComparison = get_json(
        &app,
        &client_for(&app, TRUST).await,
        &format!("/api/trusts/{trust}/compare"),
    )
    .await;
    assert_eq!(cmp.schools.len(), 5);
    assert!(cmp.topics.len() >= 5, "{:?}", cmp.topics.len());
    assert!(cmp.topics.iter().all(|t| t.schools.len() == 5));
    for t in &cmp.topics {
        assert_eq!(
            t.gap,
            t.schools.iter().any(|c| c.strongest.is_none()),
            "{}",
            t.topic
        );
    }
    assert!(
        cmp.topics
            .iter()
            .any(|t| t.schools.iter().all(|c| c.strongest.is_some())),
        "a shared topic"
    );
}
on_both_databases!(the_trust_comparison_shows_topics_and_gaps);

async fn exports_download_the_matrix_and_every_attestation(app: TestApp) {
    let school = school_id(&app, CHAD).await;
    let receipt = complete_training(&app, &staff(CHAD)).await;
    let client = client_for(&app, &manager(CHAD)).await;
    let res = client
        .get(app.url(&format!("/api/schools/{school}/matrix.csv")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("attachment"));
    let csv = res.text().await.unwrap();
    let csv = csv
        .strip_prefix('\u{feff}')
        .expect("a UTF-8 byte order mark for Excel");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(lines[0].starts_with("name,email,school,groups,"));
    assert!(csv.contains("Attested (due"), "{csv}");

    let csv = client
        .get(app.url(&format!("/api/schools/{school}/attestations.csv")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        csv.contains(&receipt.code)
            && csv.contains(&receipt.hash)
            && csv.contains(&receipt.text_sha256)
    );
    // Chain verified, then how it was signed.
    let row = csv.lines().nth(1).unwrap();
    assert!(row.contains(",yes,\"in Attest, scoring "), "{csv}");
}
on_both_databases!(exports_download_the_matrix_and_every_attestation);

async fn the_evidence_report_answers_as_at_a_past_day(app: TestApp) {
    let school = school_id(&app, CHAD).await;
    let receipt = complete_training(&app, &staff(CHAD)).await; // signed 2026-09-01
    app.clock.advance(Duration::days(400)); // 2027-10-06: the 12-month attestation has lapsed
    let client = client_for(&app, &manager(CHAD)).await;
    let today: EvidenceReport =
        get_json(&app, &client, &format!("/api/schools/{school}/evidence")).await;
    assert!(today.attestations.is_empty(), "lapsed today");
    assert!(today
        .gaps
        .iter()
        .any(|g| g.email == staff(CHAD) && g.status == Status::Overdue));
    assert!(today.chain.intact);

    let then: EvidenceReport = get_json(
        &app,
        &client,
        &format!("/api/schools/{school}/evidence?as_at=2026-12-01"),
    )
    .await;
    assert_eq!(then.attestations.len(), 1);
    assert_eq!(then.attestations[0].code, receipt.code);
    assert_eq!(then.attestations[0].text_sha256, receipt.text_sha256);
    assert!(then.attestations[0].verified);
    assert_eq!(then.gaps.len(), 1, "the manager had not attested");

    let before: EvidenceReport = get_json(
        &app,
        &client,
        &format!("/api/schools/{school}/evidence?as_at=2026-08-31"),
    )
    .await;
    assert!(before.attestations.is_empty());

    let pdf = client
        .get(app.url(&format!(
            "/api/schools/{school}/evidence.pdf?as_at=2026-12-01"
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    let bytes = pdf.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let text = pdf_text(&bytes);
    assert!(text.contains(&receipt.code), "{text}");
    assert!(text.contains("As at 1 December 2026"), "{text}");

    // Tampering (by someone who first removes the append-only guard) shows in the report.
    app.drop_append_only_guard().await;
    on_db!(app.db, |e| sqlx::query("UPDATE attestations SET score = 0")
        .execute(e)
        .await
        .rows_affected())
    .unwrap();
    let tampered: EvidenceReport = get_json(
        &app,
        &client,
        &format!("/api/schools/{school}/evidence?as_at=2026-12-01"),
    )
    .await;
    assert!(!tampered.chain.intact);
    assert!(!tampered.attestations[0].verified);
    let future = client
        .get(app.url(&format!("/api/schools/{school}/evidence?as_at=2030-01-01")))
        .send()
        .await
        .unwrap();
    assert_eq!(future.status(), 422);
}
on_both_databases!(the_evidence_report_answers_as_at_a_past_day);

async fn insight_ranks_clauses_by_first_attempt_mistakes(app: TestApp) {
    let policy = policy_id(&app, CHAD).await;
    let staff_client = client_for(&app, &staff(CHAD)).await;
    let version = my_modules(&app, &staff_client).await[0].version_id.clone();
    // First attempt: everything wrong; the retake (not counted) everything right.
    take_quiz(&app, &staff_client, &version, |q| {
        (q.answer + 1) % q.options.len()
    })
    .await;
    take_quiz(&app, &staff_client, &version, |q| q.answer).await;
    let manager_client = client_for(&app, &manager(CHAD)).await;
    take_quiz(&app, &manager_client, &version, |q| q.answer).await;

    let insight: PolicyInsight = get_json(
        &app,
        &manager_client,
        &format!("/api/policies/{policy}/insight"),
    )
    .await;
    assert_eq!(insight.first_attempts, 2);
    assert!(!insight.clauses.is_empty());
    let top = &insight.clauses[0];
    assert!(top.wrong >= 1 && top.percent_wrong > 0.0, "{top:?}");
    assert!(!top.text.is_empty(), "the clause is quoted");
    assert!(insight
        .clauses
        .windows(2)
        .all(|w| w[0].percent_wrong >= w[1].percent_wrong));
    let total_wrong: u32 = insight.clauses.iter().map(|c| c.wrong).sum();
    let total_asked: u32 = insight.clauses.iter().map(|c| c.asked).sum();
    assert!(
        total_wrong * 2 == total_asked,
        "staff all wrong, manager all right: {total_wrong}/{total_asked}"
    );
}
on_both_databases!(insight_ranks_clauses_by_first_attempt_mistakes);
