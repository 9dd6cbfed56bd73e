//! Reading a module and taking its quiz: progress, attempts, grading, retakes and replays.

use attest_domain::api::{AttemptResult, ModuleView, ProgressUpdate, Status};
use chrono::Duration;

use crate::helpers::TestApp;
use crate::on_both_databases;
use crate::steps::*;
use attest::on_db;

async fn get_module(app: &TestApp, client: &reqwest::Client, version_id: &str) -> ModuleView {
    let res = client
        .get(app.url(&format!("/api/modules/{version_id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    res.json().await.unwrap()
}

async fn put_progress(
    app: &TestApp,
    client: &reqwest::Client,
    version_id: &str,
    current_lesson: u32,
    lessons_done: u32,
) -> reqwest::Response {
    client
        .put(app.url(&format!("/api/modules/{version_id}/progress")))
        .json(&ProgressUpdate {
            current_lesson,
            lessons_done,
        })
        .send()
        .await
        .unwrap()
}

async fn progress_is_saved_and_resumes_on_another_device(app: TestApp) {
    let laptop = signed_in(&app, STAFF).await;
    let version_id = only_module(&app, &laptop).await.version_id;
    let module = get_module(&app, &laptop, &version_id).await;
    assert_eq!((module.current_lesson, module.lessons_done), (0, 0));
    let lessons = module.module.lessons.len() as u32;
    assert!(lessons >= 3, "the sample module has {lessons} lessons");

    let saved = put_progress(&app, &laptop, &version_id, 2, 2).await;
    assert_eq!(saved.status(), 200);

    // Another device (its own session) resumes at the saved lesson.
    let phone = signed_in(&app, STAFF).await;
    let resumed = get_module(&app, &phone, &version_id).await;
    assert_eq!((resumed.current_lesson, resumed.lessons_done), (2, 2));
    assert_eq!(resumed.status, Status::InProgress);
    let summary = only_module(&app, &phone).await;
    assert_eq!(
        (summary.status, summary.lessons_done, summary.lessons_total),
        (Status::InProgress, 2, lessons)
    );

    // Going back to re-read a lesson keeps the lessons already done.
    put_progress(&app, &phone, &version_id, 0, 1).await;
    let back = get_module(&app, &laptop, &version_id).await;
    assert_eq!((back.current_lesson, back.lessons_done), (0, 2));
}
on_both_databases!(progress_is_saved_and_resumes_on_another_device);

async fn progress_beyond_the_module_is_refused_and_changes_nothing(app: TestApp) {
    let client = signed_in(&app, STAFF).await;
    let version_id = only_module(&app, &client).await.version_id;
    let lessons = get_module(&app, &client, &version_id)
        .await
        .module
        .lessons
        .len() as u32;
    put_progress(&app, &client, &version_id, 1, 1).await;

    let past_the_end = put_progress(&app, &client, &version_id, lessons, lessons).await;
    assert_eq!(past_the_end.status(), 422);
    let body: serde_json::Value = past_the_end.json().await.unwrap();
    assert!(body["message"].as_str().unwrap().contains("lesson"));
    let too_many_done = put_progress(&app, &client, &version_id, 0, lessons + 1).await;
    assert_eq!(too_many_done.status(), 422);

    let module = get_module(&app, &client, &version_id).await;
    assert_eq!((module.current_lesson, module.lessons_done), (1, 1));
    // The last lesson itself is fine.
    let last = put_progress(&app, &client, &version_id, lessons - 1, lessons).await;
    assert_eq!(last.status(), 200);
}
on_both_databases!(progress_beyond_the_module_is_refused_and_changes_nothing);

async fn attempts_never_show_answers_or_explanations(app: TestApp) {
    let client = signed_in(&app, STAFF).await;
    let version_id = only_module(&app, &client).await.version_id;
    read_every_lesson(&app, &client, &version_id).await;
    let res = client
        .post(app.url(&format!("/api/modules/{version_id}/attempts")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let body: serde_json::Value = res.json().await.unwrap();
    let questions = body["questions"].as_array().unwrap();
    assert!(!questions.is_empty());
    let attempt_id = body["id"].as_str().unwrap();
    let stored: Vec<serde_json::Value> = stored_questions(&app, attempt_id).await;
    for (shown, kept) in questions.iter().zip(&stored) {
        let keys: Vec<&String> = shown.as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            ["id", "options", "stem"],
            "only these reach the browser"
        );
        // Nor does the explanation hide inside another field.
        let explanation = kept["explanation"].as_str().unwrap();
        assert!(!shown.to_string().contains(explanation));
    }
    let text = body.to_string();
    for leak in ["answer", "explanation", "clause_ids", "verdict"] {
        assert!(!text.contains(&format!("\"{leak}\"")), "{leak} leaked");
    }
}
on_both_databases!(attempts_never_show_answers_or_explanations);

async fn the_pass_mark_decides_pass_and_fail_at_its_boundary(app: TestApp) {
    let client = signed_in(&app, STAFF).await;
    let version_id = only_module(&app, &client).await.version_id;

    let failed = take_quiz(&app, &client, &version_id, |n| right_needed(n, 80) - 1).await;
    assert_eq!(failed.pass_mark, 80);
    assert!(!failed.passed);
    assert_eq!(
        failed.score as usize,
        right_needed(failed.total as usize, 80) - 1
    );
    assert_eq!(status_now(&app, &client).await, Status::InProgress);

    let passed = take_quiz(&app, &client, &version_id, |n| right_needed(n, 80)).await;
    assert!(passed.passed);
    assert_eq!(
        passed.score as usize,
        right_needed(passed.total as usize, 80)
    );
    assert_eq!(status_now(&app, &client).await, Status::Passed);

    // Once passed, each graded question says right or wrong, with the answer, explanation and clause.
    for q in &passed.questions {
        assert!(q.answer.is_some());
        assert_eq!(q.correct, q.chosen == q.answer);
        assert!(!q.explanation.as_deref().unwrap_or_default().is_empty());
        assert!(!q.clause_ids.is_empty());
    }
    let (stored_score, stored_passed): (i64, i64) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT score, passed FROM attempts WHERE id = $1"
    )
    .bind(&failed.attempt_id)
    .fetch_one(e)
    .await)
    .unwrap();
    assert_eq!((stored_score, stored_passed), (i64::from(failed.score), 0));
}
on_both_databases!(the_pass_mark_decides_pass_and_fail_at_its_boundary);

async fn a_pass_mark_set_per_policy_is_used(app: TestApp) {
    let client = signed_in(&app, STAFF).await;
    let version_id = only_module(&app, &client).await.version_id;
    on_db!(app.db, |e| sqlx::query(
        "UPDATE policy_versions SET pass_mark = 50 WHERE id = $1"
    )
    .bind(&version_id)
    .execute(e)
    .await
    .rows_affected())
    .unwrap();
    let attempt = start_attempt(&app, &client, &version_id).await;
    assert_eq!(attempt.pass_mark, 50);
    let n = attempt.questions.len();
    let answers = answers_with(&app, &attempt.id, right_needed(n, 50)).await;
    let result: AttemptResult = submit(&app, &client, &attempt.id, &answers)
        .await
        .json()
        .await
        .unwrap();
    assert!(result.passed, "{} of {n} passes at 50%", result.score);
}
on_both_databases!(a_pass_mark_set_per_policy_is_used);

async fn a_retake_draws_a_fresh_mix(app: TestApp) {
    let client = signed_in(&app, STAFF).await;
    let version_id = only_module(&app, &client).await.version_id;
    let first = start_attempt(&app, &client, &version_id).await;
    let wrong = answers_with(&app, &first.id, 0).await;
    assert_eq!(submit(&app, &client, &first.id, &wrong).await.status(), 200);
    app.clock.advance(Duration::minutes(5));
    let second = start_attempt(&app, &client, &version_id).await;
    assert_ne!(first.id, second.id);
    let stems = |a: &attest_domain::api::AttemptView| {
        a.questions
            .iter()
            .map(|q| q.stem.clone())
            .collect::<Vec<_>>()
    };
    assert_ne!(
        stems(&first),
        stems(&second),
        "the retake asked the same quiz"
    );
}
on_both_databases!(a_retake_draws_a_fresh_mix);

async fn a_replayed_submission_is_refused_and_changes_nothing(app: TestApp) {
    let client = signed_in(&app, STAFF).await;
    let version_id = only_module(&app, &client).await.version_id;
    let attempt = start_attempt(&app, &client, &version_id).await;
    let failing = answers_with(&app, &attempt.id, 0).await;
    let first = submit(&app, &client, &attempt.id, &failing).await;
    assert_eq!(first.status(), 200);
    let stored = |id: String| {
        let pool = app.db.pool.clone();
        async move {
            on_db!(pool, |e| sqlx::query_as::<_, (String, i64, i64, String)>(
                "SELECT answers, score, passed, submitted_at FROM attempts WHERE id = $1",
            )
            .bind(id)
            .fetch_one(e)
            .await)
            .unwrap()
        }
    };
    let before = stored(attempt.id.clone()).await;

    app.clock.advance(Duration::minutes(5));
    let perfect = answers_with(&app, &attempt.id, attempt.questions.len()).await;
    let replay = submit(&app, &client, &attempt.id, &perfect).await;
    assert_eq!(replay.status(), 409);
    let same_again = submit(&app, &client, &attempt.id, &failing).await;
    assert_eq!(same_again.status(), 409);

    assert_eq!(stored(attempt.id.clone()).await, before);
    assert_eq!(before.1, 0);
    let refused = request_attestation(&app, &client, &attempt.id).await;
    assert_eq!(refused.status(), 422, "the failed attempt stays failed");
}
on_both_databases!(a_replayed_submission_is_refused_and_changes_nothing);

async fn malformed_submissions_are_refused_and_change_nothing(app: TestApp) {
    let client = signed_in(&app, STAFF).await;
    let version_id = only_module(&app, &client).await.version_id;
    let attempt = start_attempt(&app, &client, &version_id).await;
    let n = attempt.questions.len();
    let short = submit(&app, &client, &attempt.id, &vec![Some(0); n - 1]).await;
    assert_eq!(short.status(), 422);
    let out_of_range = submit(&app, &client, &attempt.id, &vec![Some(99); n]).await;
    assert_eq!(out_of_range.status(), 422);
    // Still open: the proper submission is graded.
    let answers = answers_with(&app, &attempt.id, n).await;
    assert_eq!(
        submit(&app, &client, &attempt.id, &answers).await.status(),
        200
    );
}
on_both_databases!(malformed_submissions_are_refused_and_change_nothing);

async fn forged_and_other_schools_ids_are_not_found(app: TestApp) {
    let client = signed_in(&app, STAFF).await;
    let other = signed_in(&app, OTHER_STAFF).await;
    let theirs = only_module(&app, &other).await.version_id;
    let their_attempt = start_attempt(&app, &other, &theirs).await;

    for version_id in [theirs.as_str(), "0123456789abcdef0123456789abcdef"] {
        for res in [
            client.get(app.url(&format!("/api/modules/{version_id}"))),
            client.post(app.url(&format!("/api/modules/{version_id}/attempts"))),
            client
                .put(app.url(&format!("/api/modules/{version_id}/progress")))
                .json(&ProgressUpdate {
                    current_lesson: 0,
                    lessons_done: 0,
                }),
            client.get(app.url(&format!("/api/modules/{version_id}/ask?q=photos"))),
        ] {
            let res = res.send().await.unwrap();
            assert_eq!(res.status(), 404, "{version_id}");
        }
    }
    let answers = answers_with(&app, &their_attempt.id, 10).await;
    for attempt_id in [their_attempt.id.as_str(), "not-an-attempt"] {
        let res = submit(&app, &client, attempt_id, &answers).await;
        assert_eq!(res.status(), 404);
        let res = request_attestation(&app, &client, attempt_id).await;
        assert_eq!(res.status(), 404);
    }
    // Their attempt is untouched and still theirs to submit.
    let mine = submit(&app, &other, &their_attempt.id, &answers).await;
    assert_eq!(mine.status(), 200);
}
on_both_databases!(forged_and_other_schools_ids_are_not_found);

async fn an_expired_session_is_refused_everywhere(app: TestApp) {
    let client = signed_in(&app, STAFF).await;
    let version_id = only_module(&app, &client).await.version_id;
    let attempt = start_attempt(&app, &client, &version_id).await;
    let answers = answers_with(&app, &attempt.id, attempt.questions.len()).await;

    app.clock
        .advance(Duration::hours(12) + Duration::seconds(1));
    let refused = [
        client.get(app.url("/api/me/modules")),
        client.get(app.url(&format!("/api/modules/{version_id}"))),
        client.post(app.url(&format!("/api/modules/{version_id}/attempts"))),
        client
            .post(app.url(&format!("/api/attempts/{}/submit", attempt.id)))
            .json(&serde_json::json!({ "answers": answers })),
    ];
    for req in refused {
        assert_eq!(req.send().await.unwrap().status(), 401);
    }
    let (answers_stored,): (Option<String>,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT answers FROM attempts WHERE id = $1"
    )
    .bind(&attempt.id)
    .fetch_one(e)
    .await)
    .unwrap();
    assert!(answers_stored.is_none());
}
on_both_databases!(an_expired_session_is_refused_everywhere);
