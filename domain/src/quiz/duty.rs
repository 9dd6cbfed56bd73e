//! Questions built from a parsed duty (holder, strength, action) for duties no scenario fits.
//!
//! Two forms, both grammatical by construction because every option is a holder, a modal and
//! the same base-form action: the reader's own duty at the strengths it could be mistaken for
//! ("You must …", "You should …, but …", "You may … if you choose"), and "whose job is this?"
//! for a duty that belongs to someone else.

use super::holders::{Holder, ROLES, SCHOOL};
use super::parsed::{parse, ParsedDuty};
use super::rng::SplitMix64;
use super::text::shares_run;
use super::{explanation, Question, Verdict};
use crate::clauses::{ClauseSet, Modality};
use crate::module::tidy;
use std::collections::HashSet;

/// One question for every must / must not / should / should not duty not in `covered`.
pub(crate) fn duty_questions(
    set: &ClauseSet,
    covered: &HashSet<(String, String)>,
    seed: u64,
) -> Vec<Question> {
    let mut out = Vec::new();
    for clause in &set.clauses {
        for (n, duty) in clause.duties.iter().enumerate() {
            let quote = tidy(&duty.text);
            if !duty.modality.is_duty() || covered.contains(&(clause.id.clone(), quote.clone())) {
                continue;
            }
            let Some(parsed) = parse(clause, duty) else {
                continue;
            };
            let Some(verdict) = Verdict::from_modality(duty.modality) else {
                continue;
            };
            // What pupils, parents or the school as a whole must do is not worth asking staff.
            if let Holder::Role { name, stock: None } = &parsed.holder {
                if name == "Pupils" || name == SCHOOL {
                    continue;
                }
            }
            if matches!(&parsed.holder, Holder::Role { stock: Some(4), .. }) {
                continue;
            }
            let id = format!("duty:{}:{}", clause.id, n + 1);
            let mut rng = SplitMix64::keyed(seed, &id);
            let (stem, options, conclusion) = match &parsed.holder {
                Holder::Role { name, stock } => (
                    whose_stem(),
                    whose_options(
                        &parsed,
                        name,
                        *stock,
                        own_strength(&parsed, duty.modality),
                        &mut rng,
                    ),
                    format!(
                        "This is a step for {}, not for every member of staff.",
                        lower_the(name)
                    ),
                ),
                Holder::Thing(_) => (
                    strength_stem(&clause.section),
                    strength_options(&parsed, duty.modality, &mut rng),
                    conclusion(duty.modality).to_string(),
                ),
                _ => (
                    situation_stem(&parsed, duty.modality, &clause.text, &mut rng)
                        .unwrap_or_else(|| strength_stem(&clause.section)),
                    strength_options(&parsed, duty.modality, &mut rng),
                    conclusion(duty.modality).to_string(),
                ),
            };
            if shares_run(&stem, &clause.text, super::scenario::MAX_SHARED_RUN) {
                continue;
            }
            out.push(Question {
                id,
                clause_ids: vec![clause.id.clone()],
                section: tidy(&clause.section),
                stem,
                options,
                answer: 0,
                explanation: explanation(&clause.id, &quote, &conclusion),
                verdict,
            });
        }
    }
    out
}

/// The moment a member of staff meets the duty: about to do what it forbids, or tempted to
/// skip what it requires, asked as a plain question over the same base-form action the options
/// use (so the stem gives no option away). None when the action is too long to say whole —
/// a stem cut short is worse than the plainer fallback — or when it would restate the clause.
fn situation_stem(
    p: &ParsedDuty,
    right: Modality,
    clause: &str,
    rng: &mut SplitMix64,
) -> Option<String> {
    const MAX_WORDS: usize = 14;
    let words = p.action.split_whitespace().count()
        + p.condition
            .as_deref()
            .map_or(0, |c| c.split_whitespace().count());
    if words > MAX_WORDS || p.only {
        return None;
    }
    let forbids = matches!(
        own_strength(p, right),
        Modality::MustNot | Modality::ShouldNot
    );
    let (moments, ask): (&[&str], &str) = if forbids {
        (
            &[
                "It would save you time this week",
                "A colleague suggests it",
                "Nobody would notice",
            ],
            "Are you allowed to",
        )
    } else {
        (
            &[
                "You are short of time this week",
                "A colleague says nobody bothers",
                "It is your first week in post",
            ],
            "Do you have to",
        )
    };
    let moment = moments[rng.below(moments.len())];
    let stem = match &p.condition {
        Some(cond) => {
            let mut c = cond.chars();
            let cond: String = c
                .next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default();
            format!("{moment}. {cond}, {} {}?", ask.to_lowercase(), p.action)
        }
        None => format!("{moment}. {ask} {}?", p.action),
    };
    (!shares_run(&stem, clause, super::scenario::MAX_SHARED_RUN)).then_some(stem)
}

