//! Questions built from a parsed duty (holder, strength, action) for duties no scenario fits.
//!
//! Two forms, both grammatical by construction because every option is a holder, a modal and
//! the same base-form action: the reader's own duty at the strengths it could be mistaken for
//! ("You must …", "You should …, but …", "You may … if you choose"), and "whose job is this?"
//! for a duty that belongs to someone else.

use super::holders::{Holder, PUPILS, ROLES, SCHOOL, VISITORS};
use super::moment::{lead_excepts, names_reader, without_asides};
use super::others::{organisation_step, the_individuals};
use super::parsed::{parse, ParsedDuty};
use super::passive::readers_own;
use super::relative::{subject_moment, trailing_moment};
use super::rng::SplitMix64;
use super::sentence::fit_to_decide;
use super::stem_check::condition_for_reader;
use super::stems;
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
    for (at, clause) in set.clauses.iter().enumerate() {
        for (n, duty) in clause.duties.iter().enumerate() {
            let quote = tidy(&duty.text);
            let permission = duty.modality == Modality::May;
            if !(duty.modality.is_duty() || permission)
                || covered.contains(&(clause.id.clone(), quote.clone()))
            {
                continue;
            }
            // Text run together from a table, a definition or a list of occasions says no duty
            // a question could rest on.
            if !fit_to_decide(&quote) {
                continue;
            }
            let Some(parsed) = parse(clause, duty) else {
                continue;
            };
            // The person a procedure is about, and the organisation's reports to a regulator,
            // are not steps of every reader.
            if the_individuals(&duty.text, &clause.text)
                || (matches!(parsed.holder, Holder::Thing(_)) && organisation_step(&quote))
            {
                continue;
            }
            // A permission is worth asking only when it is the reader's ("Staff may raise a
            // concern with the chair of governors"): what others may do is not theirs to know.
            if permission && parsed.holder != Holder::Reader {
                continue;
            }
            // "… is responsible for following this procedure. They should inform …": a step the
            // reader answers for binds as the responsibility does.
            let lifted = super::responsible::lifting(clause, duty);
            let modality = lifted.map_or(duty.modality, |_| Modality::Must);
            let Some(verdict) = Verdict::from_modality(modality) else {
                continue;
            };
            // What pupils, parents or the school as a whole must do is not worth asking staff.
            if let Holder::Role { name, stock: None } = &parsed.holder {
                if [PUPILS, SCHOOL, VISITORS].contains(&name.as_str()) {
                    continue;
                }
            }
            if matches!(&parsed.holder, Holder::Role { stock: Some(4), .. }) {
                continue;
            }
            // A principle of the law ("personal data must be processed lawfully …") describes
            // the law, not a step anyone takes.
            if let Holder::Thing(thing) = &parsed.holder {
                if states_the_law(&clause.section, &quote)
                    || is_principle(thing, &parsed.action)
                    || is_the_document(thing)
                {
                    continue;
                }
            }
            // "They should be cleaned …": a "they" that undergoes the action is a thing from
            // another sentence, not the reader.
            // "You should receive supervision" is given to the reader, not a step they take;
            // "be aware of …", "be professional" is a state, whose "you may … if you choose"
            // no one would take seriously.
            if parsed.holder == Holder::Reader
                && (is_passive(&parsed.action)
                    || parsed.action.starts_with("receive ")
                    || parsed.action.starts_with("be "))
            {
                continue;
            }
            // "Ensure staff are aware of …", "remind all staff to …": staff are the ones acted on,
            // so the step is a manager's, whoever the sentence seemed to bind.
            if parsed.holder == Holder::Reader && acts_on_staff(&parsed.action) {
                continue;
            }
            // "Passwords must not be shared": a ban on a thing is the reader's own act.
            let parsed = without_asides(&readers_own(&parsed, duty.modality).unwrap_or(parsed));
            // "Staff who have a concern should …": the subject names the moment.
            let parsed = subject_moment(&quote, &parsed).unwrap_or(parsed);
            // "… when you leave your desk": a moment written after the action is the one the
            // question is asked at.
            let parsed = trailing_moment(&parsed).unwrap_or(parsed);
            // A permission with no moment of its own is worth asking only where the policy gives
            // it to staff in so many words; a bare "May ask …" in a procedure is the office's.
            if permission && parsed.condition.is_none() && !names_reader(&quote) {
                continue;
            }
            let id = format!("duty:{}:{}", clause.id, n + 1);
            let mut rng = SplitMix64::keyed(seed, &id);
            let right = own_strength(&parsed, modality);
            // "Unless a child is a relative, staff should not: …": a moment built from an entry
            // alone would drop its lead-in's exception, and with it the right answer.
            if parsed.condition.is_none() && lead_excepts(set, at, n) {
                continue;
            }
            let Some(stem) = stems::stem(&parsed, right) else {
                continue;
            };
            let (options, conclusion) = match &parsed.holder {
                Holder::Role { name, stock } => (
                    whose_options(&parsed, name, *stock, right, &mut rng),
                    format!(
                        "This is a step for {}, not for every member of staff.",
                        lower_the(name)
                    ),
                ),
                _ => (
                    strength_options(&parsed, modality, &mut rng),
                    match lifted {
                        Some(by) => format!(
                            "{} This is a requirement, not a suggestion.",
                            super::responsible::made_yours(by)
                        ),
                        None => conclusion(modality).to_string(),
                    },
                ),
            };
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

/// True when the action's object is staff themselves: "ensure (that) (all) staff …".
fn acts_on_staff(action: &str) -> bool {
    let words = super::text::words(action);
    let object = words
        .iter()
        .skip(1)
        .find(|w| !["that", "all", "any", "every", "other"].contains(&w.as_str()))
        .map_or("", String::as_str);
    ["staff", "employees", "colleagues", "volunteers", "adults"].contains(&object)
}

/// True when a sentence or its section speaks of the law's principles or lawful bases.
fn states_the_law(section: &str, sentence: &str) -> bool {
    let both = format!("{section} {sentence}").to_lowercase();
    ["lawful", "principle", "gdpr", "regulation", "article "]
        .iter()
        .any(|w| both.contains(w))
}

/// True for data protection's principles, said of the data itself ("personal data must be
/// collected for specified purposes", "… be accurate and kept up to date"): what the law asks of
/// processing, not a step a member of staff takes.
fn is_principle(thing: &str, action: &str) -> bool {
    let thing = thing.to_lowercase();
    let about_data = ["data", "information"]
        .iter()
        .any(|w| thing.split_whitespace().last() == Some(w));
    about_data
        && [
            "be processed",
            "be collected for",
            "be obtained",
            "be adequate",
            "be accurate",
            "be kept for no longer",
            "be limited",
            "be relevant",
        ]
        .iter()
        .any(|a| action.starts_with(a))
}

/// True for the document speaking of itself ("This code of conduct should be adopted …").
fn is_the_document(thing: &str) -> bool {
    let lower = thing.to_lowercase();
    lower.starts_with("this ")
        || lower.starts_with("these ")
        || ["policy", "code", "document", "guidance", "procedure"]
            .iter()
            .any(|w| lower.split_whitespace().last() == Some(w))
}

/// True for an action in the passive ("be cleaned", "be given"): no one is told to do it.
pub(super) fn is_passive(action: &str) -> bool {
    // "be immediately informed": the adverb is not the verb.
    let mut words = action.split_whitespace().filter(|w| !w.ends_with("ly"));
    words.next() == Some("be")
        && words.next().is_some_and(|w| {
            (w.ends_with("ed") && !["prepared", "interested", "concerned", "involved"].contains(&w))
                || [
                    "given", "taken", "seen", "kept", "held", "shown", "done", "made", "sent",
                    "told", "written", "put", "left",
                ]
                .contains(&w)
        })
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
        // A permission is mistaken for a ban or for an order.
        Modality::May | Modality::Info => vec![Modality::MustNot, Modality::Must],
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
        // … and of the same length, so none stands out.
        Modality::Must | Modality::MustNot => " — the policy makes this a rule",
        Modality::Should | Modality::ShouldNot => " — the policy only advises this",
        _ if who == "You" => " if you choose — it is up to you",
        _ => " — the policy leaves this open",
    };
    // A restriction written before the verb ("may only use") is said the same way; the
    // permissive distractor drops it ("may use"), as does one written after ("use only").
    let restricted_before = p.only && !p.action.split_whitespace().any(|w| w == "only");
    let modal = match (restricted_before, m) {
        (true, Modality::Must) => "must only",
        (true, Modality::Should) => "should only",
        _ => modal(m),
    };
    // "You may use school equipment" would also be right under "should use only school
    // equipment": the permissive option leaves the restriction itself to choice.
    if p.only && m == Modality::May {
        let chosen = ParsedDuty {
            action: if restricted_before {
                format!("only {}", p.action)
            } else {
                p.action.clone()
            },
            ..p.clone()
        };
        return said(
            &chosen,
            &who,
            "may choose whether to",
            " — the policy leaves it to you",
        );
    }
    said(p, &who, modal, tail)
}

/// "If …, you must not …" with the condition first, as the policy says it.
fn said(p: &ParsedDuty, who: &str, modal: &str, tail: &str) -> String {
    match &p.condition {
        Some(cond) => {
            let cond = condition_for_reader(cond, p.holder == Holder::Reader)
                .unwrap_or_else(|| cond.clone());
            let mut c = cond.chars();
            let cond: String = c
                .next()
                .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect());
            format!("{cond}, {} {modal} {}{tail}.", lower_the(who), p.action)
        }
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
    // "Any concerns about …", "Information": a sentence's opening word, lower-case inside the
    // option; a name ("Club Welfare Officer", "DSL") keeps its capitals.
    let mut words = who.split_whitespace();
    let first = words.next().unwrap_or("");
    let name = words
        .next()
        .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
    let mut chars = first.chars();
    let plain_word = chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase);
    if plain_word && !name {
        let mut c = who.chars();
        return c
            .next()
            .map(|f| f.to_lowercase().chain(c).collect())
            .unwrap_or_default();
    }
    who.to_string()
}

/// What the verdict means for the reader, said after the quote.
fn conclusion(modality: Modality) -> &'static str {
    match modality {
        Modality::Must | Modality::MustNot => "This is a requirement, not a suggestion.",
        Modality::May => "The policy allows it: the choice is yours.",
        _ => "This is the policy's advice.",
    }
}
