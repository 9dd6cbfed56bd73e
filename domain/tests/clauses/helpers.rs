//! Shared helpers: loading the sample policies and finding clauses and duties.

use attest_domain::clauses::{parse_text, Clause, ClauseSet, Modality};

/// The five sample policies' file stems.
pub const SAMPLES: [&str; 5] = [
    "cameley-primary",
    "chad-vale-primary",
    "forge-integrated-primary",
    "noble-mind-school",
    "st-annes-primary",
];

/// The text of a sample policy.
pub fn sample_text(stem: &str) -> String {
    let path = format!(
        "{}/../content/policies/{stem}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A sample policy, parsed.
pub fn sample(stem: &str) -> ClauseSet {
    parse_text(&sample_text(stem)).unwrap_or_else(|e| panic!("{stem}: {e}"))
}

/// The clause with `id`.
pub fn clause<'a>(set: &'a ClauseSet, id: &str) -> &'a Clause {
    set.clauses
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no clause {id}"))
}

/// The modality of the duty whose text contains `fragment`, searching every clause.
pub fn duty_modality(set: &ClauseSet, fragment: &str) -> Modality {
    let found: Vec<Modality> = set
        .clauses
        .iter()
        .flat_map(|c| &c.duties)
        .filter(|d| d.text.contains(fragment))
        .map(|d| d.modality)
        .collect();
    match found.as_slice() {
        [m] => *m,
        [] => panic!("no duty contains {fragment:?}"),
        _ => panic!("{} duties contain {fragment:?}", found.len()),
    }
}

/// Checks a hand-written table of (sentence fragment, modality), reporting every mismatch at once.
pub fn check_table(stem: &str, table: &[(&str, Modality)]) {
    let set = sample(stem);
    let mut wrong = Vec::new();
    for (fragment, expected) in table {
        let got = std::panic::catch_unwind(|| duty_modality(&set, fragment));
        match got {
            Ok(m) if m == *expected => {}
            Ok(m) => wrong.push(format!("{fragment:?}: expected {expected:?}, got {m:?}")),
            Err(_) => wrong.push(format!("{fragment:?}: not found exactly once")),
        }
    }
    assert!(wrong.is_empty(), "{stem}:\n{}", wrong.join("\n"));
    assert!(
        table.len() >= 20,
        "{stem}: the table needs at least 20 rows"
    );
}
