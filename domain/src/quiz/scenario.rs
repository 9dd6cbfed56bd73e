//! Scenario questions: each authored template is decided by the school's best-fitting duty.

use super::governs::{governed, governs, same_verb};
use super::holders::reader_holds;
use super::templates::{templates, Kind, Template};
use super::text::{clip, has_fragment, shares_run};
use super::{explanation, Question, Verdict};
use crate::clauses::{Clause, ClauseSet, Duty, Modality};
use crate::module::{negative_wording, second_person, tidy};

/// Longest a clause-derived option may be, in words, so options stay readable on a phone.
const OPTION_WORDS: usize = 32;
/// Stems may share no run this long with the clause they test.
pub(crate) const MAX_SHARED_RUN: usize = 8;

/// Words that make a positively worded duty a restriction ("must decline", "can only").
const RESTRICTIVE: [&str; 12] = [
    "decline",
    "refus",
    "only",
    "avoid",
    "caution",
    "cautious",
    "care",
    "discretion",
    "reject",
    "not",
    "never",
    "no",
];

/// One question per template that some duty of the policy fits.
pub(crate) fn scenario_questions(set: &ClauseSet) -> Vec<Question> {
    // Lower-case every duty once; templates then only scan text.
    let lowered: Vec<Vec<String>> = set
        .clauses
        .iter()
        .map(|c| c.duties.iter().map(|d| d.text.to_lowercase()).collect())
        .collect();
    templates()
        .iter()
        .filter_map(|t| {
            let (clause, duty) = best_fit(t, set, &lowered)?;
            question(t, clause, duty)
        })
        .collect()
}

/// The duty that fits a template best, with its clause; earlier clauses win ties.
///
/// A clause whose text the stem happens to repeat is passed over for the next best.
fn best_fit<'a>(
    t: &Template,
    set: &'a ClauseSet,
    lowered: &[Vec<String>],
) -> Option<(&'a Clause, &'a Duty)> {
    let mut candidates: Vec<(i32, usize, &Clause, &Duty)> = Vec::new();
    for (ci, (clause, lower)) in set.clauses.iter().zip(lowered).enumerate() {
        // Topic ids are kebab-case; older templates wrote them with underscores.
        let topic_bonus = 2 * t
            .topics
            .iter()
            .filter(|x| clause.topics.contains(&x.replace('_', "-")))
            .count() as i32;
        for (duty, text) in clause.duties.iter().zip(lower) {
            let fits = fit(t, duty, text)
                .filter(|_| reader_holds(clause, duty) && governed_by(t, clause, duty));
            if let Some(score) = fits {
                candidates.push((score + topic_bonus, ci, clause, duty));
            }
        }
    }
    // Highest score first; document order breaks ties.
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    candidates
        .into_iter()
        .find(|(_, _, clause, _)| !shares_run(&t.stem, &clause.text, MAX_SHARED_RUN))
        .map(|(_, _, c, d)| (c, d))
}

/// True when the duty governs the template's own action, not merely shares its words. (The
/// `all` groups are matched over the whole sentence: its subject often names the action's
/// object, "Any member of staff who wishes to make a disclosure should report it …".)
fn governed_by(t: &Template, clause: &Clause, duty: &Duty) -> bool {
    let words: Vec<&Vec<String>> = t
        .acts
        .iter()
        .chain(&t.all)
        .chain(std::iter::once(&t.verbs))
        .collect();
    governs(&t.acts, &governed(clause, duty)) && same_verb(&words, clause, duty)
}

