//! Whose duty a "responsible for" sentence names: "It will be the responsibility of the manager
//! to …", "The club welfare officer is responsible for …".

use super::holders::{holder_of, Holder, OFFICES};
use super::parsed::parse;
use crate::clauses::{Clause, Duty, Modality};
use regex::Regex;
use std::sync::LazyLock;

/// "It will be the responsibility of the manager to ensure …": whose duty the sentence names.
static RESPONSIBLE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:is|are|will be|remains)\s+the\s+(?:responsibility|role|job|duty)\s+of\s+([^,;]+?)\s+to\b")
        .ok()
});

/// "The club welfare officer is responsible for …", "If …, the DSL will be accountable for …":
/// the subject before the verb (after an opening condition) is whose duty it is.
static RESPONSIBLE_FOR: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:if|when|where|once|after|before|unless|whilst|while)\b[^,]*,\s+)?([^;]+?)\s+(?:is|are|will be|remains|remain)\s+(?:also |solely |ultimately |overall |directly )?(?:responsible|accountable)\s+for\b")
        .ok()
});

/// The holder a "the responsibility of X to …" or "X is responsible for …" sentence names.
pub(crate) fn responsible(text: &str) -> Option<Holder> {
    let named = RESPONSIBLE
        .as_ref()
        .and_then(|re| re.captures(text))
        .or_else(|| RESPONSIBLE_FOR.as_ref()?.captures(text.trim()))?
        .get(1)?
        .as_str();
    let holder = holder_of(&named.to_lowercase(), named)?;
    // "The LTA Safeguarding Team": a named office, though "Safeguarding" reads like a participle
    // that ends the subject's head.
    let lower = named.to_lowercase();
    let last = lower.rsplit(' ').next().unwrap_or("");
    let office = OFFICES.contains(&last.strip_suffix('s').unwrap_or(last));
    Some(match holder {
        Holder::Thing(_) if office => Holder::Role {
            name: named.to_string(),
            stock: None,
        },
        other => other,
    })
}

/// "… is responsible for following this procedure", "… for ensuring …": the holder answers for
/// the steps that follow, not for one act of their own.
static FOR_THE_STEPS: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:is|are|will be|remains?)\s+(?:also |solely |ultimately |directly )?(?:responsible|accountable)\s+for\s+(?:following|ensuring|complying with|adhering to|carrying out|making sure)\b")
        .ok()
});

/// The sentence that makes a reader's advised step a requirement: "Whoever hears of a concern is
/// responsible for following this procedure. They should tell the welfare officer." A careful
/// reader takes the "should" as one of the steps they are answerable for, so it binds as the
/// responsibility does. Only the reader's own steps right after the reader's own responsibility
/// are lifted; a sentence of anyone else's ends the run, and a named office's responsibility
/// lifts nothing.
pub(crate) fn lifting<'a>(clause: &'a Clause, duty: &Duty) -> Option<&'a Duty> {
    if duty.modality != Modality::Should {
        return None;
    }
    let readers = |d: &Duty| parse(clause, d).is_some_and(|p| p.holder == Holder::Reader);
    let mut lifter: Option<&Duty> = None;
    for d in &clause.duties {
        if std::ptr::eq(d, duty) || d.text == duty.text {
            return lifter.filter(|_| readers(duty));
        }
        let answers = FOR_THE_STEPS
            .as_ref()
            .is_some_and(|re| re.is_match(&d.text))
            && !responsible(&d.text).is_some_and(|h| matches!(h, Holder::Role { .. }));
        if answers {
            lifter = Some(d);
        } else if !readers(d) {
            lifter = None;
        }
    }
    None
}

/// What an explanation adds for a step `by` lifted: the responsibility, quoted.
pub(crate) fn made_yours(by: &Duty) -> String {
    format!(
        "The same clause makes the procedure yours: “{}”.",
        crate::module::tidy(&by.text)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clauses::Audience;

    fn clause(sentences: &[(&str, Modality)]) -> Clause {
        let text: Vec<&str> = sentences.iter().map(|(t, _)| *t).collect();
        Clause {
            id: "5".into(),
            section: "Reporting".into(),
            text: text.join(" "),
            modality: Modality::Must,
            duties: sentences
                .iter()
                .map(|(t, m)| Duty {
                    text: t.to_string(),
                    modality: *m,
                })
                .collect(),
            audience: vec![Audience::Staff],
            topics: vec![],
        }
    }

    #[test]
    fn the_readers_responsibility_for_a_procedure_makes_its_next_steps_binding() {
        let c = clause(&[
            (
                "Anyone who hears of a concern is responsible for following this procedure.",
                Modality::Must,
            ),
            (
                "They should tell the club welfare officer the same day.",
                Modality::Should,
            ),
        ]);
        assert!(lifting(&c, &c.duties[1]).is_some());
        // Someone else's responsibility lifts nothing.
        let c = clause(&[
            (
                "The welfare officer is responsible for following this procedure.",
                Modality::Must,
            ),
            (
                "Staff should tell the welfare officer the same day.",
                Modality::Should,
            ),
        ]);
        assert!(lifting(&c, &c.duties[1]).is_none());
        // Nor does a plain "should" with no responsibility before it, or one after another's step.
        let c = clause(&[
            (
                "Staff should tell the welfare officer the same day.",
                Modality::Should,
            ),
            (
                "Staff are responsible for following this procedure.",
                Modality::Must,
            ),
        ]);
        assert!(lifting(&c, &c.duties[0]).is_none());
        let c = clause(&[
            (
                "Staff are responsible for following this procedure.",
                Modality::Must,
            ),
            (
                "The welfare officer will contact the family.",
                Modality::Must,
            ),
            (
                "Staff should keep a note of what they did.",
                Modality::Should,
            ),
        ]);
        assert!(lifting(&c, &c.duties[2]).is_none());
    }

    #[test]
    fn a_named_team_holds_its_responsibility_and_staff_hold_theirs() {
        let team =
            responsible("The Regional Safeguarding Team is responsible for assessing concerns.");
        assert!(matches!(team, Some(Holder::Role { .. })), "{team:?}");
        assert_eq!(
            responsible("Staff are responsible for reporting any concern."),
            Some(Holder::Reader)
        );
        // Whoever hears a disclosure is the reader: the commas inside the subject do not cut
        // it short to "or otherwise learns of a concern".
        let hearer = responsible("The person who is told about, hears of, or otherwise learns of a concern is responsible for following this procedure.");
        assert!(!matches!(hearer, Some(Holder::Role { .. })), "{hearer:?}");
    }
}
