//! Standings kept between requests never go stale: every kind of write shows on the next
//! dashboard, matrix and evidence report, and an unchanged school is served from memory.

use std::sync::Arc;

use attest::on_db;
use attest::standings::StandingsCache;
use attest_domain::api::{Dashboard, EvidenceReport, Matrix, Status};

use super::drafts::{publish_text, settings};
use super::support::*;
use crate::helpers::{workspace_dir, TestApp};
use crate::{on_both_databases, steps};

/// What a school manager and the trust manager see now.
struct Seen {
    dashboard: Dashboard,
    matrix: Matrix,
    trust_matrix: Matrix,
    evidence: EvidenceReport,
}

impl Seen {
    /// A person's cell of the school's one policy (`None`: not in the matrix or not assigned).
    fn cell(&self, email: &str) -> Option<Status> {
        self.matrix
            .rows
            .iter()
            .find(|r| r.email == email)
            .and_then(|r| r.cells.first().cloned().flatten())
            .map(|c| c.status)
    }

    fn row(&self, email: &str) -> Option<&attest_domain::api::MatrixRow> {
        self.matrix.rows.iter().find(|r| r.email == email)
    }

    fn trust_cell(&self, email: &str) -> Option<Status> {
        let row = self.trust_matrix.rows.iter().find(|r| r.email == email)?;
        row.cells.iter().flatten().next().map(|c| c.status)
    }
}

struct Views {
    manager: reqwest::Client,
    trust: reqwest::Client,
    school: String,
    trust_id: String,
}

impl Views {
    async fn new(app: &TestApp) -> Views {
        Views {
            manager: client_for(app, &manager(CHAD)).await,
            trust: client_for(app, TRUST).await,
            school: school_id(app, CHAD).await,
            trust_id: trust_id(app).await,
        }
    }

    /// Everything, twice: the second look (from memory when nothing changed) must agree.
    async fn see(&self, app: &TestApp) -> Seen {
        let once = self.look(app).await;
        let again = self.look(app).await;
        assert_eq!(once.dashboard, again.dashboard);
        assert_eq!(once.matrix, again.matrix);
        assert_eq!(once.trust_matrix, again.trust_matrix);
        assert_eq!(once.evidence.gaps, again.evidence.gaps);
        once
    }

    async fn look(&self, app: &TestApp) -> Seen {
        let school = &self.school;
        Seen {
            dashboard: get_json(
                app,
                &self.manager,
                &format!("/api/schools/{school}/dashboard"),
            )
            .await,
            matrix: get_json(app, &self.manager, &format!("/api/schools/{school}/matrix")).await,
            trust_matrix: get_json(
                app,
                &self.trust,
                &format!("/api/trusts/{}/matrix?per_page=200", self.trust_id),
            )
            .await,
            evidence: get_json(
                app,
                &self.manager,
                &format!("/api/schools/{school}/evidence"),
            )
            .await,
        }
    }
}

async fn put_person(app: &TestApp, client: &reqwest::Client, id: &str, body: serde_json::Value) {
    let res = client
        .put(app.url(&format!("/api/people/{id}")))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
}

/// Publishes `text` as the next version of Chad Vale's policy, through a reviewed draft.
async fn publish(app: &TestApp, client: &reqwest::Client, text: &str, body: serde_json::Value) {
    let (school, policy) = (school_id(app, CHAD).await, policy_id(app, CHAD).await);
    let (status, text) = publish_text(app, client, &school, Some(&policy), text, body).await;
    assert_eq!(status, 201, "{text}");
}

