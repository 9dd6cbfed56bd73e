//! The evidence report as a document a governor would file: a title page with the school, the
//! day and the chain check, then tables; the trust's with a page per school; and certificates,
//! one page per attestation a person holds.

use attest_domain::api::{
    count, date_time, long_date, AttestationSummary, ChainCheck, EvidenceReport,
    TrustEvidenceReport, DEFAULT_TIME_ZONE,
};

use crate::error::AppResult;
use crate::manage::pdf::{render, Block, Table};
use crate::zone;

/// A stored time on the report's school's clock: "6 December 2026 at 10:57 GMT".
fn long_time(at: &str, time_zone: &str) -> String {
    date_time(at, &zone::stored(time_zone))
}

/// The chain check in a sentence.
pub fn chain_sentence(chain: &ChainCheck) -> String {
    match chain.broken_at {
        Some(seq) => format!(
            "Chain check: BROKEN at record #{seq} of {}: {}. Records before it verify; \
             records from it on cannot be relied on.",
            chain.records,
            chain.reason.as_deref().unwrap_or("the link does not match")
        ),
        None => format!(
            "Chain check: intact. All {} attestation record(s) verify.",
            chain.records
        ),
    }
}

fn counts(held: usize, gaps: usize) -> String {
    format!("{held} valid attestation(s) held; {gaps} assignment(s) without one.")
}

fn table(columns: &[(&str, f32)], rows: Vec<Vec<String>>) -> Block {
    Block::Table(Table {
        columns: columns.iter().map(|(h, w)| (h.to_string(), *w)).collect(),
        rows,
    })
}

/// A school's tables: who holds which attestation, their fingerprints, and who has none.
fn school_tables(r: &EvidenceReport, blocks: &mut Vec<Block>) {
    blocks.push(Block::Heading(format!(
        "Valid attestations held ({})",
        r.attestations.len()
    )));
    if r.attestations.is_empty() {
        blocks.push(Block::Paragraph("None.".into()));
    } else {
        let rows = r
            .attestations
            .iter()
            .map(|a| held_row(a, &r.time_zone))
            .collect();
        blocks.push(table(
            &[
                ("Name", 2.2),
                ("Email", 2.4),
                ("Policy", 2.0),
                ("Version", 0.8),
                ("Signed", 1.6),
                ("Score", 1.6),
                ("Verification code", 1.3),
                ("Record", 0.8),
                ("Chain verified", 0.9),
            ],
            rows,
        ));
        blocks.push(Block::Heading("Fingerprints of the attested texts".into()));
        let rows = r
            .attestations
            .iter()
            .map(|a| {
                vec![
                    format!("#{}", a.seq),
                    a.person_name.clone(),
                    a.policy_title.clone(),
                    a.text_sha256.clone(),
                    a.hash.clone(),
                ]
            })
            .collect();
        blocks.push(table(
            &[
                ("Record", 0.6),
                ("Name", 2.0),
                ("Policy", 2.0),
                ("Text SHA-256", 2.7),
                ("Record hash", 2.7),
            ],
            rows,
        ));
    }
    blocks.push(Block::Heading(format!(
        "Without a valid attestation ({})",
        r.gaps.len()
    )));
    if r.gaps.is_empty() {
        blocks.push(Block::Paragraph("None.".into()));
    } else {
        let rows = r
            .gaps
            .iter()
            .map(|g| {
                vec![
                    g.name.clone(),
                    g.email.clone(),
                    g.policy_title.clone(),
                    g.status.label().to_string(),
                ]
            })
            .collect();
        blocks.push(table(
            &[
                ("Name", 2.0),
                ("Email", 2.4),
                ("Policy", 2.4),
                ("Status", 1.2),
            ],
            rows,
        ));
    }
}

fn held_row(a: &AttestationSummary, time_zone: &str) -> Vec<String> {
    vec![
        a.person_name.clone(),
        a.email.clone(),
        a.policy_title.clone(),
        a.version_label.clone(),
        long_time(&a.attested_at, time_zone),
        // A paper signature names its witness: the evidence stands on who saw it signed.
        match &a.paper {
            Some(_) => a.how_signed(),
            None => format!("{}/{}", a.score, a.total),
        },
        a.code.clone(),
        format!("#{}", a.seq),
        if a.verified { "yes" } else { "NO" }.into(),
    ]
}

