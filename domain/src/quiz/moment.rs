//! The moment a member of staff meets one of their own duties that names no condition of its
//! own, built from the duty's action: wanting to do what the policy forbids or allows ("You would
//! like to store pupils' data on a memory stick"), or coming across what it asks them to report
//! ("You become aware of a data breach").
//!
//! Whistleblowing, low-level concerns and data protection policies state most duties plainly
//! ("Staff must not share passwords", "Staff should report concerns to the headteacher"); with
//! no moment to ask them at, such a policy had no questions. A duty whose action gives no
//! moment (a positive duty that is not a report) is still not asked: an invented opener before
//! the clause is no situation.

use super::holders::Holder;
use super::parsed::ParsedDuty;
use super::report::reported;
use super::stem_check::well_formed;
use super::text::words;
use crate::clauses::{ClauseSet, Modality};

/// Longest action a moment is built from: the stem says it whole.
const MAX_WORDS: usize = 16;

/// Words that show an action is plainly wrong ("act maliciously", "bully colleagues"): wanting
/// to do it is no moment anyone meets, and "you may … if you choose" would tempt no one.
const PLAINLY_WRONG: [&str; 24] = [
    "malicious",
    "defam",
    "breach",
    "gain",
    // An act named by the harm it does ("engage in activity that may compromise …").
    "compromis",
    "inappropriat",
    "disrepute",
    "damag",
    "harm",
    "endanger",
    "unprofessional",
    "false",
    "untrue",
    "abus",
    "bully",
    "harass",
    "discriminat",
    "illegal",
    "unlawful",
    "offensive",
    "racist",
    "violen",
    "humiliat",
    "dishonest",
];

/// Words that carry an exception or a moment the stem could not say whole, or a person the
/// action speaks of from another sentence.
const UNSAYABLE: [&str; 16] = [
    "unless", "except", "if", "when", "whenever", "where", "before", "after", "while", "whilst",
    "they", "them", "he", "she", "him", "etc",
];

/// Verbs of a state or a thought, not an act: "You would like to assume …", "… to have access"
/// is no moment anyone meets.
const NOT_ACTS: [&str; 16] = [
    "assume",
    "think",
    "believe",
    "know",
    "understand",
    "feel",
    "expect",
    "consider",
    "forget",
    "ignore",
    "presume",
    "have",
    "be",
    "get",
    "receive",
    "remain",
];

/// Markers after which an action gives an example or a comment, not more of the act.
const ASIDES: [&str; 7] = [
    " e.g.",
    " (e.g.",
    " i.e.",
    " (i.e.",
    " for example",
    " – ",
    " - ",
];

/// The action without the example or comment after it ("leave devices unattended e.g. in your
/// car" → "leave devices unattended"), so stem and options say the act once, plainly.
pub(crate) fn without_asides(p: &ParsedDuty) -> ParsedDuty {
    let cut = ASIDES
        .iter()
        .filter_map(|a| p.action.find(a))
        .min()
        .unwrap_or(p.action.len());
    let action = p.action[..cut].trim_end_matches([',', ' ']).to_string();
    // A cut that leaves no verb and object keeps the action whole.
    if action.split_whitespace().count() < 2 {
        return p.clone();
    }
    ParsedDuty {
        action,
        ..p.clone()
    }
}

/// Words naming the reader as the one a permission is given to.
const READERS: [&str; 11] = [
    "staff",
    "you",
    "employees",
    "employee",
    "volunteers",
    "i",
    "colleagues",
    "members",
    "adults",
    "workers",
    "everyone",
];

/// True when a permission names the reader before its "may" ("Staff may …", "You can …", "Staff
/// are entitled to …"): a bare "May …" entry names no one.
pub(crate) fn names_reader(sentence: &str) -> bool {
    words(sentence)
        .iter()
        .take_while(|w| {
            !["may", "can", "entitled", "right", "allowed", "permitted"].contains(&w.as_str())
        })
        .any(|w| READERS.contains(&w.as_str()))
}

/// Words that make an exception to a rule.
const EXCEPTIONS: [&str; 4] = ["unless", "except", "other than", "apart from"];

/// True when the lead-in heading a list entry (the sentence ending in ":" before it, in its own
/// clause or an earlier one of the same section) makes an exception: "Unless a child is a direct
/// relation, staff should not: …". The entry's duty holds only outside that exception.
pub(crate) fn lead_excepts(set: &ClauseSet, at: usize, duty: usize) -> bool {
    let Some(clause) = set.clauses.get(at) else {
        return false;
    };
    let own = clause
        .duties
        .iter()
        .take(duty)
        .rev()
        .map(|d| d.text.as_str());
    let earlier = set.clauses[..at]
        .iter()
        .rev()
        .take_while(|c| c.section == clause.section)
        .map(|c| c.text.as_str());
    own.chain(earlier)
        .find(|t| t.trim_end().ends_with(':'))
        .is_some_and(|lead| {
            let lower = lead.to_lowercase();
            EXCEPTIONS.iter().any(|e| lower.contains(e))
        })
}

