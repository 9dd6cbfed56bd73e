//! The five sample policies, parsed once per test.

use attest_domain::clauses::parse_text;
use attest_domain::quiz::{build_bank, QuestionBank};
use attest_domain::ClauseSet;

/// The sample policies by short name.
pub const SAMPLES: [(&str, &str); 5] = [
    (
        "cameley",
        include_str!("../../../content/policies/cameley-primary.txt"),
    ),
    (
        "chad_vale",
        include_str!("../../../content/policies/chad-vale-primary.txt"),
    ),
    (
        "forge",
        include_str!("../../../content/policies/forge-integrated-primary.txt"),
    ),
    (
        "noble_mind",
        include_str!("../../../content/policies/noble-mind-school.txt"),
    ),
    (
        "st_annes",
        include_str!("../../../content/policies/st-annes-primary.txt"),
    ),
];

/// One sample's clause set.
pub fn sample(name: &str) -> ClauseSet {
    let (_, text) = SAMPLES
        .iter()
        .find(|(n, _)| *n == name)
        .expect("a known sample");
    parse_text(text).expect("the sample parses")
}

/// Every sample's name, clause set and bank (seed 7).
pub fn all_banks() -> Vec<(&'static str, ClauseSet, QuestionBank)> {
    SAMPLES
        .iter()
        .map(|(name, _)| {
            let set = sample(name);
            let bank = build_bank(&set, 7);
            (*name, set, bank)
        })
        .collect()
}