/// How well one duty fits a template: matched keyword fragments, or none when it does not fit.
fn fit(t: &Template, duty: &Duty, lower: &str) -> Option<i32> {
    let kind = t.kind?;
    let usable =
        duty.modality.is_duty() || (duty.modality == Modality::May && kind == Kind::Restrict);
    if !usable {
        return None;
    }
    if t.none.iter().any(|f| has_fragment(lower, f)) {
        return None;
    }
    let mut score = 0;
    for group in &t.all {
        let hits = group.iter().filter(|f| has_fragment(lower, f)).count() as i32;
        if hits == 0 {
            return None;
        }
        score += 2 + hits;
    }
    // A permission only decides a situation when it is given to the reader ("staff may …").
    if duty.modality == Modality::May && !second_person(duty).starts_with("You may") {
        return None;
    }
    let negative = negative_wording(duty);
    match kind {
        Kind::Restrict
            if !negative
                && duty.modality != Modality::May
                && !RESTRICTIVE.iter().any(|w| has_fragment(lower, w)) =>
        {
            return None;
        }
        Kind::Require if negative => score -= 1,
        _ => {}
    }
    Some(score)
}

/// The school's verdict on the template's situation, from the deciding duty's strength.
fn verdict(kind: Kind, modality: Modality) -> Option<Verdict> {
    let v = match (kind, modality) {
        (_, Modality::Info) => return None,
        (_, Modality::May) => Verdict::Permitted,
        (Kind::Restrict, Modality::Must | Modality::MustNot) => Verdict::Prohibited,
        (Kind::Restrict, _) => Verdict::Discouraged,
        (Kind::Require, Modality::Must | Modality::MustNot) => Verdict::Required,
        (Kind::Require, _) => Verdict::Recommended,
    };
    Some(v)
}

/// Builds the question: the correct option's reason is the school's own duty.
fn question(t: &Template, clause: &Clause, duty: &Duty) -> Option<Question> {
    let verdict = verdict(t.kind?, duty.modality)?;
    let (lead, authored) = t.option(verdict)?;
    let mut others = Vec::new();
    for other in t.verdicts().into_iter().filter(|v| *v != verdict) {
        let (l, why) = t.option(other)?;
        others.push(if why.is_empty() {
            format!("{l}.")
        } else {
            format!("{l} — {why}")
        });
    }
    // The right option in each form it can take, best first: with the school's own duty as its
    // reason, with the authored reason, or as its lead alone;
    // each also with any "as the policy requires" taken off, when it is the only option that
    // names the policy. The first that gives nothing away is asked.
    let plain = without_policy_tail(lead);
    let mut forms: Vec<String> = Vec::new();
    for l in [lead, plain.as_str()] {
        if let Some(why) = reason(duty) {
            forms.push(format!("{l} — {why}."));
        }
        forms.push(format!("{l} — {}.", authored.trim_end_matches('.')));
        // A short reason, when the others would be much longer. Never the lead alone: the one
        // option without a "— reason" tail gives itself away ("No." beside "Yes — it is …").
        forms.push(format!(
            "{} — {}.",
            l.trim_end_matches('.'),
            short_reason(verdict)
        ));
    }
    let right = forms
        .iter()
        .find(|right| !gives_away(right, &others))
        // Nothing hides it: the form that stands out least.
        .or_else(|| forms.iter().min_by_key(|right| excess(right, &others)))?;
    let mut options = vec![right.clone()];
    options.extend(others);
    Some(Question {
        id: format!("{}:{}", t.id, clause.id),
        clause_ids: vec![clause.id.clone()],
        section: tidy(&clause.section),
        stem: t.stem.clone(),
        options,
        answer: 0,
        explanation: explanation(&clause.id, &tidy(&duty.text), &format!("So: {lead}.")),
        verdict,
    })
}

/// A reason said in the fewest words, for when the duty and the authored reason are too long.
/// It speaks of the lead, not of the situation: "Only the contact the policy allows — that is the
/// rule", never "— this is not allowed", which would contradict a lead saying what to do instead.
fn short_reason(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Required | Verdict::Prohibited => "that is the rule",
        Verdict::Recommended | Verdict::Discouraged => "that is the advice",
        Verdict::Permitted => "that is up to you",
    }
}

/// Ways a lead says "as the policy wants" at its end: the right option alone saying so marks it.
const POLICY_TAILS: [&str; 9] = [
    "as the policy requires",
    "as the policy says",
    "as the policy sets out",
    "as the policy describes",
    "as the policy asks",
    "as the policy advises",
    "as the policy allows",
    "as your policy requires",
    "as your policy says",
];

