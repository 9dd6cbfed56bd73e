//! Question banks on the samples: coverage, citations, stems, options and determinism.

use crate::helpers::{all_banks, sample};
use attest_domain::quiz::{build_bank, coverage, draw_attempt, shares_run, DEFAULT_ATTEMPT_SIZE};
use std::collections::HashSet;

/// Words only, so quotes compare whatever bullets, bold marks or line breaks the source had.
fn squash(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Each sample has an attempt's worth of questions, and at least a quarter of its duties are
/// tested. (It was 60% while duties with no moment of their own were asked behind an invented
/// opener ("A colleague says nobody bothers. Do you have to …?"), which a reader takes for the
/// clause restated, not a situation: a duty is now asked only at the moment its condition
/// names, or by a scenario, and the rest are left to the lesson. Before that it was 90% while
/// sentences that do not split into holder, strength and action were asked under a
/// "Required:" label, and fell as such questions, wrong answers and situations decided by
/// clauses that only share their words were taken out.)
#[test]
fn every_sample_has_an_attempts_worth_of_situations_testing_a_quarter_of_its_duties() {
    let mut low = Vec::new();
    for (name, set, bank) in all_banks() {
        let c = coverage(&set, &bank);
        eprintln!("{name}: {:.1}% of duties covered", c.percent);
        if c.percent < 25.0 || bank.questions.len() < DEFAULT_ATTEMPT_SIZE {
            low.push(format!(
                "{name}: {} questions, {:.1}% covered; missing {:?}",
                bank.questions.len(),
                c.percent,
                c.uncovered
            ));
        }
    }
    assert!(low.is_empty(), "{}", low.join("\n"));
}

#[test]
fn every_question_cites_an_existing_clause_whose_quoted_duty_agrees_with_the_verdict() {
    for (name, set, bank) in all_banks() {
        for q in &bank.questions {
            let id = q.clause_ids.first().expect("a deciding clause");
            let clause = set.clauses.iter().find(|c| &c.id == id);
            let clause = clause.unwrap_or_else(|| panic!("{name}: {} cites missing {id}", q.id));
            assert!(
                q.explanation.contains(&format!("Clause {id}")),
                "{name}: {}",
                q.id
            );
            let explanation = squash(&q.explanation);
            let duty = clause
                .duties
                .iter()
                .find(|d| explanation.contains(&squash(&d.text)))
                .unwrap_or_else(|| panic!("{name}: {} quotes no duty of {id}", q.id));
            assert!(
                q.verdict.agrees_with(duty.modality),
                "{name}: {} is {:?} but the duty is {:?}",
                q.id,
                q.verdict,
                duty.modality
            );
        }
    }
}

/// An authored situation never restates its clause. (A question built from a duty asks about
/// the duty's own action, as every option says it, so it is held to not quoting the sentence
/// whole instead.)
#[test]
fn no_stem_shares_a_run_of_eight_words_with_its_clause() {
    for (name, set, bank) in all_banks() {
        for q in &bank.questions {
            if q.id.starts_with("duty:") {
                let quote = q.explanation.split('“').nth(1).unwrap_or("");
                let quote = quote.split('”').next().unwrap_or("");
                assert!(
                    !squash(&q.stem).contains(&squash(quote)),
                    "{name}: {}",
                    q.id
                );
                continue;
            }
            for id in &q.clause_ids {
                let clause = set
                    .clauses
                    .iter()
                    .find(|c| &c.id == id)
                    .expect("cited clause");
                assert!(
                    !shares_run(&q.stem, &clause.text, 8),
                    "{name}: {} restates {id}",
                    q.id
                );
            }
        }
    }
}

#[test]
fn every_question_has_three_or_four_distinct_options_and_one_answer() {
    for (name, _, bank) in all_banks() {
        assert!(!bank.questions.is_empty(), "{name}");
        let ids: HashSet<&str> = bank.questions.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(
            ids.len(),
            bank.questions.len(),
            "{name}: question ids are unique"
        );
        for q in &bank.questions {
            assert!((3..=4).contains(&q.options.len()), "{name}: {}", q.id);
            assert!(q.answer < q.options.len(), "{name}: {}", q.id);
            let distinct: HashSet<&String> = q.options.iter().collect();
            assert_eq!(
                distinct.len(),
                q.options.len(),
                "{name}: {} repeats an option",
                q.id
            );
            for o in &q.options {
                let lower = o.to_lowercase();
                assert!(
                    !lower.contains("all of the above") && !lower.contains("none of the above"),
                    "{name}: {o}"
                );
            }
        }
    }
}

#[test]
fn the_same_text_and_seed_give_the_same_bank() {
    let set = sample("chad_vale");
    assert_eq!(build_bank(&set, 11), build_bank(&set, 11));
    let again = sample("chad_vale");
    assert_eq!(build_bank(&set, 11), build_bank(&again, 11));
}

#[test]
fn an_attempt_draws_ten_questions_over_several_sections_with_the_answer_following_its_option() {
    let set = sample("cameley");
    let bank = build_bank(&set, 3);
    let attempt = draw_attempt(&bank, DEFAULT_ATTEMPT_SIZE, 99);
    assert_eq!(attempt.len(), DEFAULT_ATTEMPT_SIZE);
    let sections: HashSet<&str> = attempt.iter().map(|q| q.section.as_str()).collect();
    assert!(sections.len() >= 3, "sections drawn: {sections:?}");
    for q in &attempt {
        let original = bank
            .questions
            .iter()
            .find(|b| b.id == q.id)
            .expect("drawn from the bank");
        assert_eq!(q.options[q.answer], original.options[original.answer]);
    }
}

#[test]
fn a_retake_draws_a_different_mix() {
    for (name, _, bank) in all_banks() {
        let ids = |seed| {
            draw_attempt(&bank, DEFAULT_ATTEMPT_SIZE, seed)
                .into_iter()
                .map(|q| q.id)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(1), ids(1), "{name}");
        assert_ne!(ids(1), ids(2), "{name}");
    }
}

/// A situation is asked only where a clause decides it: sentences that share a word with a
/// situation ("have any concerns", "abuse", "official", "opinions") but speak of something
/// else must not answer it. The policy below is our own writing.
#[test]
fn a_situation_is_not_answered_by_a_clause_that_only_shares_its_words() {
    let text = "Staff code\n\n\
        1. I will not open attachments to emails if I have any concerns about the sender.\n\
        2. Verbal abuse or persistent shouting at players is unacceptable.\n\
        3. Club officials will comply with the guidance issued by the governing body.\n\
        4. Be sure to record opinions as opinions; do not record them as facts.\n\
        5. I will only use the school systems for personal use within the rules set by the school.\n\
        6. Parents and visitors must not use their mobile phones on the premises.\n\
        7. Mobile phones can only be used on a break, away from the children.\n\
        8. Ensure personal data about pupils is accurate and up to date.\n\
        9. Staff should review their social networking profiles so that what they show is accurate.\n\
        10. Where unsuitable material raises concerns about a member of staff, HR should be told.\n";
    let set = attest_domain::clauses::parse_text(text).expect("parses");
    let bank = build_bank(&set, 1);
    for q in &bank.questions {
        let template = q.id.split(':').next().unwrap_or("");
        assert!(
            ![
                "raise_grievance",
                "mock_colleague_post",
                "official_account_post",
                "personal_views",
                "school_equipment_personal_use",
                "family_contact_personal_phone",
                "pupil_asks_for_number",
                "edit_school_entry_online",
                "allegation_against_colleague",
            ]
            .contains(&template),
            "{} asked from {:?}: {}",
            q.id,
            q.clause_ids,
            q.stem
        );
    }
}

/// "Should" is advice, not "if you have time": a recommended option that adds a condition the
/// policy does not state ("Wash your hands if there is time") teaches that the step is optional
/// when busy, which no policy says.
#[test]
fn no_recommended_option_invents_a_condition() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content/scenarios");
    let hedges = [
        "if you can",
        "if there is time",
        "if you remember",
        "when convenient",
        "if you have time",
        "if possible",
        "when you can",
        "if convenient",
    ];
    for entry in std::fs::read_dir(dir).expect("the scenario bank") {
        let path = entry.expect("an entry").path();
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        for line in text.lines().filter(|l| l.starts_with("recommended = ")) {
            let lead = line.split('|').next().unwrap_or("");
            assert!(
                !hedges.iter().any(|h| lead.contains(h)),
                "{}: {line}",
                path.display()
            );
        }
    }
}
