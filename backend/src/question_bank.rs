//! A version's question bank: generated from the clause set it stores (corrected, if it was
//! reviewed), with the review's question decisions applied — edited questions replaced,
//! retired ones dropped, written ones added.

use attest_domain::quiz::{build_bank, QuestionBank};
use attest_domain::review::apply_decisions;

use crate::db::Db;
use crate::drafts::version_review;
use crate::error::AppResult;
use crate::learning::AssignedVersion;

/// The bank staff are asked from for `version`, built with `seed`.
pub async fn for_version(db: &Db, version: &AssignedVersion, seed: u64) -> AppResult<QuestionBank> {
    let bank = build_bank(&version.clauses()?, seed);
    Ok(match version_review(db, &version.version_id).await? {
        Some(review) => apply_decisions(bank, &review.decisions),
        None => bank,
    })
}
