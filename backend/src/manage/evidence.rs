//! Evidence: every attestation with its version hash and chain check, as CSV or JSON (the PDF in `evidence_pdf`), today or as at a past day.

use std::collections::HashSet;

use attest_domain::api::{
    is_compliant, AttestationSummary, ChainCheck, EvidenceGap, EvidenceReport,
};
use chrono::{DateTime, NaiveDate, Utc};

use crate::chain::verify_school;
use crate::db::ids::time_text;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::manage::access::school_name;
use crate::manage::sheet::Sheet;
use crate::on_db;
use crate::standings::StandingsCache;

type Row = (
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    i64,
    i64,
    String,
    String,
    i64,
);

/// Every attestation of a school's chain, oldest first, marked verified up to the first broken link.
pub async fn school_attestations(
    db: &Db,
    school_id: &str,
) -> AppResult<(ChainCheck, Vec<AttestationSummary>)> {
    let (records, broken) = verify_school(db, school_id).await?;
    let school = school_name(db, school_id).await?;
    let rows: Vec<Row> = on_db!(db, |e| {
        sqlx::query_as(
        "SELECT a.id, pe.id, pe.name, pe.email, po.title, v.label, a.text_sha256, a.attested_at, a.score, a.total, \
                a.code, a.hash, a.seq \
         FROM attestations a JOIN people pe ON pe.id = a.person_id \
         JOIN policy_versions v ON v.id = a.version_id JOIN policies po ON po.id = v.policy_id \
         WHERE a.school_id = $1 ORDER BY a.seq",
    )
    .bind(school_id)
    .fetch_all(e).await
    })?;
    let broken_at = broken.as_ref().map(|b| b.seq);
    let mut paper = crate::manage::paper::notes(db, school_id).await?;
    let list = rows
        .into_iter()
        .map(
            |(id, person_id, name, email, title, label, sha, at, score, total, code, hash, seq)| {
                AttestationSummary {
                    person_id,
                    person_name: name,
                    email,
                    school_name: school.clone(),
                    policy_title: title,
                    version_label: label,
                    text_sha256: sha,
                    attested_at: at,
                    score: crate::learning::to_u32(score),
                    total: crate::learning::to_u32(total),
                    code,
                    hash,
                    seq,
                    verified: !matches!(broken_at, Some(b) if seq >= b),
                    paper: paper.remove(&id),
                    id,
                }
            },
        )
        .collect();
    let check = ChainCheck {
        records: u32::try_from(records).unwrap_or(u32::MAX),
        intact: broken.is_none(),
        broken_at,
        reason: broken.map(|b| b.reason),
    };
    Ok((check, list))
}

/// Who held a valid attestation of which version at the end of `as_at`, and who did not.
pub async fn report(
    db: &Db,
    standings: &StandingsCache,
    school_id: &str,
    as_at: NaiveDate,
    now: DateTime<Utc>,
) -> AppResult<EvidenceReport> {
    if as_at > now.date_naive() {
        return Err(AppError::Unprocessable(
            "the report's date cannot be in the future".into(),
        ));
    }
    let ids = [school_id.to_string()];
    // Leavers count: they may have been on the staff that day.
    let standings = standings.schools(db, &ids, true).await?;
    let facts = standings.facts();
    // Held attestations by their record number in this school's chain.
    let mut held: HashSet<i64> = HashSet::new();
    let mut gaps = Vec::new();
    for cell in facts.cells(as_at) {
        match cell.held {
            Some(h) if is_compliant(cell.view.status) => {
                held.insert(h.record);
            }
            _ => {
                let m = facts.member(cell.member);
                gaps.push(EvidenceGap {
                    name: m.name.to_string(),
                    email: m.email.to_string(),
                    policy_title: facts.policies[cell.policy].title.clone(),
                    status: cell.view.status,
                });
            }
        }
    }
    gaps.sort_by(|a, b| {
        a.name
            .cmp(&b.name)
            .then(a.policy_title.cmp(&b.policy_title))
    });
    let (chain, all) = school_attestations(db, school_id).await?;
    let mut attestations: Vec<AttestationSummary> =
        all.into_iter().filter(|a| held.contains(&a.seq)).collect();
    attestations.sort_by(|a, b| {
        a.person_name
            .cmp(&b.person_name)
            .then(a.policy_title.cmp(&b.policy_title))
    });
    Ok(EvidenceReport {
        school_id: school_id.to_string(),
        school_name: school_name(db, school_id).await?,
        as_at,
        generated_at: time_text(now),
        time_zone: crate::zone::of_school(db, school_id)
            .await?
            .name()
            .to_string(),
        chain,
        attestations,
        gaps,
    })
}

/// Every attestation of a school as CSV.
pub fn attestations_csv(list: &[AttestationSummary]) -> AppResult<String> {
    let mut w = Sheet::new();
    w.record([
        "record",
        "name",
        "email",
        "school",
        "policy",
        "version",
        "text_sha256",
        "attested_at",
        "score",
        "total",
        "code",
        "hash",
        "chain_verified",
        "signed",
    ])?;
    for a in list {
        w.record([
            a.seq.to_string(),
            a.person_name.clone(),
            a.email.clone(),
            a.school_name.clone(),
            a.policy_title.clone(),
            a.version_label.clone(),
            a.text_sha256.clone(),
            a.attested_at.clone(),
            a.score.to_string(),
            a.total.to_string(),
            a.code.clone(),
            a.hash.clone(),
            if a.verified { "yes" } else { "no" }.to_string(),
            a.how_signed(),
        ])?;
    }
    w.finish()
}

/// The matrix (all matching rows) as CSV: one column per policy with status and due date.
pub fn matrix_csv(
    columns: &[attest_domain::api::PolicyColumn],
    rows: &[attest_domain::api::MatrixRow],
) -> AppResult<String> {
    let mut w = Sheet::new();
    let mut header = vec![
        "name".to_string(),
        "email".into(),
        "school".into(),
        "groups".into(),
    ];
    header.extend(
        columns
            .iter()
            .map(|c| format!("{} ({})", c.title, c.version_label)),
    );
    w.record(&header)?;
    for r in rows {
        let mut record = vec![
            r.name.clone(),
            r.email.clone(),
            r.school_name.clone(),
            r.groups.join(";"),
        ];
        record.extend(r.cells.iter().map(|c| match c {
            Some(c) => format!("{} (due {})", c.status.label(), c.due),
            None => String::new(),
        }));
        w.record(&record)?;
    }
    w.finish()
}
