//! Stems for questions built from a parsed duty: a moment a member of staff could meet, asked
//! over the same base-form action the options use, so the stem gives no option away.
//!
//! A duty that cannot be put as such a moment gets no question: a stem that only restates the
//! clause ("how firm is your policy on …") is not a situation.

use super::holders::Holder;
use super::parsed::ParsedDuty;
use super::stem_check::{condition_for_reader, well_formed};
use crate::clauses::Modality;

/// Longest action (with its condition) a stem says whole; a stem cut short is worse than none.
const MAX_WORDS: usize = 24;

/// The stem for a parsed duty whose right strength is `right`; none when it cannot be said.
pub(crate) fn stem(p: &ParsedDuty, right: Modality) -> Option<String> {
    let words = p.action.split_whitespace().count()
        + p.condition
            .as_deref()
            .map_or(0, |c| c.split_whitespace().count());
    // A permission with a restriction ("may only use …") has no strength to mistake it for
    // that the options could say without dropping the restriction.
    let restricts = matches!(right, Modality::Must | Modality::Should);
    if words > MAX_WORDS || (p.only && !restricts) || refers_back(p) {
        return None;
    }
    // The duty's condition is the moment the reader meets it ("If a child tells you they are
    // being hurt, …"); without one, the moment comes from the reader's own action or there is
    // none: the clause behind an invented opener ("A colleague says nobody bothers. Do you have
    // to …?", "A colleague asks you whether it falls to them to …") is no situation.
    if p.condition.is_none() {
        return super::moment::stem(p, right);
    }
    // The moment said to the reader; a moment that points back to an earlier sentence is none.
    let said = ParsedDuty {
        condition: Some(condition_for_reader(
            p.condition.as_deref()?,
            p.holder == Holder::Reader,
        )?),
        ..p.clone()
    };
    let p = &said;
    let stem = match &p.holder {
        Holder::Reader if p.only => Some(reader(&restricted(p), right)),
        Holder::Reader => Some(reader(p, right)),
        _ if p.only => None,
        Holder::Role { .. } => Some(whose(p)),
        // "After changing, is it up to you whether the child is dressed …": a rule about a thing
        // or a passive put as a question only restates the clause; it is no situation.
        Holder::Thing(_) => None,
    }?;
    well_formed(&stem).then_some(stem)
}

/// The action with its restriction said before the verb, where the options say it: "only use
/// school equipment"; an action that says "only" itself is left as it is.
fn restricted(p: &ParsedDuty) -> ParsedDuty {
    let mut q = p.clone();
    if !q.action.split_whitespace().any(|w| w == "only") {
        q.action = format!("only {}", q.action);
    }
    q
}

/// At the moment the duty's condition names: may you do what it forbids, must you do what it
/// requires, may you do what it allows.
fn reader(p: &ParsedDuty, right: Modality) -> String {
    let ask = match right {
        Modality::MustNot | Modality::ShouldNot | Modality::May => "are you allowed to",
        _ => "do you have to",
    };
    format!("{}{}?", opening(p, ask), p.action)
}

/// A colleague wondering whether a step falls to them, for a duty that belongs to someone else.
fn whose(p: &ParsedDuty) -> String {
    format!(
        "{}{}. Under your policy, who has to do it?",
        opening(p, "a colleague asks you whether it falls to them to"),
        p.action
    )
}

/// Nouns that, after "the" or "this", stand for something an earlier sentence described.
const RECALLED: [&str; 7] = [
    "concern",
    "concerns",
    "matter",
    "issue",
    "incident",
    "situation",
    "case",
];

/// Words after which a noun phrase has ended ("" is the end of the action).
const PHRASE_ENDS: [&str; 20] = [
    "",
    "to",
    "with",
    "and",
    "or",
    "in",
    "on",
    "at",
    "for",
    "as",
    "by",
    "if",
    "when",
    "so",
    "before",
    "after",
    "within",
    "without",
    "immediately",
    "promptly",
];

