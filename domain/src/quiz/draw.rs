//! Attempts: N questions drawn from a bank, spread over the policy's sections, options shuffled.

use super::rng::SplitMix64;
use super::{shuffle_options, Question, QuestionBank};

/// Questions in an attempt unless the school chooses otherwise.
pub const DEFAULT_ATTEMPT_SIZE: usize = 10;

/// Draws `n` questions (all of them if the bank is smaller), taking sections in turn.
///
/// Each section's questions are shuffled, then sections are visited round-robin in
/// a shuffled order, so short attempts still range over the policy; a new seed gives
/// a new mix. On its turn a section gives its next question on a clause not yet asked
/// about; when no section has one left, clauses may be asked about again. Options are
/// shuffled again and `answer` follows the right one.
pub fn draw_attempt(bank: &QuestionBank, n: usize, seed: u64) -> Vec<Question> {
    let mut rng = SplitMix64::new(seed);
    let mut sections: Vec<(&str, Vec<&Question>)> = Vec::new();
    for q in &bank.questions {
        match sections.iter_mut().find(|(s, _)| *s == q.section) {
            Some((_, list)) => list.push(q),
            None => sections.push((&q.section, vec![q])),
        }
    }
    for (_, list) in &mut sections {
        rng.shuffle(list);
    }
    rng.shuffle(&mut sections);
    let mut drawn: Vec<Question> = Vec::new();
    let mut tested: Vec<&str> = Vec::new();
    while drawn.len() < n && sections.iter().any(|(_, l)| !l.is_empty()) {
        let mut took = false;
        for (_, list) in &mut sections {
            if drawn.len() >= n {
                break;
            }
            // A clause already asked about waits until the other clauses have had a turn.
            let Some(i) = list.iter().position(|q| !tested.contains(&first_clause(q))) else {
                continue;
            };
            let q = list.remove(i);
            tested.push(first_clause(q));
            drawn.push(q.clone());
            took = true;
        }
        if !took {
            // Every clause left has had its turn: they may be asked about again.
            tested.clear();
        }
    }
    for q in &mut drawn {
        shuffle_options(q, &mut rng);
    }
    drawn
}

/// The clause that decides a question.
fn first_clause(q: &Question) -> &str {
    q.clause_ids.first().map(String::as_str).unwrap_or_default()
}
