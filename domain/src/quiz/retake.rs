//! Retakes: fresh questions, weighted to the clauses the person missed last time.

use super::draw::draw_attempt;
use super::rng::SplitMix64;
use super::{Question, QuestionBank};

/// Draws `n` questions for a retake.
///
/// Up to half of them (rounded up) test a clause in `missed`, so the retake asks again about
/// what the person got wrong, in new situations; the rest range over the policy as a first
/// attempt does. Questions whose ids are in `asked` (earlier attempts) are drawn only when the
/// bank has too few others, so a retake is not the same quiz again.
pub fn draw_retake(
    bank: &QuestionBank,
    n: usize,
    seed: u64,
    missed: &[String],
    asked: &[String],
) -> Vec<Question> {
    let mut rng = SplitMix64::new(seed);
    let tests_missed = |q: &Question| q.clause_ids.iter().any(|c| missed.contains(c));
    let fresh = |q: &&Question| !asked.contains(&q.id);
    let mut weighted: Vec<&Question> = bank
        .questions
        .iter()
        .filter(fresh)
        .filter(|q| tests_missed(q))
        .collect();
    rng.shuffle(&mut weighted);
    weighted.truncate(n.div_ceil(2));
    let taken = |q: &Question| weighted.iter().any(|w| w.id == q.id);
    let rest_fresh = QuestionBank {
        questions: bank
            .questions
            .iter()
            .filter(fresh)
            .filter(|q| !taken(q))
            .cloned()
            .collect(),
    };
    let mut drawn: Vec<Question> = weighted.iter().map(|q| (*q).clone()).collect();
    drawn.extend(draw_attempt(&rest_fresh, n - drawn.len(), rng.next_u64()));
    if drawn.len() < n {
        // A small bank: repeat earlier questions rather than ask fewer.
        let again = QuestionBank {
            questions: bank
                .questions
                .iter()
                .filter(|q| !drawn.iter().any(|d| d.id == q.id))
                .cloned()
                .collect(),
        };
        drawn.extend(draw_attempt(&again, n - drawn.len(), rng.next_u64()));
    }
    for q in &mut drawn {
        super::shuffle_options(q, &mut rng);
    }
    rng.shuffle(&mut drawn);
    drawn
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::Verdict;

    fn question(id: usize, clause: &str) -> Question {
        Question {
            id: format!("q{id}"),
            clause_ids: vec![clause.to_string()],
            section: format!("s{}", id % 3),
            stem: format!("Stem {id}"),
            options: vec!["a".into(), "b".into(), "c".into()],
            answer: 0,
            explanation: String::new(),
            verdict: Verdict::Required,
        }
    }

    fn bank() -> QuestionBank {
        QuestionBank {
            questions: (0..30)
                .map(|i| question(i, &format!("{}", i % 10)))
                .collect(),
        }
    }

    #[test]
    fn half_the_retake_tests_what_was_missed_in_new_questions() {
        let bank = bank();
        let asked: Vec<String> = (0..10).map(|i| format!("q{i}")).collect();
        let missed = vec!["3".to_string()];
        for seed in 0..20 {
            let drawn = draw_retake(&bank, 6, seed, &missed, &asked);
            assert_eq!(drawn.len(), 6);
            let on_missed = drawn.iter().filter(|q| q.clause_ids[0] == "3").count();
            // Clause 3 has two fresh questions (q13, q23): both are drawn.
            assert_eq!(on_missed, 2, "seed {seed}: {drawn:?}");
            assert!(drawn.iter().all(|q| !asked.contains(&q.id)), "{drawn:?}");
            let mut ids: Vec<&str> = drawn.iter().map(|q| q.id.as_str()).collect();
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(ids.len(), 6, "no question twice");
        }
    }

    #[test]
    fn the_weighted_part_is_at_most_half() {
        let bank = bank();
        let missed: Vec<String> = (0..5).map(|i| i.to_string()).collect();
        let drawn = draw_retake(&bank, 10, 7, &missed, &[]);
        let on_missed = drawn
            .iter()
            .filter(|q| missed.contains(&q.clause_ids[0]))
            .count();
        // Five drawn for the missed clauses, and the rest of the mix may land on them too.
        assert!(on_missed >= 5, "{drawn:?}");
        assert_eq!(drawn.len(), 10);
    }

    #[test]
    fn a_small_bank_repeats_questions_rather_than_ask_fewer() {
        let bank = QuestionBank {
            questions: (0..4).map(|i| question(i, "1")).collect(),
        };
        let asked: Vec<String> = (0..3).map(|i| format!("q{i}")).collect();
        let drawn = draw_retake(&bank, 4, 1, &["1".into()], &asked);
        assert_eq!(drawn.len(), 4);
        assert!(drawn.iter().any(|q| q.id == "q3"));
    }
}