/// A school's report as a PDF.
pub fn report_pdf(r: &EvidenceReport) -> AppResult<Vec<u8>> {
    let mut blocks = vec![Block::TitlePage {
        title: "Training evidence".into(),
        subtitle: r.school_name.clone(),
        lines: vec![
            format!("As at {}", long_date(r.as_at)),
            chain_sentence(&r.chain),
            counts(r.attestations.len(), r.gaps.len()),
            format!(
                "Generated {} by Attest.",
                long_time(&r.generated_at, &r.time_zone)
            ),
        ],
    }];
    school_tables(r, &mut blocks);
    let footer = format!(
        "{}: training evidence as at {}",
        r.school_name,
        long_date(r.as_at)
    );
    render(&blocks, &footer)
}

/// A trust's report as a PDF: a summary of its schools, then each school from a new page.
pub fn trust_report_pdf(t: &TrustEvidenceReport) -> AppResult<Vec<u8>> {
    // The summary's time is on its first school's clock: a trust's schools share one.
    let trust_zone = t
        .schools
        .first()
        .map_or(DEFAULT_TIME_ZONE, |r| r.time_zone.as_str());
    let chains = if t.all_chains_intact {
        "Chain checks: every school's chain verifies.".to_string()
    } else {
        "Chain checks: at least one school's chain is BROKEN (see its page).".to_string()
    };
    let mut blocks = vec![
        Block::TitlePage {
            title: "Training evidence".into(),
            subtitle: t.trust_name.clone(),
            lines: vec![
                format!("As at {}", long_date(t.as_at)),
                chains,
                format!(
                    "{}; {}",
                    count(t.schools.len() as u64, "school", "schools"),
                    counts(t.attestations as usize, t.gaps as usize)
                ),
                format!(
                    "Generated {} by Attest.",
                    long_time(&t.generated_at, trust_zone)
                ),
            ],
        },
        Block::Heading("Schools".into()),
    ];
    let rows = t
        .schools
        .iter()
        .map(|r| {
            vec![
                r.school_name.clone(),
                chain_sentence(&r.chain),
                r.attestations.len().to_string(),
                r.gaps.len().to_string(),
            ]
        })
        .collect();
    blocks.push(table(
        &[
            ("School", 2.0),
            ("Chain check", 4.0),
            ("Valid attestations held", 1.0),
            ("Without one", 1.0),
        ],
        rows,
    ));
    for r in &t.schools {
        blocks.push(Block::PageBreak);
        blocks.push(Block::Heading(r.school_name.clone()));
        blocks.push(Block::Paragraph(chain_sentence(&r.chain)));
        school_tables(r, &mut blocks);
    }
    let footer = format!(
        "{}: training evidence as at {}",
        t.trust_name,
        long_date(t.as_at)
    );
    render(&blocks, &footer)
}

/// One person's certificates: a page for each valid attestation held as at the report's day.
pub fn certificates_pdf(r: &EvidenceReport, held: &[&AttestationSummary]) -> AppResult<Vec<u8>> {
    let mut blocks = Vec::new();
    for a in held {
        blocks.push(Block::TitlePage {
            title: "Certificate of attestation".into(),
            subtitle: a.person_name.clone(),
            lines: vec![
                format!(
                    "has read {} ({}) of {}, {} to say they will follow it.",
                    a.policy_title,
                    a.version_label,
                    r.school_name,
                    if a.paper.is_some() {
                        "and signed on paper"
                    } else {
                        "passed its check and signed"
                    }
                ),
                format!(
                    "Signed {}, {}.",
                    long_time(&a.attested_at, &r.time_zone),
                    a.how_signed()
                ),
                format!(
                    "Verification code {}; record #{} of the school's chain, which {}.",
                    a.code,
                    a.seq,
                    if a.verified {
                        "verifies"
                    } else {
                        "does NOT verify"
                    }
                ),
                format!("Text SHA-256 {}", a.text_sha256),
                format!(
                    "Valid as at {}. Generated {} by Attest.",
                    long_date(r.as_at),
                    long_time(&r.generated_at, &r.time_zone)
                ),
            ],
        });
    }
    if held.is_empty() {
        blocks.push(Block::Paragraph(format!(
            "No valid attestation held as at {}.",
            long_date(r.as_at)
        )));
    }
    render(&blocks, &format!("{}: certificates", r.school_name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_times_read_as_people_write_them() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 20).unwrap();
        assert_eq!(long_date(day), "20 December 2026");
        assert_eq!(
            long_time("2026-12-06T10:57:28Z", "Europe/London"),
            "6 December 2026 at 10:57 GMT"
        );
        assert_eq!(
            long_time("2026-07-06T10:57:28Z", "Europe/London"),
            "6 July 2026 at 11:57 BST"
        );
        assert_eq!(long_time("not a time", "Europe/London"), "not a time");
    }
}
