//! A quiz that proves reading: no answer key after a fail, lessons first, rereading before a
//! retake weighted to what was missed, resuming the open attempt, and a daily cap.

use attest_domain::api::{AttemptResult, ModuleView};
use attest_domain::quiz::{build_bank, Question};
use chrono::Duration;
use reqwest::Client;

use crate::helpers::TestApp;
use crate::on_both_databases;
use crate::steps::*;
use attest::on_db;

async fn module_view(app: &TestApp, client: &Client, version_id: &str) -> ModuleView {
    let res = client
        .get(app.url(&format!("/api/modules/{version_id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    res.json().await.unwrap()
}

async fn post_attempt(app: &TestApp, client: &Client, version_id: &str) -> reqwest::Response {
    client
        .post(app.url(&format!("/api/modules/{version_id}/attempts")))
        .send()
        .await
        .unwrap()
}

async fn attempts_stored(app: &TestApp) -> i64 {
    let (n,): (i64,) = on_db!(app.db, |e| sqlx::query_as("SELECT COUNT(*) FROM attempts")
        .fetch_one(e)
        .await)
    .unwrap();
    n
}

/// Draws an attempt and submits it with `right` answers right; the graded result.
async fn attempt_with(
    app: &TestApp,
    client: &Client,
    version_id: &str,
    right: usize,
) -> AttemptResult {
    let res = post_attempt(app, client, version_id).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let attempt: attest_domain::api::AttemptView = res.json().await.unwrap();
    let answers = answers_with(app, &attempt.id, right).await;
    let res = submit(app, client, &attempt.id, &answers).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    res.json().await.unwrap()
}

async fn a_failed_attempt_shows_which_lessons_to_reread_but_no_answer_key(app: TestApp) {
    let client = signed_in(&app, STAFF).await;
    let version_id = only_module(&app, &client).await.version_id;
    read_every_lesson(&app, &client, &version_id).await;
    app.clock.advance(Duration::minutes(5));
    let res = post_attempt(&app, &client, &version_id).await;
    let attempt: attest_domain::api::AttemptView = res.json().await.unwrap();
    let kept: Vec<Question> = stored_questions(&app, &attempt.id).await;
    let wrong = answers_with(&app, &attempt.id, 0).await;

    let res = submit(&app, &client, &attempt.id, &wrong).await;
    assert_eq!(res.status(), 200);
    let body: serde_json::Value = res.json().await.unwrap();

    assert_eq!(body["passed"], false);
    let text = body.to_string();
    for (shown, q) in body["questions"].as_array().unwrap().iter().zip(&kept) {
        assert!(shown["answer"].is_null(), "{shown}");
        assert!(shown["explanation"].is_null(), "{shown}");
        assert!(!text.contains(&q.explanation), "an explanation leaked");
        // The right option is not named anywhere apart from among the options.
        assert_eq!(shown["correct"], false);
    }
    let result: AttemptResult = serde_json::from_value(body).unwrap();
    let module = module_view(&app, &client, &version_id).await;
    assert!(!result.reread.is_empty());
    for link in &result.reread {
        let lesson = &module.module.lessons[link.index as usize];
        assert_eq!(lesson.id, link.id);
        for clause in &link.clause_ids {
            assert!(lesson.key_points.iter().any(|p| &p.clause_id == clause));
            assert!(kept.iter().any(|q| q.clause_ids.first() == Some(clause)));
        }
    }
    // The module names the same lessons, still to be read again.
    let pending: Vec<u32> = module.reread.iter().map(|l| l.index).collect();
    let named: Vec<u32> = result.reread.iter().map(|l| l.index).collect();
    assert_eq!(pending, named);
    assert!(module.reread.iter().all(|l| !l.reread));
}
on_both_databases!(a_failed_attempt_shows_which_lessons_to_reread_but_no_answer_key);

async fn reloading_the_quiz_resumes_the_open_attempt(app: TestApp) {
    let client = signed_in(&app, STAFF).await;
    let version_id = only_module(&app, &client).await.version_id;
    let first = start_attempt(&app, &client, &version_id).await;
    app.clock.advance(Duration::minutes(10));
    let again = start_attempt(&app, &client, &version_id).await;
    assert_eq!(again, first);
    assert_eq!(attempts_stored(&app).await, 1);
    // Once submitted, it is no longer open: the next request draws another.
    let right = answers_with(&app, &first.id, first.questions.len()).await;
    assert_eq!(submit(&app, &client, &first.id, &right).await.status(), 200);
    let next = start_attempt(&app, &client, &version_id).await;
    assert_ne!(next.id, first.id);
}
on_both_databases!(reloading_the_quiz_resumes_the_open_attempt);

async fn the_quiz_opens_once_every_lesson_has_been_read(app: TestApp) {
    let client = signed_in(&app, STAFF).await;
    let version_id = only_module(&app, &client).await.version_id;
    let module = module_view(&app, &client, &version_id).await;
    let lessons = module.module.lessons.len() as u32;
    assert!(lessons > 1);
    assert!(module.lessons_first);
    assert_eq!(module.unread_lessons, (0..lessons).collect::<Vec<_>>());

    let refused = post_attempt(&app, &client, &version_id).await;
    assert_eq!(refused.status(), 422);
    let message = refused.json::<serde_json::Value>().await.unwrap()["message"].clone();
    assert_eq!(
        message,
        format!("Read every lesson before you take the quiz: you have read 0 of {lessons}")
    );
    // Jumping to the last lesson is not reading the others.
    read_lesson(&app, &client, &version_id, lessons - 1, lessons).await;
    assert_eq!(post_attempt(&app, &client, &version_id).await.status(), 422);
    assert_eq!(attempts_stored(&app).await, 0);
    let module = module_view(&app, &client, &version_id).await;
    assert_eq!(module.unread_lessons, (0..lessons - 1).collect::<Vec<_>>());

    for lesson in 0..lessons - 1 {
        read_lesson(&app, &client, &version_id, lesson, lessons).await;
    }
    assert_eq!(post_attempt(&app, &client, &version_id).await.status(), 200);
}
on_both_databases!(the_quiz_opens_once_every_lesson_has_been_read);

async fn with_lessons_first_off_the_quiz_opens_straight_away(app: TestApp) {
    let client = signed_in(&app, STAFF).await;
    let version_id = only_module(&app, &client).await.version_id;
    on_db!(app.db, |e| sqlx::query(
        "UPDATE policies SET lessons_first = 0 \
         WHERE id = (SELECT policy_id FROM policy_versions WHERE id = $1)",
    )
    .bind(&version_id)
    .execute(e)
    .await
    .rows_affected())
    .unwrap();
    assert!(!module_view(&app, &client, &version_id).await.lessons_first);
    assert_eq!(post_attempt(&app, &client, &version_id).await.status(), 200);
}
on_both_databases!(with_lessons_first_off_the_quiz_opens_straight_away);

async fn a_retake_waits_for_the_missed_lessons_then_asks_more_about_them(app: TestApp) {
    let client = signed_in(&app, STAFF).await;
    let version_id = only_module(&app, &client).await.version_id;
    read_every_lesson(&app, &client, &version_id).await;
    app.clock.advance(Duration::minutes(5));
    // The bank the server draws from, to see how many fresh questions test a missed clause.
    let (clause_set,): (String,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT clause_set FROM policy_versions WHERE id = $1"
    )
    .bind(&version_id)
    .fetch_one(e)
    .await)
    .unwrap();
    let bank = build_bank(&serde_json::from_str(&clause_set).unwrap(), 1);
    let res = post_attempt(&app, &client, &version_id).await;
    let attempt: attest_domain::api::AttemptView = res.json().await.unwrap();
    let asked: Vec<Question> = stored_questions(&app, &attempt.id).await;
    let was_asked = |q: &Question| asked.iter().any(|a| a.id == q.id);
    // Miss 4 questions, those whose clause the bank asks about again first (the draw is
    // random: a clause with one question in the bank leaves nothing fresh to weight).
    let has_fresh = |q: &Question| {
        bank.questions
            .iter()
            .any(|b| !was_asked(b) && b.clause_ids.contains(&q.clause_ids[0]))
    };
    let mut order: Vec<usize> = (0..asked.len()).collect();
    order.sort_by_key(|&i| !has_fresh(&asked[i]));
    let wrong: Vec<usize> = order[..4].to_vec();
    let answers: Vec<Option<usize>> = stored_answers(&app, &attempt.id)
        .await
        .into_iter()
        .enumerate()
        .map(|(i, (answer, options))| {
            Some(if wrong.contains(&i) {
                (answer + 1) % options
            } else {
                answer
            })
        })
        .collect();
    let res = submit(&app, &client, &attempt.id, &answers).await;
    let first: AttemptResult = res.json().await.unwrap();
    assert!(!first.passed);
    let missed: Vec<String> = wrong
        .iter()
        .map(|&i| asked[i].clause_ids[0].clone())
        .collect();

    // Straight away: refused, naming the lessons, and nothing is drawn.
    let refused = post_attempt(&app, &client, &version_id).await;
    assert_eq!(refused.status(), 422);
    let message = refused.json::<serde_json::Value>().await.unwrap()["message"].clone();
    let message = message.as_str().unwrap();
    assert!(
        message.starts_with("Read again what you missed"),
        "{message}"
    );
    for link in &first.reread {
        assert!(
            message.contains(&format!("lesson {}", link.index + 1)),
            "{message}"
        );
    }
    assert_eq!(attempts_stored(&app).await, 1);

    // Reading every lesson but one of those named is not enough.
    app.clock.advance(Duration::minutes(5));
    let lessons = first.reread.len();
    let total = module_view(&app, &client, &version_id)
        .await
        .module
        .lessons
        .len() as u32;
    for link in &first.reread[..lessons - 1] {
        read_lesson(&app, &client, &version_id, link.index, total).await;
    }
    assert_eq!(post_attempt(&app, &client, &version_id).await.status(), 422);
    let last = first.reread[lessons - 1].index;
    read_lesson(&app, &client, &version_id, last, total).await;
    let module = module_view(&app, &client, &version_id).await;
    assert!(
        module.reread.iter().all(|l| l.reread),
        "{:?}",
        module.reread
    );

    let res = post_attempt(&app, &client, &version_id).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let retake: attest_domain::api::AttemptView = res.json().await.unwrap();
    let drawn: Vec<Question> = stored_questions(&app, &retake.id).await;
    assert_eq!(
        drawn.len(),
        asked.len(),
        "a retake is as long as the first try"
    );
    let on_missed = |q: &Question| missed.contains(&q.clause_ids[0]);
    let fresh_on_missed = bank
        .questions
        .iter()
        .filter(|q| !was_asked(q) && q.clause_ids.iter().any(|c| missed.contains(c)))
        .count();
    let expected = fresh_on_missed.min(drawn.len().div_ceil(2));
    assert!(
        expected > 0,
        "the bank has fresh questions on the missed clauses"
    );
    assert!(
        drawn.iter().filter(|q| on_missed(q)).count() >= expected,
        "at least {expected} of the retake test a missed clause: {drawn:?}"
    );
    if bank.questions.len() >= 2 * asked.len() {
        assert!(!drawn.iter().any(was_asked), "the retake repeats questions");
    }
}
on_both_databases!(a_retake_waits_for_the_missed_lessons_then_asks_more_about_them);

async fn failed_attempts_per_day_are_capped_and_the_refusal_says_when_to_return(app: TestApp) {
    let client = signed_in(&app, STAFF).await;
    let version_id = only_module(&app, &client).await.version_id;
    for _ in 0..3 {
        read_every_lesson(&app, &client, &version_id).await;
        let result = attempt_with(&app, &client, &version_id, 0).await;
        assert!(!result.passed);
        app.clock.advance(Duration::minutes(30));
    }
    read_every_lesson(&app, &client, &version_id).await;
    let first_at = app.clock.now() - Duration::minutes(90);

    let refused = post_attempt(&app, &client, &version_id).await;
    assert_eq!(refused.status(), 429);
    let message = refused.json::<serde_json::Value>().await.unwrap()["message"].clone();
    // On the school's clock (the demo's are in Europe/London).
    let back = attest_domain::api::date_time(
        &(first_at + Duration::hours(24)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        &attest::zone::parse("Europe/London").unwrap(),
    );
    assert_eq!(
        message,
        format!(
            "You have not passed this quiz in 3 tries in the last 24 hours. \
             You can try again from {back}"
        )
    );
    assert_eq!(attempts_stored(&app).await, 3);

    // A day after the first, one more may start.
    days_later(&app, &client, STAFF, 1).await;
    read_every_lesson(&app, &client, &version_id).await;
    assert_eq!(post_attempt(&app, &client, &version_id).await.status(), 200);
}
on_both_databases!(failed_attempts_per_day_are_capped_and_the_refusal_says_when_to_return);
