//! Prints the time to build the question banks of all five sample policies (target: under 20 ms).

use attest_domain::clauses::parse_text;
use attest_domain::quiz::build_bank;
use std::time::{Duration, Instant};

const SAMPLES: [(&str, &str); 5] = [
    (
        "cameley-primary",
        include_str!("../../content/policies/cameley-primary.txt"),
    ),
    (
        "chad-vale-primary",
        include_str!("../../content/policies/chad-vale-primary.txt"),
    ),
    (
        "forge-integrated-primary",
        include_str!("../../content/policies/forge-integrated-primary.txt"),
    ),
    (
        "noble-mind-school",
        include_str!("../../content/policies/noble-mind-school.txt"),
    ),
    (
        "st-annes-primary",
        include_str!("../../content/policies/st-annes-primary.txt"),
    ),
];
const RUNS: usize = 50;

fn main() {
    let mut sets = Vec::new();
    for (name, text) in SAMPLES {
        match parse_text(text) {
            Ok(set) => sets.push(set),
            Err(e) => {
                eprintln!("{name}: cannot parse: {e}");
                std::process::exit(1);
            }
        }
    }
    // The first run also builds the lazily compiled patterns and templates.
    let cold = Instant::now();
    let questions: usize = sets.iter().map(|s| build_bank(s, 1).questions.len()).sum();
    let cold = cold.elapsed();
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|run| {
            let start = Instant::now();
            for set in &sets {
                std::hint::black_box(build_bank(set, run as u64));
            }
            start.elapsed()
        })
        .collect();
    times.sort_unstable();
    println!(
        "build_bank, all five samples ({questions} questions): first run {:.2} ms, median {:.2} ms, best {:.2} ms over {RUNS} runs (target < 20 ms)",
        ms(cold),
        ms(times[RUNS / 2]),
        ms(times[0]),
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