async fn every_kind_of_write_shows_on_the_next_view(app: TestApp) {
    let views = Views::new(&app).await;
    let alex = staff(CHAD);
    let jordan = manager(CHAD);
    let seen = views.see(&app).await;
    assert_eq!(seen.cell(&alex), Some(Status::NotStarted));
    assert_eq!(seen.cell(&jordan), Some(Status::NotStarted));
    assert_eq!(seen.trust_cell(&alex), Some(Status::NotStarted));
    let people = seen.dashboard.people;
    let version = my_modules(&app, &views.manager).await[0].version_id.clone();

    // Lesson progress.
    read_first_lesson(&app, &views.manager, &version).await;
    let seen = views.see(&app).await;
    assert_eq!(seen.cell(&jordan), Some(Status::InProgress));
    assert_eq!(seen.dashboard.counts.in_progress, 1);

    // A quiz attempt started, then passed.
    let alex_client = client_for(&app, &alex).await;
    let attempt = steps::start_attempt(&app, &alex_client, &version).await;
    let seen = views.see(&app).await;
    assert_eq!(seen.cell(&alex), Some(Status::InProgress));
    assert_eq!(seen.trust_cell(&alex), Some(Status::InProgress));
    let answers = steps::answers_with(&app, &attempt.id, attempt.questions.len()).await;
    let res = steps::submit(&app, &alex_client, &attempt.id, &answers).await;
    assert_eq!(res.status(), 200);
    let seen = views.see(&app).await;
    assert_eq!(seen.cell(&alex), Some(Status::Passed));
    assert!(seen.evidence.gaps.iter().any(|g| g.email == alex));

    // The attestation.
    let res = steps::request_attestation(&app, &alex_client, &attempt.id).await;
    assert_eq!(res.status(), 200);
    let seen = views.see(&app).await;
    assert_eq!(seen.cell(&alex), Some(Status::Attested));
    assert_eq!(seen.trust_cell(&alex), Some(Status::Attested));
    assert_eq!(seen.dashboard.counts.attested, 1);
    assert!(seen.evidence.gaps.iter().all(|g| g.email != alex));
    assert_eq!(seen.evidence.attestations.len(), 1);

    // A person added, renamed, moved to another group, then leaving.
    let res = views
        .manager
        .post(app.url(&format!("/api/schools/{}/people", views.school)))
        .json(&serde_json::json!({
            "name": "Cleo Ray", "email": "cleo@chad.example", "groups": ["teaching"], "start_date": "2026-09-01"
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let cleo: attest_domain::api::PersonDetail = res.json().await.unwrap();
    let seen = views.see(&app).await;
    assert_eq!(seen.cell("cleo@chad.example"), Some(Status::NotStarted));
    assert_eq!(seen.dashboard.people, people + 1);
    let edit = |name: &str, group: &str, active: bool| {
        serde_json::json!({
            "name": name, "email": "cleo@chad.example", "groups": [group],
            "start_date": "2026-09-01", "active": active
        })
    };
    put_person(
        &app,
        &views.manager,
        &cleo.id,
        edit("Cleo Ray-Smith", "teaching", true),
    )
    .await;
    let seen = views.see(&app).await;
    assert_eq!(
        seen.row("cleo@chad.example").unwrap().name,
        "Cleo Ray-Smith"
    );
    put_person(
        &app,
        &views.manager,
        &cleo.id,
        edit("Cleo Ray-Smith", "support", true),
    )
    .await;
    let seen = views.see(&app).await;
    assert_eq!(
        seen.row("cleo@chad.example").unwrap().groups,
        vec!["support"]
    );
    put_person(
        &app,
        &views.manager,
        &cleo.id,
        edit("Cleo Ray-Smith", "support", false),
    )
    .await;
    let seen = views.see(&app).await;
    assert!(
        seen.row("cleo@chad.example").is_none(),
        "a leaver leaves the matrix"
    );
    assert_eq!(seen.dashboard.people, people);

    // A new version with a changed duty: Alex must re-attest.
    let text =
        std::fs::read_to_string(workspace_dir().join("content/policies/chad-vale-primary.txt"))
            .unwrap();
    let changed = format!(
        "{text}\n\n99. New rules\n\n99.1 Staff must report every friend request from a pupil to the headteacher on the same day.\n"
    );
    let mut v2 = settings("v2", false);
    v2["groups"] = serde_json::json!([]);
    publish(&app, &views.manager, &changed, v2).await;
    let seen = views.see(&app).await;
    assert_eq!(seen.cell(&alex), Some(Status::DueSoon));
    assert_eq!(seen.matrix.policies[0].version_label, "v2");

    // Assignments changed: teaching staff no longer have the policy.
    let mut v3 = settings("v3", false);
    v3["groups"] = serde_json::json!(["governors"]);
    publish(&app, &views.manager, &changed, v3).await;
    let seen = views.see(&app).await;
    assert_eq!(seen.cell(&alex), None, "no longer assigned");
    assert_eq!(seen.trust_cell(&alex), None);
    assert_eq!(seen.dashboard.people, 0);
}
on_both_databases!(every_kind_of_write_shows_on_the_next_view);

async fn an_unchanged_school_is_served_from_memory(app: TestApp) {
    let cache = StandingsCache::new(1_000);
    let school = school_id(&app, CHAD).await;
    let other = school_id(&app, CAMELEY).await;
    let schools = [school.clone()];
    let first = cache.schools(&app.db, &schools, false).await.unwrap();
    let again = cache.schools(&app.db, &schools, false).await.unwrap();
    assert!(
        Arc::ptr_eq(&first, &again),
        "nothing changed: the same facts"
    );
    assert_eq!(cache.held(), first.facts().member_count());

    // A write at another school leaves this one's facts alone.
    on_db!(app.db, |e| sqlx::query(
        "UPDATE schools SET name = 'Renamed' WHERE id = $1"
    )
    .bind(&other)
    .execute(e)
    .await
    .rows_affected())
    .unwrap();
    let still = cache.schools(&app.db, &schools, false).await.unwrap();
    assert!(Arc::ptr_eq(&first, &still));

    // Any write to this school, even straight into the database, is seen.
    on_db!(app.db, |e| sqlx::query(
        "UPDATE schools SET name = 'Chad Vale Renamed' WHERE id = $1"
    )
    .bind(&school)
    .execute(e)
    .await
    .rows_affected())
    .unwrap();
    let fresh = cache.schools(&app.db, &schools, false).await.unwrap();
    assert!(!Arc::ptr_eq(&first, &fresh));
    assert!(fresh
        .facts()
        .members()
        .all(|m| m.school_name == "Chad Vale Renamed"));

    // A sign-in's bookkeeping is not a change to anyone's standing.
    on_db!(app.db, |e| sqlx::query(
        "UPDATE people SET locked_until = NULL, password_hash = password_hash"
    )
    .execute(e)
    .await
    .rows_affected())
    .unwrap();
    let after = cache.schools(&app.db, &schools, false).await.unwrap();
    assert!(Arc::ptr_eq(&fresh, &after));

    // Leavers included is a different entry; a trust's set of schools another.
    let with_leavers = cache.schools(&app.db, &schools, true).await.unwrap();
    assert!(!Arc::ptr_eq(&after, &with_leavers));
    let both = [other.clone(), school.clone()];
    let trust = cache.schools(&app.db, &both, false).await.unwrap();
    let reordered = cache
        .schools(&app.db, &[school.clone(), other.clone()], false)
        .await
        .unwrap();
    assert!(
        Arc::ptr_eq(&trust, &reordered),
        "the order of schools does not matter"
    );

    // Turned off, every call loads afresh.
    let off = StandingsCache::new(0);
    let a = off.schools(&app.db, &schools, false).await.unwrap();
    let b = off.schools(&app.db, &schools, false).await.unwrap();
    assert!(!Arc::ptr_eq(&a, &b));
    assert_eq!(off.held(), 0);
}
on_both_databases!(an_unchanged_school_is_served_from_memory);
