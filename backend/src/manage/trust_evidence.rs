//! Trust-wide evidence: every school's report on one day, each with its own chain check, as JSON or CSV (the PDF is in `evidence_pdf`).

use attest_domain::api::{EvidenceReport, TrustEvidenceReport};
use chrono::{DateTime, NaiveDate, Utc};

use crate::db::ids::time_text;
use crate::db::Db;
use crate::error::AppResult;
use crate::manage::evidence::report;
use crate::manage::sheet::Sheet;
use crate::standings::StandingsCache;

/// Every school's evidence report as at `as_at`, ordered by school name.
pub async fn trust_report(
    db: &Db,
    standings: &StandingsCache,
    trust_name: String,
    schools: &[String],
    as_at: NaiveDate,
    now: DateTime<Utc>,
) -> AppResult<TrustEvidenceReport> {
    let mut reports = Vec::with_capacity(schools.len());
    for school_id in schools {
        reports.push(report(db, standings, school_id, as_at, now).await?);
    }
    reports.sort_by(|a, b| a.school_name.cmp(&b.school_name));
    let count = |f: fn(&EvidenceReport) -> usize| {
        u32::try_from(reports.iter().map(f).sum::<usize>()).unwrap_or(u32::MAX)
    };
    Ok(TrustEvidenceReport {
        trust_name,
        as_at,
        generated_at: time_text(now),
        all_chains_intact: reports.iter().all(|r| r.chain.intact),
        attestations: count(|r| r.attestations.len()),
        gaps: count(|r| r.gaps.len()),
        schools: reports,
    })
}

/// The trust report as CSV: one line per valid attestation held and per gap, each with its
/// school's chain check.
pub fn trust_report_csv(trust: &TrustEvidenceReport) -> AppResult<String> {
    let mut w = Sheet::new();
    w.record([
        "as_at",
        "school",
        "school_chain",
        "kind",
        "name",
        "email",
        "policy",
        "version",
        "status",
        "attested_at",
        "text_sha256",
        "code",
        "record",
        "hash",
        "record_verified",
    ])?;
    let as_at = trust.as_at.to_string();
    for r in &trust.schools {
        let chain = match r.chain.broken_at {
            Some(seq) => format!("broken at record {seq}"),
            None => format!("intact ({} records)", r.chain.records),
        };
        for a in &r.attestations {
            w.record([
                as_at.as_str(),
                &r.school_name,
                &chain,
                "held",
                &a.person_name,
                &a.email,
                &a.policy_title,
                &a.version_label,
                "Attested",
                &a.attested_at,
                &a.text_sha256,
                &a.code,
                &a.seq.to_string(),
                &a.hash,
                if a.verified { "yes" } else { "no" },
            ])?;
        }
        for g in &r.gaps {
            w.record([
                as_at.as_str(),
                &r.school_name,
                &chain,
                "gap",
                &g.name,
                &g.email,
                &g.policy_title,
                "",
                g.status.label(),
                "",
                "",
                "",
                "",
                "",
                "",
            ])?;
        }
    }
    w.finish()
}
