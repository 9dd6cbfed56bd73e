//! The policy itself for the staff who must follow it: every clause as written, and the
//! original document, for the people it is assigned to and the managers of its school.

use attest_domain::api::{OriginalFile, PolicyClause, PolicyText};
use attest_domain::ClauseSet;

use crate::db::Db;
use crate::drafts::version_review;
use crate::error::{AppError, AppResult};
use crate::learning::{assigned_version, AssignedVersion};
use crate::manage::access::load_manager;
use crate::manage::policies::read_set;
use crate::on_db;
use crate::sources::{self, Source};

/// Every clause of a version as staff read it, taught or not: as stored with the version,
/// else (a version stored before that) from the draft it was published from, else its
/// clause set (read from the text, so already whole).
async fn whole_set(db: &Db, version: &AssignedVersion) -> AppResult<ClauseSet> {
    let (stored,): (Option<String>,) = on_db!(db, |e| sqlx::query_as(
        "SELECT whole_set FROM policy_versions WHERE id = $1"
    )
    .bind(&version.version_id)
    .fetch_one(e)
    .await)?;
    if let Some(json) = stored {
        return read_set(&json);
    }
    match version_review(db, &version.version_id).await? {
        Some(review) => Ok(review.whole_set()),
        None => version.clauses(),
    }
}

/// The whole policy of an assigned version, clause by clause, with its original's details.
pub async fn policy_text(db: &Db, version: &AssignedVersion) -> AppResult<PolicyText> {
    let clauses = whole_set(db, version)
        .await?
        .clauses
        .into_iter()
        .map(|c| PolicyClause {
            id: c.id,
            section: c.section,
            text: c.text,
        })
        .collect();
    let original = match source_of(db, &version.version_id).await? {
        Some((_, Some(sha256))) => sources::fetch(db, &sha256).await?.map(|s| OriginalFile {
            file_name: s.file_name,
            media_type: s.media_type,
            size: u64::try_from(s.size).unwrap_or(0),
            sha256: s.sha256,
        }),
        _ => None,
    };
    Ok(PolicyText {
        version_id: version.version_id.clone(),
        title: version.title.clone(),
        version_label: version.label.clone(),
        school_name: version.school_name.clone(),
        clauses,
        original,
    })
}

/// A version's school and kept original's SHA-256, if the version exists.
async fn source_of(db: &Db, version_id: &str) -> AppResult<Option<(String, Option<String>)>> {
    Ok(on_db!(db, |e| sqlx::query_as(
        "SELECT p.school_id, v.source_sha256 FROM policy_versions v \
         JOIN policies p ON p.id = v.policy_id WHERE v.id = $1",
    )
    .bind(version_id)
    .fetch_optional(e)
    .await)?)
}

/// A version's original for `person_id`: someone it is assigned to, or a manager of its
/// school. Anyone else gets the same 404 as for a version that does not exist.
pub async fn original_for(db: &Db, person_id: &str, version_id: &str) -> AppResult<Source> {
    let Some((school_id, sha256)) = source_of(db, version_id).await? else {
        return Err(AppError::NotFound("policy version"));
    };
    let assigned = match assigned_version(db, person_id, version_id).await {
        Ok(_) => true,
        Err(AppError::NotFound(_)) => false,
        Err(other) => return Err(other),
    };
    if !assigned
        && load_manager(db, person_id)
            .await?
            .school(&school_id)
            .is_err()
    {
        return Err(AppError::NotFound("policy version"));
    }
    let sha256 = sha256.ok_or(AppError::NotFound("original document"))?;
    sources::fetch(db, &sha256)
        .await?
        .ok_or(AppError::NotFound("original document"))
}

/// A file name safe inside a `Content-Disposition` header: printable ASCII, no quotes.
pub fn header_file_name(name: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if safe.trim().is_empty() {
        "policy".into()
    } else {
        safe
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_file_names_lose_quotes_and_non_ascii() {
        assert_eq!(header_file_name("Safe \"guard\".pdf"), "Safe _guard_.pdf");
        assert_eq!(header_file_name("Política.docx"), "Pol_tica.docx");
        assert_eq!(header_file_name(""), "policy");
    }
}
