//! Scenario questions: each authored template is decided by the school's best-fitting duty.

use super::governs::{governed, governs, same_verb};
use super::holders::reader_holds;
use super::holders::Holder;
use super::others::{organisation_step, the_individuals};
use super::parsed::parse;
use super::responsible::{lifting, made_yours};
use super::sentence::fit_to_decide;
use super::setting::Setting;
use super::templates::{templates_for, Kind, Template};
use super::text::{has_fragment, shares_run};
use super::{explanation, Question, Verdict};
use crate::clauses::{Clause, ClauseSet, Duty, Modality};
use crate::module::{negative_wording, second_person, tidy};
use options::options;

mod options;

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

/// One question per template that some duty of the policy fits, worded for the policy's own
/// setting (a club's staff are asked about "your club", not "your school").
pub(crate) fn scenario_questions(set: &ClauseSet) -> Vec<Question> {
    // Lower-case every duty once; templates then only scan text.
    let lowered: Vec<Vec<String>> = set
        .clauses
        .iter()
        .map(|c| c.duties.iter().map(|d| d.text.to_lowercase()).collect())
        .collect();
    templates_for(Setting::of(set))
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
            let fits = fit(t, duty, text).filter(|_| {
                fit_to_decide(&tidy(&duty.text))
                    && !someone_elses(clause, duty)
                    && reader_holds(clause, duty)
                    && governed_by(t, clause, duty)
            });
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

/// True when the duty is a step of someone other than the reader, whatever its grammar: the
/// person a procedure is about, or a passive report to a regulator (the organisation's).
fn someone_elses(clause: &Clause, duty: &Duty) -> bool {
    let passive = parse(clause, duty).is_none_or(|p| matches!(p.holder, Holder::Thing(_)));
    the_individuals(&duty.text, &clause.text) || (passive && organisation_step(&duty.text))
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
    if duty.modality == Modality::May && !given_to_reader(duty, lower) {
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
        // "Low-level concerns must not be shared with parents" forbids the very act a "what
        // should you do?" template asks for (to someone else): it does not say to do it.
        Kind::Require if negative && forbids_the_act(t, lower) => return None,
        Kind::Require if negative => score -= 1,
        _ => {}
    }
    Some(score)
}

/// True when a duty's negation falls on one of the template's own acts ("must not be shared",
/// "never report"), so the duty forbids that act rather than requiring it.
///
/// A template whose required step is itself a refusal ("Do not simply reply") is decided by
/// such a ban, and "if they cannot be contacted" is a condition, not a ban.
fn forbids_the_act(t: &Template, lower: &str) -> bool {
    let refusal = t.option(Verdict::Required).is_some_and(|(lead, _)| {
        let lead = lead.to_lowercase();
        ["do not", "don't", "don’t", "never", "not "]
            .iter()
            .any(|n| lead.starts_with(n))
    });
    let lower = format!(" {}", lower.replace("cannot", "can_not"));
    !refusal
        && t.acts.iter().flatten().any(|act| {
            [" not ", " never ", " not be ", " never be ", "n't "]
                .iter()
                .any(|neg| lower.contains(&format!("{neg}{act}")))
        })
}

/// Whether a permission is given to the reader: "You may …" as said to them, or an entitlement
/// ("staff are entitled to …", "have the right to …"), which grants the same in other words;
/// the entitlement's subject must name staff, since "governors are entitled to …" is not theirs.
fn given_to_reader(duty: &Duty, lower: &str) -> bool {
    second_person(duty).starts_with("You may")
        || [
            "are entitled to",
            "are also entitled to",
            "have the right to",
        ]
        .iter()
        .filter_map(|w| lower.find(w))
        .any(|at| {
            let subject = &lower[..at];
            ["staff", "employees", "you ", "workers", "volunteers"]
                .iter()
                .any(|who| subject.contains(who))
        })
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

/// Builds the question: the options for the verdict the deciding duty gives, and the deciding
/// clause quoted in the explanation.
fn question(t: &Template, clause: &Clause, duty: &Duty) -> Option<Question> {
    // A step the reader answers for under "… is responsible for following this procedure" binds
    // as that responsibility does ("what should you do?" only: a ban's options quote the duty).
    let lifted = lifting(clause, duty).filter(|_| t.kind == Some(Kind::Require));
    let modality = lifted.map_or(duty.modality, |_| Modality::Must);
    let verdict = verdict(t.kind?, modality)?;
    let (options, lead) = options(t, duty, verdict)?;
    let conclusion = match lifted {
        Some(by) => format!("So: {lead}. {}", made_yours(by)),
        None => format!("So: {lead}."),
    };
    Some(Question {
        id: format!("{}:{}", t.id, clause.id),
        clause_ids: vec![clause.id.clone()],
        section: tidy(&clause.section),
        stem: t.stem.clone(),
        options,
        answer: 0,
        explanation: explanation(&clause.id, &tidy(&duty.text), &conclusion),
        verdict,
    })
}

#[cfg(test)]
mod tests {
    use super::options::{gives_away, without_policy_tail};
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
    fn a_ban_hedged_with_where_possible_leaves_no_two_right_answers() {
        let asked = |text: &str| {
            scenario_questions(&set_with(text, Modality::ShouldNot, &[]))
                .into_iter()
                .any(|q| q.id.starts_with("disclosure_leading_questions:"))
        };
        assert!(asked(
            "Staff should avoid questioning the child about what happened."
        ));
        assert!(!asked(
            "Staff should avoid questioning the child about what happened where possible."
        ));
    }

    #[test]
    fn a_ban_on_the_act_itself_does_not_say_to_do_it() {
        let set = set_with(
            "Low-level concerns must not be shared with parents.",
            Modality::MustNot,
            &[],
        );
        assert!(scenario_questions(&set)
            .iter()
            .all(|q| !q.id.starts_with("low_level_concern_share:")));
        let set = set_with(
            "Staff must share any low-level concern with the headteacher.",
            Modality::Must,
            &[],
        );
        assert!(scenario_questions(&set)
            .iter()
            .any(|q| q.id.starts_with("low_level_concern_share:")));
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

    #[test]
    fn a_duty_to_act_is_asked_as_one_action_at_two_strengths() {
        let should = set_with(
            "If a child is in immediate danger, the police should be contacted by calling 999.",
            Modality::Should,
            &[],
        );
        let q = scenario_questions(&should)
            .into_iter()
            .find(|q| q.id.starts_with("immediate_danger_police:"))
            .expect("the police clause decides it");
        assert_eq!(q.verdict, Verdict::Recommended);
        let right = &q.options[q.answer];
        assert!(right.starts_with("Call the police on 999 — "), "{right}");
        assert!(!right.to_lowercase().contains("consider"), "{right}");
        // The twin is the same action said as a rule; no option is much the longest.
        assert!(
            q.options
                .iter()
                .filter(|o| o.starts_with("Call the police on 999"))
                .count()
                == 2
        );
        let longest_other = q
            .options
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != q.answer)
            .map(|(_, o)| o.chars().count())
            .max()
            .unwrap_or(0);
        assert!(right.chars().count() * 100 <= longest_other * 120);
    }
}