/// A lead without its "as the policy requires": "Change it as the policy requires" → "Change it".
fn without_policy_tail(lead: &str) -> String {
    let mut out = lead.trim_end_matches('.').to_string();
    for tail in POLICY_TAILS {
        if let Some(i) = out.find(tail) {
            let rest = out[i + tail.len()..].to_string();
            out.truncate(i);
            let kept = out.trim_end().trim_end_matches(',').trim_end().to_string();
            out = format!("{kept}{rest}");
        }
    }
    out
}

/// How much longer the right option is than the longest other, in percent beyond 115.
fn excess(right: &str, others: &[String]) -> usize {
    let longest = others.iter().map(|o| o.chars().count()).max().unwrap_or(0);
    (right.chars().count() * 100).saturating_sub(longest * 115)
}

/// True when the right option stands out: much the longest, or alone in naming the policy.
fn gives_away(right: &str, others: &[String]) -> bool {
    let names = |o: &str| o.to_lowercase().contains("polic");
    excess(right, others) > 0 || (names(right) && !others.iter().any(|o| names(o)))
}

/// The duty as the reason in an option: "you must decline …"; none when it cannot be turned
/// round to the reader.
fn reason(duty: &Duty) -> Option<String> {
    let plain = second_person(duty);
    // A reason too long for a phone would be cut off; the authored one is used instead.
    if plain.split_whitespace().count() > OPTION_WORDS {
        return None;
    }
    let rest = plain.strip_prefix("You ")?;
    Some(
        clip(&format!("you {rest}"), OPTION_WORDS)
            .trim_end_matches('.')
            .to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set_with(text: &str, modality: Modality, topics: &[&str]) -> ClauseSet {
        ClauseSet {
            clauses: vec![Clause {
                id: "3.1".into(),
                section: "Personal use".into(),
                text: text.into(),
                modality,
                duties: vec![Duty {
                    text: text.into(),
                    modality,
                }],
                audience: vec![],
                topics: topics.iter().map(|t| t.to_string()).collect(),
            }],
            ..ClauseSet::default()
        }
    }

    fn parent_question(set: &ClauseSet) -> Option<Question> {
        scenario_questions(set)
            .into_iter()
            .find(|q| q.id.starts_with("parent_friend_request:"))
    }

    #[test]
    fn a_strict_school_prohibits_and_a_lenient_one_discourages() {
        let strict = set_with(
            "Staff must decline friend requests from parents on personal accounts.",
            Modality::Must,
            &["friend_requests"],
        );
        let lenient = set_with(
            "Staff should think carefully before accepting parents as friends on social media.",
            Modality::Should,
            &["friend_requests"],
        );
        let a = parent_question(&strict).expect("strict school gets the scenario");
        let b = parent_question(&lenient).expect("lenient school gets the scenario");
        assert_eq!(a.verdict, Verdict::Prohibited);
        assert_eq!(b.verdict, Verdict::Discouraged);
        assert!(a.options[0].contains("you must decline friend requests from parents"));
        assert!(a.explanation.starts_with("Clause 3.1 decides this"));
        assert_eq!(a.options.len(), 3);
    }

    #[test]
    fn the_right_option_is_never_alone_in_naming_the_policy_when_it_need_not_be() {
        assert_eq!(
            without_policy_tail("Change it as the policy requires"),
            "Change it"
        );
        assert_eq!(
            without_policy_tail("Put it away as the policy requires, such as in your locker"),
            "Put it away, such as in your locker"
        );
        let others = vec![
            "Better not — it is advised against.".to_string(),
            "Yes — it is quicker.".to_string(),
        ];
        assert!(gives_away("Change it as the policy requires.", &others));
        assert!(gives_away(
            "No, not on any account, whatever the circumstances — never.",
            &others
        ));
        assert!(!gives_away("No — it is not allowed.", &others));
    }

    #[test]
    fn a_positive_duty_without_restrictive_words_does_not_decide_a_restriction() {
        let set = set_with(
            "Staff must respect parents who are friends on social media.",
            Modality::Must,
            &[],
        );
        assert!(parent_question(&set).is_none());
    }
}
