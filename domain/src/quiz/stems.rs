//! Stems for questions built from a parsed duty: a moment a member of staff could meet, asked
//! over the same base-form action the options use, so the stem gives no option away.
//!
//! A duty that cannot be put as such a moment gets no question: a stem that only restates the
//! clause ("how firm is your policy on …") is not a situation.

use super::holders::Holder;
use super::parsed::ParsedDuty;
use super::rng::SplitMix64;
use crate::clauses::Modality;

/// Longest action (with its condition) a stem says whole; a stem cut short is worse than none.
const MAX_WORDS: usize = 24;

/// The stem for a parsed duty whose right strength is `right`; none when it cannot be said.
pub(crate) fn stem(p: &ParsedDuty, right: Modality, rng: &mut SplitMix64) -> Option<String> {
    let words = p.action.split_whitespace().count()
        + p.condition
            .as_deref()
            .map_or(0, |c| c.split_whitespace().count());
    if words > MAX_WORDS || p.only {
        return None;
    }
    match &p.holder {
        Holder::Reader => Some(reader(p, right, rng)),
        Holder::Role { .. } => Some(whose(p)),
        Holder::Thing(thing) => about_thing(p, thing, rng),
    }
}

/// About to do what the duty forbids, or tempted to skip what it requires.
fn reader(p: &ParsedDuty, right: Modality, rng: &mut SplitMix64) -> String {
    let forbids = matches!(right, Modality::MustNot | Modality::ShouldNot);
    let (moments, ask): (&[&str], &str) = if forbids {
        (
            &[
                "It would save you time this week",
                "A colleague suggests it",
                "Nobody would notice",
            ],
            "are you allowed to",
        )
    } else {
        (
            &[
                "You are short of time this week",
                "A colleague says nobody bothers",
                "It is your first week in post",
            ],
            "do you have to",
        )
    };
    let moment = moments[rng.below(moments.len())];
    format!("{moment}. {}{}?", opening(p, ask), p.action)
}

/// "Someone has to …": whose step it is, for a duty that belongs to someone else.
fn whose(p: &ParsedDuty) -> String {
    format!(
        "{}{}. Under your policy, whose job is it?",
        opening(p, "someone has to"),
        p.action
    )
}

/// "Is it up to you whether phones are kept …": a rule about a thing, put as a choice the
/// reader might think is theirs, its verb agreeing with the thing's head noun.
fn about_thing(p: &ParsedDuty, thing: &str, rng: &mut SplitMix64) -> Option<String> {
    let lower = lower_first(thing);
    // The head noun ends the words before a preposition: "communication with pupils".
    let head = lower
        .split_whitespace()
        .take_while(|w| !["with", "of", "in", "on", "for", "from", "by", "to", "at"].contains(w))
        .last()
        .unwrap_or("");
    let plural = head.ends_with('s') && !head.ends_with("ss");
    let (verb, rest) = p.action.split_once(' ')?;
    let verb = match (plural, verb) {
        (true, "be") => "are".to_string(),
        (true, v) => v.to_string(),
        (false, v) => third_person(v),
    };
    let moments = [
        "It is your first week in post",
        "A colleague says nobody checks",
        "You are short of time this week",
    ];
    let moment = moments[rng.below(moments.len())];
    let ask = format!("is it up to you whether {lower} {verb}");
    Some(format!("{moment}. {}{rest}?", opening(p, &ask)))
}

/// A base-form verb said of one thing: "be" → "is", "take" → "takes", "carry" → "carries".
fn third_person(verb: &str) -> String {
    match verb {
        "be" => "is".into(),
        "have" => "has".into(),
        "do" | "go" => format!("{verb}es"),
        v if v.ends_with(['s', 'x', 'z']) || v.ends_with("sh") || v.ends_with("ch") => {
            format!("{v}es")
        }
        v if v.len() > 1
            && v.ends_with('y')
            && !matches!(v.as_bytes()[v.len() - 2], b'a' | b'e' | b'o' | b'u') =>
        {
            format!("{}ies", &v[..v.len() - 1])
        }
        v => format!("{v}s"),
    }
}

/// The duty's condition first, as the policy says it, then the question's opening words.
fn opening(p: &ParsedDuty, ask: &str) -> String {
    match &p.condition {
        Some(cond) => format!("{}, {ask} ", capitalise(cond)),
        None => format!("{} ", capitalise(ask)),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// "Mobile phones" inside a sentence: "mobile phones"; a name in capitals keeps them.
fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match (c.next(), s.chars().nth(1)) {
        (Some(f), Some(second)) if !second.is_uppercase() => f.to_lowercase().chain(c).collect(),
        _ => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn duty(holder: Holder, action: &str) -> ParsedDuty {
        ParsedDuty {
            holder,
            condition: None,
            action: action.into(),
            negation_in_action: false,
            only: false,
        }
    }

    #[test]
    fn the_reader_meets_the_duty_as_a_moment_over_the_options_action() {
        let mut rng = SplitMix64::new(1);
        let p = duty(Holder::Reader, "lend your login to a colleague");
        let s = stem(&p, Modality::MustNot, &mut rng).expect("short enough");
        assert!(s.ends_with("Are you allowed to lend your login to a colleague?"));
        let s = stem(&p, Modality::Must, &mut rng).expect("short enough");
        assert!(s.ends_with("Do you have to lend your login to a colleague?"));
        let long = duty(
            Holder::Reader,
            "lend your login to a colleague who has forgotten their own on a busy day at the end of a long term when the office is closed",
        );
        assert!(stem(&long, Modality::Must, &mut rng).is_none());
    }

    #[test]
    fn someone_elses_step_and_a_rule_about_a_thing_are_asked_as_choices() {
        let mut rng = SplitMix64::new(1);
        let mut p = duty(
            Holder::Role {
                name: "The headteacher".into(),
                stock: Some(1),
            },
            "inform the police",
        );
        p.condition = Some("if there is evidence of a crime".into());
        assert_eq!(
            stem(&p, Modality::Must, &mut rng).as_deref(),
            Some("If there is evidence of a crime, someone has to inform the police. Under your policy, whose job is it?")
        );
        let p = duty(Holder::Thing("Mobile phones".into()), "be kept in lockers");
        let s = stem(&p, Modality::Must, &mut rng).expect("passive");
        assert!(s.ends_with("Is it up to you whether mobile phones are kept in lockers?"));
        let p = duty(Holder::Thing("The door".into()), "remain open");
        let s = stem(&p, Modality::Must, &mut rng).expect("a verb that agrees");
        assert!(s.ends_with("Is it up to you whether the door remains open?"));
        let p = duty(
            Holder::Thing("Communication with pupils".into()),
            "take place on school systems",
        );
        let s = stem(&p, Modality::Must, &mut rng).expect("a verb that agrees");
        assert!(s.ends_with("whether communication with pupils takes place on school systems?"));
    }
}
