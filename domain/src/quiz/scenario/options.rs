//! The options of a scenario question: one per verdict the template speaks to, the right one
//! first, none marked out by its length or by alone naming the policy.

use super::super::templates::{Kind, Template};
use super::super::text::clip;
use super::super::Verdict;
use crate::clauses::Duty;
use crate::module::second_person;

/// Longest a clause-derived option may be, in words, so options stay readable on a phone.
const OPTION_WORDS: usize = 32;

/// The options, the right one first, and the lead the explanation concludes with.
pub(super) fn options(
    t: &Template,
    duty: &Duty,
    verdict: Verdict,
) -> Option<(Vec<String>, String)> {
    if t.kind == Some(Kind::Require) {
        return same_action(t, verdict);
    }
    authored(t, duty, verdict)
}

/// "What should you do?" under a duty to act: the required and the recommended option are the
/// same action and differ only in how firmly the policy asks it. A weaker action for "should"
/// ("Consider calling the police") would understate a policy that says the police should be
/// called; a reader tells the two apart by strength, as the policy does.
fn same_action(t: &Template, verdict: Verdict) -> Option<(Vec<String>, String)> {
    let (lead, _) = t.option(Verdict::Required)?;
    let lead = without_policy_tail(lead);
    let (open, why) = t.option(Verdict::Permitted)?;
    let said = |v: Verdict| format!("{lead} — {}.", long_reason(v));
    let (required, recommended) = (said(Verdict::Required), said(Verdict::Recommended));
    Some(match verdict {
        Verdict::Required => {
            let open = balanced(open, why, Verdict::Permitted, &required);
            (vec![required, recommended, open], lead)
        }
        Verdict::Permitted => (
            vec![with_reason(open, why), required, recommended],
            open.to_string(),
        ),
        _ => {
            let open = balanced(open, why, Verdict::Permitted, &recommended);
            (vec![recommended, required, open], lead)
        }
    })
}

/// The authored options, the right one with the school's own duty as its reason where that
/// gives nothing away.
fn authored(t: &Template, duty: &Duty, verdict: Verdict) -> Option<(Vec<String>, String)> {
    let (lead, authored) = t.option(verdict)?;
    let mut written: Vec<(Verdict, &str, &str)> = Vec::new();
    for other in t.verdicts().into_iter().filter(|v| *v != verdict) {
        let (l, why) = t.option(other)?;
        written.push((other, l, why));
    }
    let others: Vec<String> = written
        .iter()
        .map(|(_, l, why)| with_reason(l, why))
        .collect();
    // The right option in each form it can take, best first: with the school's own duty as its
    // reason, with the authored reason, or with a short one; each also with any "as the policy
    // requires" taken off, when it is the only option that names the policy. The first that
    // gives nothing away is asked.
    let plain = without_policy_tail(lead);
    let mut forms: Vec<String> = Vec::new();
    for l in [lead, plain.as_str()] {
        if let Some(why) = reason(duty) {
            forms.push(format!("{l} — {why}."));
        }
        forms.push(format!("{l} — {}.", authored.trim_end_matches('.')));
        // Never the lead alone: the one option without a "— reason" tail gives itself away
        // ("No." beside "Yes — it is …").
        forms.push(format!(
            "{} — {}.",
            l.trim_end_matches('.'),
            short_reason(verdict)
        ));
    }
    if let Some(right) = forms.iter().find(|right| !gives_away(right, &others)) {
        let mut options = vec![right.clone()];
        options.extend(others);
        return Some((options, lead.to_string()));
    }
    // Nothing hides it: the right option in its shortest form, and the others given a reason
    // as long as theirs can be, so that none is much shorter than the right one.
    let right = forms.iter().min_by_key(|f| f.chars().count())?.clone();
    let mut options = vec![right.clone()];
    options.extend(
        written
            .iter()
            .map(|(v, l, why)| balanced(l, why, *v, &right)),
    );
    Some((options, lead.to_string()))
}

/// "Lead — reason." or "Lead." when no reason was written.
fn with_reason(lead: &str, why: &str) -> String {
    if why.is_empty() {
        format!("{lead}.")
    } else {
        format!("{lead} — {}.", why.trim_end_matches('.'))
    }
}

/// A wrong option with its authored reason, or with the longer reason its verdict has when the
/// authored one would leave it much shorter than the right option.
fn balanced(lead: &str, why: &str, verdict: Verdict, right: &str) -> String {
    let written = with_reason(lead, why);
    if !gives_away(right, std::slice::from_ref(&written)) {
        return written;
    }
    let longer = format!("{} — {}.", lead.trim_end_matches('.'), long_reason(verdict));
    if longer.chars().count() > written.chars().count() {
        longer
    } else {
        written
    }
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

/// A reason that says the verdict in full, of about the same length for every verdict.
fn long_reason(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Required => "the policy requires it, not just advises it",
        Verdict::Recommended => "the policy advises it but does not require it",
        Verdict::Prohibited => "the policy does not allow it, whatever the reason",
        Verdict::Discouraged => "the policy advises against it but does not forbid it",
        Verdict::Permitted => "the policy leaves this to your own judgement",
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
pub(super) fn without_policy_tail(lead: &str) -> String {
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
pub(super) fn gives_away(right: &str, others: &[String]) -> bool {
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
