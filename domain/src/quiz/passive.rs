//! A rule about a thing said as the reader's own act: "Passwords must not be shared" is met when
//! you would like to share your password. Data protection guidance writes most of its bans this
//! way, with the thing as the sentence's subject, so they were asked of no one.

use super::holders::Holder;
use super::parsed::ParsedDuty;
use super::report::REPORTING;
use super::text::words;
use crate::clauses::Modality;

/// Participles of the verbs a rule about a thing is written with ("Passwords must not be
/// shared"), with their base form, so the rule can be said as the reader's own act.
const PARTICIPLES: [(&str, &str); 40] = [
    ("taken", "take"),
    ("kept", "keep"),
    ("stored", "store"),
    ("shared", "share"),
    ("sent", "send"),
    ("left", "leave"),
    ("given", "give"),
    ("shown", "show"),
    ("used", "use"),
    ("emailed", "email"),
    ("copied", "copy"),
    ("removed", "remove"),
    ("disclosed", "disclose"),
    ("posted", "post"),
    ("published", "publish"),
    ("downloaded", "download"),
    ("installed", "install"),
    ("uploaded", "upload"),
    ("accessed", "access"),
    ("transferred", "transfer"),
    ("saved", "save"),
    ("printed", "print"),
    ("brought", "bring"),
    ("written", "write"),
    ("reported", "report"),
    ("raised", "raise"),
    ("referred", "refer"),
    ("recorded", "record"),
    ("logged", "log"),
    ("discussed", "discuss"),
    ("photographed", "photograph"),
    ("filmed", "film"),
    ("connected", "connect"),
    ("forwarded", "forward"),
    ("released", "release"),
    ("displayed", "display"),
    ("placed", "place"),
    ("carried", "carry"),
    ("passed", "pass"),
    ("put", "put"),
];

/// Agents of a passive that are the reader ("… must not be shared by staff").
const READER_AGENTS: [&str; 5] = [
    "by staff",
    "by you",
    "by employees",
    "by adults",
    "by volunteers",
];

/// A rule about a thing said as the reader's own act: "Passwords must not be shared" → "share
/// passwords", "Any breach must be reported to the DPO" → "report any breach to the DPO". Only
/// a ban, or a report of something come across, is the reader's whoever the sentence's subject:
/// "Records will be reviewed each year" is the school's step and stays unasked. None when the
/// passive names another agent or its verb is not one a member of staff does.
pub(crate) fn readers_own(p: &ParsedDuty, modality: Modality) -> Option<ParsedDuty> {
    let Holder::Thing(thing) = &p.holder else {
        return None;
    };
    // "should normally be raised": the adverb goes, as "You may normally raise … if you
    // choose" would not read; the strength the options say carries the hedge.
    let passive = match p.action.split_once(' ') {
        Some((w, rest)) if w.ends_with("ly") => rest,
        _ => p.action.as_str(),
    };
    let rest = passive.strip_prefix("be ")?;
    let (participle, tail) = rest.split_once(' ').unwrap_or((rest, ""));
    let (_, base) = PARTICIPLES.iter().find(|(pp, _)| *pp == participle)?;
    let banned = matches!(modality, Modality::MustNot | Modality::ShouldNot);
    if !(banned || REPORTING.contains(base)) || p.negation_in_action {
        return None;
    }
    let mut tail = tail.to_string();
    for agent in READER_AGENTS {
        tail = tail.replace(agent, "");
    }
    if words(&tail).iter().any(|w| w == "by") {
        return None;
    }
    // A pronoun standing for what the condition named is said as the act's object.
    let thing = match thing.as_str() {
        "they" => "them".to_string(),
        other => super::person::lower_first(other.trim()),
    };
    let action = format!("{base} {thing} {}", tail.trim());
    Some(ParsedDuty {
        holder: Holder::Reader,
        action: action.split_whitespace().collect::<Vec<_>>().join(" "),
        ..p.clone()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ban_on_a_thing_or_its_report_is_the_readers_own_act() {
        let thing = |t: &str, action: &str| ParsedDuty {
            holder: Holder::Thing(t.into()),
            ..ParsedDuty::readers(action)
        };
        let said = |p: &ParsedDuty, m| readers_own(p, m).map(|q| q.action);
        assert_eq!(
            said(
                &thing("Passwords", "be shared with anyone"),
                Modality::MustNot
            )
            .as_deref(),
            Some("share passwords with anyone")
        );
        assert_eq!(
            said(
                &thing("Any data breach", "be reported to the office"),
                Modality::Must
            )
            .as_deref(),
            Some("report any data breach to the office")
        );
        assert_eq!(
            said(
                &thing("Concerns", "normally be raised with the head"),
                Modality::Should
            )
            .as_deref(),
            Some("raise concerns with the head")
        );
        assert_eq!(
            said(&thing("Files", "be taken home by staff"), Modality::MustNot).as_deref(),
            Some("take files home")
        );
        let mut pointed = thing("they", "be passed to the head");
        pointed.condition = Some("If concerns are about a colleague".into());
        assert_eq!(
            said(&pointed, Modality::Must).as_deref(),
            Some("pass them to the head")
        );
        // The school's own step, another agent, or a verb staff do not do: not the reader's.
        assert!(said(&thing("Records", "be kept for six years"), Modality::Must).is_none());
        assert!(said(
            &thing("Logs", "be checked by the bursar"),
            Modality::MustNot
        )
        .is_none());
        assert!(said(&thing("Staff", "be trained each year"), Modality::MustNot).is_none());
        assert!(said(&ParsedDuty::readers("share passwords"), Modality::MustNot).is_none());
    }
}
