//! A draft as the review pages show it: clauses, questions least sure first, what is left, the diff.

use attest_domain::api::{DraftQuestion, PolicyDraft};
use attest_domain::diff::diff;
use attest_domain::quiz::QuestionBank;
use attest_domain::review::{apply_decisions, question_reading, Draft, QuestionAction};

use super::{Owner, StoredDraft};
use crate::db::Db;
use crate::error::AppResult;
use crate::manage::policies::latest_clauses;
use crate::on_db;

/// Every question of a review: generated ones with their decisions, then written ones.
pub fn questions(review: &Draft, generated: &QuestionBank) -> Vec<DraftQuestion> {
    let set = review.clause_set();
    let generated = generated.questions.clone();
    let ids: Vec<String> = generated.iter().map(|q| q.id.clone()).collect();
    let mut out: Vec<DraftQuestion> = generated
        .into_iter()
        .map(|q| {
            let decision = review.decision(&q.id);
            let reading = question_reading(&q, &set);
            let edited = decision
                .filter(|d| d.action == QuestionAction::Edited)
                .and_then(|d| d.question.clone());
            let (question, generated) = match edited {
                Some(e) => (e, Some(q)),
                None => (q, None),
            };
            DraftQuestion {
                question,
                generated,
                reading,
                action: decision.map(|d| d.action),
                reviewed: decision.map(|d| d.reviewed.clone()),
                carried: decision.is_some_and(|d| d.carried),
            }
        })
        .collect();
    for d in &review.decisions {
        let Some(q) = d.question.clone() else {
            continue;
        };
        if ids.contains(&d.question_id) || review.decision(&d.question_id) != Some(d) {
            continue;
        }
        out.push(DraftQuestion {
            reading: question_reading(&q, &set),
            question: q,
            generated: None,
            action: Some(d.action),
            reviewed: Some(d.reviewed.clone()),
            carried: d.carried,
        });
    }
    // Least sure first; the sort is stable, so document order among equals.
    out.sort_by_key(|q| q.reading.confidence);
    out
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The groups people are in where the draft would be published.
async fn groups(db: &Db, owner: &Owner) -> AppResult<Vec<String>> {
    let (sql, id) = match owner {
        Owner::School(id) => (
            "SELECT DISTINCT group_name FROM person_groups WHERE school_id = $1 ORDER BY group_name",
            id,
        ),
        Owner::Trust(id) => (
            "SELECT DISTINCT g.group_name FROM person_groups g JOIN schools s ON s.id = g.school_id \
             WHERE s.trust_id = $1 ORDER BY g.group_name",
            id,
        ),
    };
    let rows: Vec<(String,)> = on_db!(db, |e| sqlx::query_as(sql).bind(id).fetch_all(e).await)?;
    Ok(rows.into_iter().map(|(g,)| g).collect())
}

/// The draft as the API answers it.
pub async fn view(db: &Db, draft: &StoredDraft) -> AppResult<PolicyDraft> {
    let review = &draft.review;
    let (replaces, diff) = match (&draft.policy_id, &draft.published_version_id) {
        (Some(policy_id), None) => {
            let title: Option<(String,)> = on_db!(db, |e| sqlx::query_as(
                "SELECT title FROM policies WHERE id = $1"
            )
            .bind(policy_id)
            .fetch_optional(e)
            .await)?;
            let previous = latest_clauses(db, policy_id).await?;
            (
                title.map(|(t,)| t),
                previous.map(|(_, old)| diff(&old, &review.clause_set())),
            )
        }
        _ => (None, None),
    };
    // The bank is built once here: it is the costly part of a view.
    let generated = review.generated_bank();
    let (outstanding_clauses, outstanding_questions) = review.outstanding_in(&generated);
    let bank_size = apply_decisions(generated.clone(), &review.decisions)
        .questions
        .len();
    Ok(PolicyDraft {
        id: draft.id.clone(),
        school_id: match &draft.owner {
            Owner::School(id) => Some(id.clone()),
            Owner::Trust(_) => None,
        },
        trust_id: match &draft.owner {
            Owner::Trust(id) => Some(id.clone()),
            Owner::School(_) => None,
        },
        model_id: draft.model_id.clone(),
        policy_id: draft.policy_id.clone(),
        replaces,
        file_name: draft.file_name.clone(),
        title: if review.meta.title.trim().is_empty() {
            draft.file_name.clone()
        } else {
            review.meta.title.clone()
        },
        source_sha256: draft.source_sha256.clone(),
        next_review: review.meta.next_review,
        created_at: draft.created_at,
        clauses: review.clauses.clone(),
        questions: questions(review, &generated),
        outstanding_clauses: count(outstanding_clauses),
        outstanding_questions: count(outstanding_questions),
        carried: count(review.clauses.iter().filter(|c| c.carried).count()),
        bank_size: count(bank_size),
        diff,
        published_version_id: draft.published_version_id.clone(),
        published: draft.published_at.is_some(),
        groups: groups(db, &draft.owner).await?,
    })
}