/// True when the action points back ("report the concern", "share these", "keep them safe",
/// "about such use") to something the stem never says: with no condition to name it, the
/// question cannot be understood.
fn refers_back(p: &ParsedDuty) -> bool {
    if p.condition.is_some() {
        return false;
    }
    let words: Vec<String> = p
        .action
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let at = |i: usize| words.get(i).map_or("", String::as_str);
    (0..words.len()).any(|i| match at(i) {
        // Right after the verb a pronoun has nothing in the action to stand for.
        "it" | "them" => i == 1 && !at(0).starts_with("mak"),
        // "… the investigations … those investigations" points back within the action.
        // "those who …", "those with …" are the ones described next, not a pointer.
        "these" | "those" => {
            let described = ["who", "whom", "which", "that", "whose"].contains(&at(i + 1))
                || (at(i) == "those" && ["with", "of", "in", "for", "at"].contains(&at(i + 1)));
            !described && !words[..i].iter().any(|w| w == at(i + 1))
        }
        // "as such" and "such as" are not pointers.
        "such" => at(i + 1) != "as" && (i == 0 || at(i - 1) != "as"),
        // "report the concern to …", but not "the incident log": the noun must end its phrase.
        "the" | "this" | "that" => {
            RECALLED.contains(&at(i + 1)) && PHRASE_ENDS.contains(&at(i + 2))
        }
        _ => false,
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A duty met at a moment: "when you are on a school trip".
    fn duty(holder: Holder, action: &str) -> ParsedDuty {
        ParsedDuty {
            holder,
            condition: Some("when you are on a school trip".into()),
            action: action.into(),
            negation_in_action: false,
            only: false,
        }
    }

    #[test]
    fn the_reader_meets_the_duty_at_the_moment_its_condition_names() {
        let p = duty(Holder::Reader, "lend your login to a colleague");
        let s = stem(&p, Modality::MustNot).expect("short enough");
        assert_eq!(
            s,
            "When you are on a school trip, are you allowed to lend your login to a colleague?"
        );
        let s = stem(&p, Modality::Must).expect("short enough");
        assert!(s.ends_with("do you have to lend your login to a colleague?"));
        let long = duty(
            Holder::Reader,
            "lend your login to a colleague who has forgotten their own on a busy day at the end of a long term when the office is closed",
        );
        assert!(stem(&long, Modality::Must).is_none());
    }

    #[test]
    fn a_duty_with_no_moment_of_its_own_is_not_asked() {
        let mut p = duty(Holder::Reader, "keep your password secure");
        p.condition = None;
        assert!(stem(&p, Modality::Must).is_none());
        let mut p = duty(Holder::Thing("Mobile phones".into()), "be kept in lockers");
        p.condition = None;
        assert!(stem(&p, Modality::Must).is_none());
        let mut p = duty(
            Holder::Role {
                name: "The headteacher".into(),
                stock: Some(1),
            },
            "review the register",
        );
        p.condition = None;
        assert!(stem(&p, Modality::Must).is_none());
    }

    #[test]
    fn an_action_that_points_back_to_an_earlier_sentence_is_not_asked() {
        let bare = |action: &str| {
            let mut p = duty(Holder::Reader, action);
            p.condition = None;
            p
        };
        for pointing in [
            "report the concern to the headteacher",
            "share these with the office",
            "keep them in a locked drawer",
            "follow any additional rules about such use",
        ] {
            assert!(refers_back(&bare(pointing)), "{pointing}");
        }
        for whole in [
            "make it clear to pupils that messages are recorded",
            "record opinions or feelings as such",
            "follow the policies, including those with regard to parents",
            "check that the investigations are fair and that those investigations are recorded",
        ] {
            assert!(!refers_back(&bare(whole)), "{whole}");
        }
        // A condition can name what the action points back to.
        let mut p = duty(Holder::Reader, "report the concern to the DSL");
        p.condition = Some("if a child tells you they are being hurt".into());
        assert!(stem(&p, Modality::Must).is_some());
    }

    #[test]
    fn a_restriction_is_asked_with_its_only_and_a_restricted_permission_is_not() {
        let mut p = duty(Holder::Reader, "use school cameras");
        p.only = true;
        let s = stem(&p, Modality::Must).expect("a restriction");
        assert!(
            s.ends_with("do you have to only use school cameras?"),
            "{s}"
        );
        assert!(stem(&p, Modality::May).is_none());
    }

    #[test]
    fn someone_elses_step_is_asked_as_a_choice_and_a_rule_about_a_thing_not_at_all() {
        let mut p = duty(
            Holder::Role {
                name: "The headteacher".into(),
                stock: Some(1),
            },
            "inform the police",
        );
        p.condition = Some("if there is evidence of a crime".into());
        assert_eq!(
            stem(&p, Modality::Must).as_deref(),
            Some("If there is evidence of a crime, a colleague asks you whether it falls to them to inform the police. Under your policy, who has to do it?")
        );
        // A rule about a thing is not put to the reader as a choice: that restates the clause.
        let p = duty(Holder::Thing("Mobile phones".into()), "be kept in lockers");
        assert_eq!(stem(&p, Modality::Must), None);
    }
}
