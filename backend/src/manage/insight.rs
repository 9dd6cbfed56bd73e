//! Insight: per policy version, the clauses whose questions staff most often get wrong on a first attempt.

use std::collections::{BTreeMap, HashSet};

use attest_domain::api::{ClauseInsight, PolicyInsight};
use attest_domain::quiz::Question;
use attest_domain::ClauseSet;

use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::manage::policies::read_set;
use crate::on_db;

/// Counts, per deciding clause, questions asked and answered wrongly across first attempts.
pub fn tally(
    first_attempts: &[(Vec<Question>, Vec<Option<usize>>)],
    set: &ClauseSet,
) -> Vec<ClauseInsight> {
    let mut counts: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
    for (questions, answers) in first_attempts {
        for (i, q) in questions.iter().enumerate() {
            // The first clause decides the question; that is the one to brief on.
            let Some(clause) = q.clause_ids.first() else {
                continue;
            };
            let entry = counts.entry(clause.as_str()).or_default();
            entry.0 += 1;
            if answers.get(i).copied().flatten() != Some(q.answer) {
                entry.1 += 1;
            }
        }
    }
    let mut out: Vec<ClauseInsight> = counts
        .into_iter()
        .map(|(id, (asked, wrong))| {
            let clause = set.clauses.iter().find(|c| c.id == id);
            ClauseInsight {
                clause_id: id.to_string(),
                section: clause.map(|c| c.section.clone()).unwrap_or_default(),
                text: clause.map(|c| c.text.clone()).unwrap_or_default(),
                asked,
                wrong,
                percent_wrong: (f64::from(wrong) * 1000.0 / f64::from(asked.max(1))).round() / 10.0,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.percent_wrong
            .total_cmp(&a.percent_wrong)
            .then(b.asked.cmp(&a.asked))
            .then(a.clause_id.cmp(&b.clause_id))
    });
    out
}

/// The insight for a policy's version `seq` (default: the latest).
pub async fn policy_insight(
    db: &Db,
    policy_id: &str,
    seq: Option<i64>,
) -> AppResult<PolicyInsight> {
    let row: Option<(String, String, String, String)> = on_db!(db, |e| {
        sqlx::query_as(
        "SELECT v.id, p.title, v.label, v.clause_set FROM policy_versions v JOIN policies p ON p.id = v.policy_id \
         WHERE v.policy_id = $1 AND ($2 = 0 OR v.seq = $2) ORDER BY v.seq DESC LIMIT 1",
    )
    .bind(policy_id)
    .bind(seq.unwrap_or(0))
    .fetch_optional(e).await
    })?;
    let (version_id, title, label, json) = row.ok_or(AppError::NotFound("version"))?;
    let set = read_set(&json)?;
    let rows: Vec<(String, String, String)> = on_db!(db, |e| sqlx::query_as(
        "SELECT t.person_id, q.questions, t.answers FROM attempts t \
         JOIN attempt_questions q ON q.attempt_id = t.id \
         WHERE t.version_id = $1 AND t.answers IS NOT NULL \
         ORDER BY t.person_id, t.submitted_at, t.created_at",
    )
    .bind(&version_id)
    .fetch_all(e)
    .await)?;
    let mut seen = HashSet::new();
    let mut firsts = Vec::new();
    for (person, questions, answers) in rows {
        if !seen.insert(person) {
            continue;
        }
        let questions: Vec<Question> = serde_json::from_str(&questions)
            .map_err(|e| AppError::Internal(format!("stored attempt unreadable: {e}")))?;
        let answers: Vec<Option<usize>> = serde_json::from_str(&answers)
            .map_err(|e| AppError::Internal(format!("stored answers unreadable: {e}")))?;
        firsts.push((questions, answers));
    }
    Ok(PolicyInsight {
        title,
        version_label: label,
        first_attempts: u32::try_from(firsts.len()).unwrap_or(u32::MAX),
        clauses: tally(&firsts, &set),
    })
}
