//! The same situation answered from different schools' policies gets different answers.

use crate::helpers::all_banks;
use attest_domain::quiz::{Question, Verdict};
use std::collections::HashMap;

/// Scenario id → (school, verdict, correct option) for every scenario question.
fn answers() -> HashMap<String, Vec<(&'static str, Verdict, String)>> {
    let mut by_scenario: HashMap<String, Vec<(&'static str, Verdict, String)>> = HashMap::new();
    for (name, _, bank) in all_banks() {
        for q in bank.questions.iter().filter(|q| !q.id.starts_with("duty:")) {
            let scenario = q.id.split(':').next().unwrap_or_default().to_string();
            by_scenario
                .entry(scenario)
                .or_default()
                .push((name, q.verdict, correct(q)));
        }
    }
    by_scenario
}

fn correct(q: &Question) -> String {
    q.options[q.answer].clone()
}

#[test]
fn each_school_answers_at_least_four_shared_situations_differently_from_another_school() {
    let by_scenario = answers();
    for (name, _, _) in all_banks() {
        let differing: Vec<&String> = by_scenario
            .iter()
            .filter(|(_, list)| {
                list.iter()
                    .find(|(s, _, _)| *s == name)
                    .is_some_and(|(_, v, a)| {
                        list.iter()
                            .any(|(s, v2, a2)| *s != name && (v2 != v || a2 != a))
                    })
            })
            .map(|(id, _)| id)
            .collect();
        // Four, not five: Noble Mind's "they are responsible for determining the level of
        // privacy" no longer decides the privacy-settings situation (it does not require strict
        // settings), so St Anne's answer to it is now the same as the other schools'.
        assert!(differing.len() >= 4, "{name}: only {differing:?}");
    }
}

#[test]
fn some_shared_situations_get_different_verdicts_not_just_different_words() {
    let by_scenario = answers();
    let split: Vec<&String> = by_scenario
        .iter()
        .filter(|(_, list)| list.iter().any(|(_, v, _)| *v != list[0].1))
        .map(|(id, _)| id)
        .collect();
    assert!(split.len() >= 5, "only {split:?}");
}
