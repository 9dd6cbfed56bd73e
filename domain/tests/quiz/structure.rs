//! Every generated question, over every policy we have (the samples, and the real policies in
//! `../shared/policies-extra` when they are on this machine), is well formed: no template stem,
//! no label on the right option only, no cut-off or ungrammatical option, one right answer.

use crate::helpers::all_banks;
use attest_domain::clauses::parse_text;
use attest_domain::quiz::{build_bank, Question};
use regex::Regex;
use std::path::Path;
use std::sync::OnceLock;

/// (policy name, question) for every question of every policy at hand, built once.
fn every_question() -> &'static [(String, Question)] {
    static ALL: OnceLock<Vec<(String, Question)>> = OnceLock::new();
    ALL.get_or_init(build_all)
}

fn build_all() -> Vec<(String, Question)> {
    let mut out: Vec<(String, Question)> = all_banks()
        .into_iter()
        .flat_map(|(name, _, bank)| {
            bank.questions
                .into_iter()
                .map(move |q| (name.to_string(), q))
        })
        .collect();
    let extra = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/policies-extra");
    if let Ok(entries) = std::fs::read_dir(extra) {
        for path in entries.filter_map(Result::ok).map(|e| e.path()) {
            if path.extension().is_none_or(|e| e != "txt") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("readable policy");
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .to_string();
            let set = parse_text(&text).expect("parses");
            out.extend(
                build_bank(&set, 7)
                    .questions
                    .into_iter()
                    .map(|q| (name.clone(), q)),
            );
        }
    }
    out
}

/// What an option must never contain: a modal before a non-base form, "to" before "-ing", a
/// doubled word or "to", a label, a cut-off.
fn broken(option: &str) -> Option<&'static str> {
    let checks: [(&str, &str); 7] = [
        (
            r"(?i)\b(must|should|may)( not| only)? (need|needs|have|has) to\b",
            "a modal before 'need to'",
        ),
        (
            r"(?i)\b(must|should|may)( not| only)? (\w+ing)\b",
            "a modal before an -ing form",
        ),
        (
            r"(?i)\b(must|should|may)( not| only)? (to|must|should|may)\b",
            "a modal before 'to' or a modal",
        ),
        (
            r"(?i)\b(need to|free to|able to|required to) \w+ing\b",
            "'to' before an -ing form",
        ),
        (r"(?i)\bto to\b", "a doubled 'to'"),
        (r"…|\.\.\.", "a cut-off"),
        (
            r"^(Required|Advised|Advised against|Not allowed|Allowed|Permitted|Recommended):",
            "a label",
        ),
    ];
    for (pattern, what) in checks {
        let re = Regex::new(pattern).expect("pattern compiles");
        if let Some(c) = re.captures(option) {
            let word = c.get(3).map_or("", |m| m.as_str()).to_lowercase();
            // "bring", "during" and friends end in -ing without being one.
            if what.contains("-ing")
                && ["bring", "during", "thing", "string"].contains(&word.as_str())
            {
                continue;
            }
            return Some(what);
        }
    }
    let words: Vec<String> = option
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.windows(2).any(|w| w[0] == w[1] && w[0].len() > 2) {
        return Some("a doubled word");
    }
    if !option.trim_end().ends_with(['.', '?', '!']) {
        return Some("no full stop: cut short");
    }
    None
}

#[test]
fn every_option_of_every_policy_is_grammatical_and_whole() {
    let mut wrong = Vec::new();
    for (name, q) in every_question() {
        for o in &q.options {
            if let Some(what) = broken(o) {
                wrong.push(format!("{name} {}: {what}: {o}", q.id));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} broken options:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn no_stem_is_a_template_about_a_heading() {
    for (name, q) in every_question() {
        assert!(
            !q.stem.starts_with("Thinking about")
                && !q.stem.starts_with("Which of these")
                && !q.stem.contains("how firm your policy is"),
            "{name} {}: {}",
            q.id,
            q.stem
        );
    }
}

#[test]
fn a_duty_questions_right_option_is_never_the_one_that_stands_out_by_length() {
    for (name, q) in every_question()
        .iter()
        .filter(|(_, q)| q.id.starts_with("duty:"))
    {
        let right = q.options[q.answer].chars().count();
        let longest_other = q
            .options
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != q.answer)
            .map(|(_, o)| o.chars().count())
            .max()
            .unwrap_or(0);
        assert!(
            right * 10 <= longest_other * 12,
            "{name} {}: {:?}",
            q.id,
            q.options
        );
    }
}

#[test]
fn a_step_that_is_someone_elses_is_asked_as_a_moment_not_a_riddle() {
    for (name, q) in every_question() {
        assert!(
            !q.stem.contains("whose job") && !q.stem.starts_with("Someone has to"),
            "{name} {}: {}",
            q.id,
            q.stem
        );
    }
}

#[test]
fn every_question_has_one_right_answer_and_distinct_options() {
    for (name, q) in every_question() {
        assert!(q.answer < q.options.len(), "{name} {}", q.id);
        let mut seen = q.options.clone();
        seen.sort();
        seen.dedup();
        assert_eq!(
            seen.len(),
            q.options.len(),
            "{name} {} repeats an option",
            q.id
        );
        assert!(
            q.explanation
                .contains(&format!("Clause {}", q.clause_ids[0])),
            "{name} {}",
            q.id
        );
    }
}

#[test]
fn a_broken_option_is_caught() {
    assert!(broken("You must need to have access to a phone.").is_some());
    assert!(broken("You are free to seeking advice.").is_some());
    assert!(broken("You must sharing passwords.").is_some());
    assert!(broken("You must report it to the DSL").is_some());
    assert!(broken("Required: Staff are responsible for.").is_some());
    assert!(broken("You must report concerns to the DSL — a firm rule in the policy.").is_none());
}
