//! Times a full parse of all five sample policies (target: under 5 ms per pass).

use std::time::Instant;

use attest_domain::clauses::parse_text;

const SAMPLES: [&str; 5] = [
    include_str!("../../content/policies/cameley-primary.txt"),
    include_str!("../../content/policies/chad-vale-primary.txt"),
    include_str!("../../content/policies/forge-integrated-primary.txt"),
    include_str!("../../content/policies/noble-mind-school.txt"),
    include_str!("../../content/policies/st-annes-primary.txt"),
];

fn pass() -> usize {
    SAMPLES
        .iter()
        .map(|text| parse_text(text).map_or(0, |set| set.clauses.len()))
        .sum()
}

fn main() {
    // Warm up: the first pass compiles the patterns and the topic list.
    let clauses = pass();
    let runs = 200;
    let start = Instant::now();
    let mut total = 0;
    for _ in 0..runs {
        total += std::hint::black_box(pass());
    }
    let mean = start.elapsed() / runs;
    println!("parse_text, all five samples ({clauses} clauses): {mean:?} per pass (mean of {runs}; {total} clauses)");
}
