//! Policy review cycle: policies whose current version is past its own next-review date.

use attest_domain::api::PolicyReviewDue;
use chrono::NaiveDate;

use crate::db::ids::parse_date;
use crate::db::Db;
use crate::error::AppResult;
use crate::on_db;

/// (policy id, title, school id, school name, version label, next review).
type ReviewRow = (String, String, String, String, String, String);

/// The policies of `schools` whose current version should have been reviewed before `today`,
/// most overdue first.
pub async fn overdue_reviews(
    db: &Db,
    schools: &[String],
    today: NaiveDate,
) -> AppResult<Vec<PolicyReviewDue>> {
    let mut out = Vec::new();
    // One small query per school: a trust has a handful, and a list cannot be bound as one
    // value the same way on both databases.
    for school_id in schools {
        let rows: Vec<ReviewRow> = on_db!(db, |e| sqlx::query_as(
            "SELECT p.id, p.title, s.id, s.name, v.label, v.next_review \
             FROM policies p JOIN schools s ON s.id = p.school_id \
             JOIN policy_versions v ON v.policy_id = p.id \
             WHERE p.school_id = $1 AND v.next_review IS NOT NULL AND v.next_review < $2 \
               AND v.seq = (SELECT MAX(seq) FROM policy_versions WHERE policy_id = p.id)",
        )
        .bind(school_id)
        .bind(today.to_string())
        .fetch_all(e)
        .await)?;
        out.extend(rows.into_iter().filter_map(
            |(policy_id, title, school_id, school_name, version_label, next_review)| {
                let next_review = parse_date(&next_review)?;
                Some(PolicyReviewDue {
                    policy_id,
                    title,
                    school_id,
                    school_name,
                    version_label,
                    next_review,
                    days_overdue: u32::try_from((today - next_review).num_days()).unwrap_or(0),
                })
            },
        ));
    }
    out.sort_by(|a, b| {
        a.next_review
            .cmp(&b.next_review)
            .then_with(|| a.school_name.cmp(&b.school_name))
            .then_with(|| a.title.cmp(&b.title))
    });
    Ok(out)
}