/// A colleague's question about how firm the policy is, naming the section when it reads as a
/// topic: not a lead-in ("In such cases", "Do"), a bare label or a document title in capitals.
fn strength_stem(section: &str) -> String {
    let section = tidy(section);
    let words = section.split_whitespace().count();
    if (2..=6).contains(&words) && is_topic(&section) {
        format!("A new colleague asks how firm your policy is on “{section}”. Which statement is right?")
    } else {
        "A new colleague asks how firm your policy is on this point. Which statement is right?"
            .into()
    }
}

/// True for a heading that names a topic a colleague could ask about.
fn is_topic(heading: &str) -> bool {
    let lower = heading.to_lowercase();
    let first = lower.split_whitespace().next().unwrap_or("");
    let shouting = heading
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    !shouting
        && !heading.starts_with('(')
        && !heading.ends_with(':')
        && !matches!(
            first,
            "in" | "for"
                | "if"
                | "when"
                | "where"
                | "as"
                | "to"
                | "with"
                | "and"
                | "or"
                | "but"
                | "the"
                | "this"
                | "these"
                | "i"
                | "we"
                | "you"
                | "do"
                | "don't"
                | "don’t"
                | "next"
                | "page"
                | "appendix"
                | "annex"
                | "version"
        )
}

/// The question for a step that belongs to someone else.
fn whose_stem() -> String {
    "A colleague asks you whose job this step is under your policy. Which statement is right?"
        .into()
}

/// The action at the duty's strength first, then at the strengths a skimming reader could
/// mistake it for: the same direction at the other firmness, and leaving it to choice.
///
/// "You must not respect the rights of others" would be a distractor no one takes seriously,
/// so the opposite direction is never offered; nor is the negative of an action that carries
/// its own negation ("avoid …") or a restriction ("only …").
fn strength_options(p: &ParsedDuty, right: Modality, rng: &mut SplitMix64) -> Vec<String> {
    let right = own_strength(p, right);
    let mut others: Vec<Modality> = match right {
        Modality::Must => vec![Modality::Should, Modality::May],
        Modality::Should => vec![Modality::Must, Modality::May],
        Modality::MustNot => vec![Modality::ShouldNot, Modality::May],
        Modality::ShouldNot => vec![Modality::MustNot, Modality::May],
        Modality::May | Modality::Info => vec![Modality::Must, Modality::Should],
    };
    rng.shuffle(&mut others);
    std::iter::once(right)
        .chain(others)
        .map(|m| at_strength(p, m))
        .collect()
}

/// The action given to the right holder first, then to three stock roles it is not.
fn whose_options(
    p: &ParsedDuty,
    name: &str,
    stock: Option<usize>,
    modality: Modality,
    rng: &mut SplitMix64,
) -> Vec<String> {
    let mut others: Vec<&str> = ROLES
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != stock)
        .map(|(_, (n, _))| *n)
        .filter(|n| *n != name)
        .collect();
    rng.shuffle(&mut others);
    std::iter::once(name)
        .chain(others.into_iter().take(3))
        .map(|who| said(p, who, modal(modality), ""))
        .collect()
}

