//! Drawing attempts and retakes from the samples' banks, over many seeds: an attempt is as
//! long as the bank allows, and a retake asks nothing again while fresh questions remain.

use crate::helpers::all_banks;
use attest_domain::quiz::{draw_attempt, draw_retake, DEFAULT_ATTEMPT_SIZE};

const SEEDS: u64 = 300;

#[test]
fn an_attempt_takes_as_many_questions_as_asked_while_the_bank_has_them() {
    for (name, _, bank) in all_banks() {
        for n in [4, DEFAULT_ATTEMPT_SIZE, bank.questions.len()] {
            for seed in 0..SEEDS {
                let drawn = draw_attempt(&bank, n, seed);
                assert_eq!(
                    drawn.len(),
                    n.min(bank.questions.len()),
                    "{name}, {n} asked, seed {seed}"
                );
            }
        }
    }
}

#[test]
fn a_retake_repeats_no_question_while_the_bank_has_fresh_ones() {
    for (name, _, bank) in all_banks() {
        let n = DEFAULT_ATTEMPT_SIZE;
        for seed in 0..SEEDS {
            let first = draw_attempt(&bank, n, seed);
            let asked: Vec<String> = first.iter().map(|q| q.id.clone()).collect();
            // The person missed the first four questions' clauses.
            let missed: Vec<String> = first
                .iter()
                .take(4)
                .map(|q| q.clause_ids[0].clone())
                .collect();
            let retake = draw_retake(&bank, n, seed + 1, &missed, &asked);
            assert_eq!(retake.len(), n, "{name}, seed {seed}");
            if bank.questions.len() >= 2 * n {
                let again: Vec<&str> = retake
                    .iter()
                    .filter(|q| asked.contains(&q.id))
                    .map(|q| q.id.as_str())
                    .collect();
                assert!(
                    again.is_empty(),
                    "{name}, seed {seed}: asked again {again:?}"
                );
            }
        }
    }
}