/// The stem for a reader's own duty with no condition, at its right strength; none when the
/// action gives no moment or the stem would not read as one grammatical question.
pub(crate) fn stem(p: &ParsedDuty, right: Modality) -> Option<String> {
    if p.holder != Holder::Reader || p.condition.is_some() || p.only {
        return None;
    }
    let w = words(&p.action);
    if w.len() > MAX_WORDS || w.iter().any(|x| UNSAYABLE.contains(&x.as_str())) {
        return None;
    }
    let stem = match right {
        // The action is what the reader would do and the policy forbids or allows.
        Modality::MustNot | Modality::ShouldNot | Modality::May => {
            let wrong = w
                .iter()
                .any(|x| PLAINLY_WRONG.iter().any(|bad| x.starts_with(bad)))
                || ["bad faith", "personal gain"]
                    .iter()
                    .any(|phrase| p.action.contains(phrase));
            let state = NOT_ACTS.contains(&w.first().map_or("", String::as_str));
            if p.negation_in_action || wrong || state {
                return None;
            }
            format!("You would like to {}. Are you allowed to?", p.action)
        }
        Modality::Must | Modality::Should => reported(&p.action)?,
        Modality::Info => return None,
    };
    well_formed(&stem).then_some(stem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ban_or_a_permission_is_met_when_the_reader_would_like_to_act() {
        assert_eq!(
            stem(
                &ParsedDuty::readers("store pupils' records on a memory stick"),
                Modality::MustNot
            )
            .as_deref(),
            Some("You would like to store pupils' records on a memory stick. Are you allowed to?")
        );
        assert!(stem(
            &ParsedDuty::readers("ask a trade union for advice first"),
            Modality::May
        )
        .is_some());
    }

    #[test]
    fn a_report_is_met_when_the_reader_comes_across_what_it_passes_on() {
        assert_eq!(
            stem(&ParsedDuty::readers("report any data breach to the office manager"), Modality::Must).as_deref(),
            Some("You become aware of a data breach. Under your policy, do you have to report it to the office manager?")
        );
        assert_eq!(
            stem(&ParsedDuty::readers("share low-level concerns about a colleague with the head"), Modality::Should).as_deref(),
            Some("You have low-level concerns about a colleague. Under your policy, do you have to share them with the head?")
        );
        assert!(stem(
            &ParsedDuty::readers("pass on worries about a pupil's safety to the lead"),
            Modality::Must
        )
        .is_some());
    }

    #[test]
    fn a_duty_that_gives_no_moment_is_not_asked() {
        for (action, m) in [
            // A positive duty that reports nothing: "keep data safe" has no moment of its own.
            ("keep personal data safe at all times", Modality::Must),
            // The reported thing points back to an earlier sentence.
            ("report the matter to the chair", Modality::Must),
            ("report these to the chair", Modality::Must),
            // Plainly wrong: no one would like to, and no distractor would tempt.
            (
                "act maliciously or make untrue allegations",
                Modality::MustNot,
            ),
            // An exception or a person from another sentence the stem cannot say.
            (
                "email sensitive files unless you know they are encrypted",
                Modality::MustNot,
            ),
            ("tell them what will happen next", Modality::MustNot),
        ] {
            assert!(stem(&ParsedDuty::readers(action), m).is_none(), "{action}");
        }
        for state in [
            "assume you can share records with anyone",
            "have access to email at work",
        ] {
            assert!(
                stem(&ParsedDuty::readers(state), Modality::MustNot).is_none(),
                "{state}"
            );
        }
        let mut avoid = ParsedDuty::readers("avoid sharing passwords");
        avoid.negation_in_action = true;
        assert!(stem(&avoid, Modality::ShouldNot).is_none());
        let mut theirs = ParsedDuty::readers("store records on a memory stick");
        theirs.holder = Holder::Thing("Records".into());
        assert!(stem(&theirs, Modality::MustNot).is_none());
    }

    #[test]
    fn an_example_or_comment_after_the_act_is_left_to_the_explanation() {
        let cut = |a: &str| without_asides(&ParsedDuty::readers(a)).action;
        assert_eq!(
            cut("leave devices unattended e.g. in your car"),
            "leave devices unattended"
        );
        assert_eq!(
            cut("leave printouts lying around – even a slip is a breach"),
            "leave printouts lying around"
        );
        assert_eq!(cut("lock your screen"), "lock your screen");
        assert_eq!(cut("go – always"), "go – always");
    }

    #[test]
    fn a_permission_names_whom_it_is_given_to() {
        assert!(names_reader("Staff may ask a union for advice."));
        assert!(names_reader("All employees are entitled to a copy."));
        assert!(!names_reader("May ask the caller for proof of identity."));
        assert!(!names_reader("Parents may ask for a meeting with staff."));
    }

    #[test]
    fn a_bare_worry_is_one_the_reader_has() {
        assert_eq!(
            stem(
                &ParsedDuty::readers("raise concerns at an early stage"),
                Modality::Should
            )
            .as_deref(),
            Some(
                "You have a concern. Under your policy, do you have to raise it at an early stage?"
            )
        );
        assert_eq!(
            stem(&ParsedDuty::readers("normally report incidents to the office"), Modality::Should).as_deref(),
            Some("You become aware of an incident. Under your policy, do you have to report it to the office?")
        );
        assert!(stem(
            &ParsedDuty::readers("raise concerns in bad faith"),
            Modality::MustNot
        )
        .is_none());
    }

    #[test]
    fn an_entry_under_a_lead_in_with_an_exception_is_not_asked_alone() {
        let set = |lead: &str| {
            crate::clauses::parse_text(&format!(
                "Code of conduct\n\n3. Contact\n{lead}\n- send private messages to players\n- give lifts to players\n"
            ))
            .expect("parses")
        };
        let entry = |s: &ClauseSet| {
            s.clauses
                .iter()
                .position(|c| c.text.contains("give lifts"))
                .expect("the entry is a clause")
        };
        let excepted = set("Unless a player is a relative, coaches should not:");
        let at = entry(&excepted);
        let n = excepted.clauses[at].duties.len() - 1;
        assert!(lead_excepts(&excepted, at, n));
        let plain = set("Coaches should not:");
        let at = entry(&plain);
        let n = plain.clauses[at].duties.len() - 1;
        assert!(!lead_excepts(&plain, at, n));
    }
}
