//! A policy's settings as its managers edit them: the quiz (questions, pass mark, lessons
//! first) and the deadlines (renewal, new starters, grace after a new version).
//!
//! Each is stored where its rule reads it: the quiz's on the policy, the pass mark, renewal
//! and grace days on the current version (the status rule and grading read them there),
//! new starters' days on the policy's assignments. The standings triggers see each change.

use attest_domain::api::PolicySettings;

use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::learning::to_u32;
use crate::on_db;

/// A policy's settings now; 404 if there is no such policy.
pub async fn policy_settings(db: &Db, policy_id: &str) -> AppResult<PolicySettings> {
    let row: Option<(i64, i64, i64, i64, i64, i64)> = on_db!(db, |e| {
        sqlx::query_as(
        "SELECT p.questions_per_quiz, p.lessons_first, v.pass_mark, v.review_period_months, \
                v.grace_days, \
                COALESCE((SELECT MAX(a.new_starter_days) FROM assignments a WHERE a.policy_id = p.id), 14) \
         FROM policies p JOIN policy_versions v ON v.policy_id = p.id \
         WHERE p.id = $1 AND v.seq = (SELECT MAX(seq) FROM policy_versions WHERE policy_id = p.id)",
    )
    .bind(policy_id)
    .fetch_optional(e).await
    })?;
    let (questions, lessons_first, pass_mark, months, grace, starters) =
        row.ok_or(AppError::NotFound("policy"))?;
    Ok(PolicySettings {
        questions_per_quiz: to_u32(questions),
        pass_mark: to_u32(pass_mark),
        renewal_months: to_u32(months),
        new_starter_days: to_u32(starters),
        grace_days: to_u32(grace),
        lessons_first: lessons_first == 1,
    })
}

/// Refuses settings outside what a quiz or a deadline can sensibly be, naming the first.
pub fn validate(s: &PolicySettings) -> AppResult<()> {
    let checks = [
        (
            (3..=30).contains(&s.questions_per_quiz),
            "Questions per quiz must be between 3 and 30",
        ),
        (
            (1..=100).contains(&s.pass_mark),
            "The pass mark must be between 1 and 100 percent",
        ),
        (
            (1..=60).contains(&s.renewal_months),
            "The renewal cycle must be between 1 and 60 months",
        ),
        (
            (1..=365).contains(&s.new_starter_days),
            "Days for new starters must be between 1 and 365",
        ),
        (
            (1..=365).contains(&s.grace_days),
            "Grace days after a new version must be between 1 and 365",
        ),
    ];
    match checks.into_iter().find(|(ok, _)| !ok) {
        Some((_, message)) => Err(AppError::Unprocessable(message.into())),
        None => Ok(()),
    }
}

/// What changed between two sets of settings, in words for the audit log ("pass mark 80% to 70%").
pub fn describe_changes(before: &PolicySettings, after: &PolicySettings) -> String {
    let yes_no = |b: bool| if b { "on" } else { "off" };
    let mut changes = Vec::new();
    let mut number = |name: &str, unit: &str, old: u32, new: u32| {
        if old != new {
            changes.push(format!("{name} {old}{unit} to {new}{unit}"));
        }
    };
    number(
        "questions per quiz",
        "",
        before.questions_per_quiz,
        after.questions_per_quiz,
    );
    number("pass mark", "%", before.pass_mark, after.pass_mark);
    number(
        "renewal",
        " months",
        before.renewal_months,
        after.renewal_months,
    );
    number(
        "new starters",
        " days",
        before.new_starter_days,
        after.new_starter_days,
    );
    number("grace", " days", before.grace_days, after.grace_days);
    if before.lessons_first != after.lessons_first {
        changes.push(format!(
            "lessons before the quiz {} to {}",
            yes_no(before.lessons_first),
            yes_no(after.lessons_first)
        ));
    }
    if changes.is_empty() {
        "no change".into()
    } else {
        changes.join(", ")
    }
}

/// Validates and stores a policy's settings in one transaction; what changed, in words.
pub async fn save_settings(db: &Db, policy_id: &str, new: &PolicySettings) -> AppResult<String> {
    validate(new)?;
    let before = policy_settings(db, policy_id).await?;
    let mut tx = db.begin_write().await?;
    on_db!(tx, |e| sqlx::query(
        "UPDATE policies SET questions_per_quiz = $1, lessons_first = $2 WHERE id = $3"
    )
    .bind(i64::from(new.questions_per_quiz))
    .bind(i64::from(new.lessons_first))
    .bind(policy_id)
    .execute(e)
    .await
    .rows_affected())?;
    on_db!(tx, |e| {
        sqlx::query(
        "UPDATE policy_versions SET pass_mark = $1, review_period_months = $2, grace_days = $3 \
         WHERE policy_id = $4 AND seq = (SELECT MAX(seq) FROM policy_versions WHERE policy_id = $4)",
    )
    .bind(i64::from(new.pass_mark))
    .bind(i64::from(new.renewal_months))
    .bind(i64::from(new.grace_days))
    .bind(policy_id)
    .execute(e).await.rows_affected()
    })?;
    on_db!(tx, |e| sqlx::query(
        "UPDATE assignments SET new_starter_days = $1 WHERE policy_id = $2"
    )
    .bind(i64::from(new.new_starter_days))
    .bind(policy_id)
    .execute(e)
    .await
    .rows_affected())?;
    tx.commit().await?;
    Ok(describe_changes(&before, new))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usual() -> PolicySettings {
        PolicySettings {
            questions_per_quiz: 10,
            pass_mark: 80,
            renewal_months: 12,
            new_starter_days: 14,
            grace_days: 30,
            lessons_first: true,
        }
    }

    #[test]
    fn each_setting_out_of_range_is_refused_by_name() {
        assert!(validate(&usual()).is_ok());
        let cases = [
            (
                PolicySettings {
                    questions_per_quiz: 2,
                    ..usual()
                },
                "Questions per quiz",
            ),
            (
                PolicySettings {
                    pass_mark: 101,
                    ..usual()
                },
                "The pass mark",
            ),
            (
                PolicySettings {
                    renewal_months: 0,
                    ..usual()
                },
                "The renewal cycle",
            ),
            (
                PolicySettings {
                    new_starter_days: 366,
                    ..usual()
                },
                "Days for new starters",
            ),
            (
                PolicySettings {
                    grace_days: 0,
                    ..usual()
                },
                "Grace days",
            ),
        ];
        for (settings, start) in cases {
            let message = validate(&settings).unwrap_err().to_string();
            assert!(message.starts_with(start), "{message}");
        }
    }

    #[test]
    fn the_audit_detail_names_each_change() {
        let after = PolicySettings {
            pass_mark: 70,
            lessons_first: false,
            ..usual()
        };
        assert_eq!(
            describe_changes(&usual(), &after),
            "pass mark 80% to 70%, lessons before the quiz on to off"
        );
        assert_eq!(describe_changes(&usual(), &usual()), "no change");
    }
}