/// The parsed duty said at one strength, every option with a tail of similar length.
fn at_strength(p: &ParsedDuty, m: Modality) -> String {
    let who = match &p.holder {
        Holder::Thing(thing) => thing.clone(),
        _ => "You".to_string(),
    };
    let tail = match m {
        // Tails keep the options of similar length and never start with a word the action
        // could end with ("… doing this — this is …").
        Modality::Must | Modality::MustNot => " — a firm rule in the policy",
        Modality::Should | Modality::ShouldNot => ", but the policy only advises it",
        _ if who == "You" => " if you choose — the policy leaves it open",
        _ => " — the policy leaves it open",
    };
    // A restriction written before the verb ("may only use") is said the same way; the
    // permissive distractor drops it ("may use"), as does one written after ("use only").
    let restricted_before = p.only && !p.action.split_whitespace().any(|w| w == "only");
    let modal = match (restricted_before, m) {
        (true, Modality::Must) => "must only",
        (true, Modality::Should) => "should only",
        _ => modal(m),
    };
    if p.only && m == Modality::May {
        let free = ParsedDuty {
            action: p.action.replacen(" only ", " ", 1),
            ..p.clone()
        };
        return said(&free, &who, modal, tail);
    }
    said(p, &who, modal, tail)
}

/// "If …, you must not …" with the condition first, as the policy says it.
fn said(p: &ParsedDuty, who: &str, modal: &str, tail: &str) -> String {
    match &p.condition {
        Some(cond) => format!("{cond}, {} {modal} {}{tail}.", lower_the(who), p.action),
        None => format!("{who} {modal} {}{tail}.", p.action),
    }
}

/// The strength to say the action at: positive when the action carries the negation.
fn own_strength(p: &ParsedDuty, m: Modality) -> Modality {
    match m {
        Modality::MustNot if p.negation_in_action => Modality::Must,
        Modality::ShouldNot if p.negation_in_action => Modality::Should,
        other => other,
    }
}

/// The modal verb an option uses for a strength.
fn modal(m: Modality) -> &'static str {
    match m {
        Modality::Must => "must",
        Modality::MustNot => "must not",
        Modality::Should => "should",
        Modality::ShouldNot => "should not",
        Modality::May | Modality::Info => "may",
    }
}

/// "The headteacher" inside a sentence: "the headteacher"; "You" → "you".
fn lower_the(who: &str) -> String {
    for (from, to) in [
        ("The ", "the "),
        ("You", "you"),
        ("Every ", "every "),
        ("Parents ", "parents "),
    ] {
        if let Some(rest) = who.strip_prefix(from) {
            return format!("{to}{rest}");
        }
    }
    who.to_string()
}

/// What the verdict means for the reader, said after the quote.
fn conclusion(modality: Modality) -> &'static str {
    match modality {
        Modality::Must | Modality::MustNot => "This is a requirement, not a suggestion.",
        _ => "This is the policy's advice.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn duty(action: &str) -> ParsedDuty {
        ParsedDuty {
            holder: Holder::Reader,
            condition: None,
            action: action.into(),
            negation_in_action: false,
            only: false,
        }
    }

    #[test]
    fn headings_that_are_not_topics_stay_out_of_stems() {
        for heading in [
            "Do",
            "Don’t",
            "In such cases",
            "CODE OF PRACTICE FOR COACHES",
        ] {
            assert!(!strength_stem(heading).contains('“'), "{heading}");
        }
        assert!(strength_stem("Storage and disposal").contains("“Storage and disposal”"));
    }

    #[test]
    fn a_short_duty_is_asked_as_a_moment_with_the_options_action() {
        let mut rng = SplitMix64::new(1);
        let p = duty("lend your login to a colleague");
        let stem = situation_stem(
            &p,
            Modality::MustNot,
            "Staff must not lend logins.",
            &mut rng,
        )
        .expect("short enough");
        assert!(stem.ends_with("Are you allowed to lend your login to a colleague?"));
        let stem = situation_stem(&p, Modality::Must, "", &mut rng).expect("short enough");
        assert!(stem.ends_with("Do you have to lend your login to a colleague?"));
        // Too long to say whole: the plainer fallback, never a stem cut short.
        let long = duty("lend your login to a colleague who has forgotten their own on a busy day");
        assert!(situation_stem(&long, Modality::Must, "", &mut rng).is_none());
    }
}
