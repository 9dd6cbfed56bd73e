//! Who holds a duty: the reader, someone else (the headteacher, the DSL, governors, parents,
//! pupils, the school) or a thing the duty is about, read from the sentence's subject or, for a
//! list entry, from the clause's audience.

use crate::clauses::{Audience, Clause, Duty};
use regex::Regex;
use std::sync::LazyLock;

/// Words after which a subject's head noun phrase has ended.
const SUBJECT_ENDS: [&str; 17] = [
    "who",
    "that",
    "which",
    "whose",
    "with",
    "where",
    "when",
    "in",
    "at",
    "from",
    "on",
    "for",
    "to",
    "as",
    "including",
    "whilst",
    "by",
];

/// Head nouns that name a person or an office rather than a thing.
pub(crate) const OFFICES: [&str; 15] = [
    "officer",
    "contact",
    "lead",
    "leader",
    "coordinator",
    "co-ordinator",
    "team",
    "technician",
    "caretaker",
    "bursar",
    "clerk",
    "administrator",
    "director",
    "senco",
    "lado",
];

/// Words before a noun that an "-ing" word may describe.
const DETERMINERS: [&str; 8] = ["the", "a", "an", "our", "your", "any", "each", "every"];

/// How options name the school (or club, or setting) as the holder of a duty.
pub(crate) const SCHOOL: &str = "The school as an organisation";

/// How options name pupils, players and children as holders.
pub(crate) const PUPILS: &str = "Pupils";

/// How options name visitors and contractors, whose rules are not the reader's.
pub(crate) const VISITORS: &str = "Visitors and contractors";

/// Who holds a duty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Holder {
    /// The member of staff reading the policy (staff, adults, volunteers, "I", an imperative).
    Reader,
    /// Someone else: the headteacher, the DSL, governors, parents, pupils, the school …
    Role {
        /// The role as an option names it ("The headteacher").
        name: String,
        /// Which of the stock roles it is, so distractors never repeat it.
        stock: Option<usize>,
    },
    /// A thing the duty is about ("Mobile phones", "The door to the toileting area").
    Thing(String),
}

/// The stock roles other people hold, as options name them, with the words that name them.
pub(crate) const ROLES: [(&str, &[&str]); 7] = [
    (
        "Every member of staff",
        &["staff", "employee", "adult", "teacher"],
    ),
    (
        "The headteacher",
        &["headteacher", "head teacher", "principal", "head of school"],
    ),
    (
        "The designated safeguarding lead",
        &[
            "designated safeguarding",
            "dsl",
            "safeguarding lead",
            "welfare officer",
            "safeguarding officer",
        ],
    ),
    (
        "The governing body",
        &["governor", "governing", "trustee", "committee", "chair"],
    ),
    ("Parents and carers", &["parent", "carer"]),
    (
        "The data protection officer",
        &["data protection officer", "dpo"],
    ),
    // "The investigating officer" is named as the policy names it (an office, below): the
    // right option says the policy's own holder.
    ("The manager", &["manager", "line manager"]),
];

/// Words naming the reader as the holder.
const READER_WORDS: [&str; 18] = [
    "member",
    "staff",
    "employee",
    "adult",
    "you",
    "i",
    "volunteer",
    "user",
    "worker",
    "coach",
    "colleague",
    "teacher",
    "practitioner",
    "helper",
    "assistant",
    "everyone",
    "anyone",
    "those working",
];

/// Who the subject of a duty names, given the words after its modal.
pub(crate) fn subject_holder(lower: &str, written: &str, after: &str) -> Option<Holder> {
    // "I will need to request information from you": an "I" that addresses a "you" is the
    // provider writing to parents, not the reader agreeing to something.
    let addresses_you = super::text::words(after)
        .iter()
        .any(|w| w == "you" || w == "your");
    if lower == "i" && addresses_you {
        return Some(Holder::Role {
            name: SCHOOL.into(),
            stock: None,
        });
    }
    holder_of(lower, written)
}

/// Who a written subject names.
pub(crate) fn holder_of(lower: &str, written: &str) -> Option<Holder> {
    let words = lower.split_whitespace().count();
    if words == 0 || words > 25 {
        return None;
    }
    // The head of a long subject names the holder: "Adults who work with pupils are …".
    let head: String = lower
        .split_whitespace()
        // A participle ends the head ("Adults working with …"), but "setting" is a noun: the
        // early-years setting speaks of itself as "the setting".
        .scan("", |previous, w| {
            // "The investigating officer": an "-ing" word right after a determiner describes
            // the noun that follows; anywhere else it starts a participle phrase.
            let describes = previous.is_empty() || DETERMINERS.contains(previous);
            *previous = w;
            let ends = SUBJECT_ENDS.contains(&w)
                || (w.ends_with("ing") && w != "setting" && !describes)
                || w.starts_with('(');
            (!ends).then_some(w)
        })
        .collect::<Vec<_>>()
        .join(" ");
    let lower = head.as_str();
    let has = |w: &str| {
        lower
            .split(|c: char| !c.is_alphanumeric())
            .any(|x| x == w || x.strip_suffix('s') == Some(w) || x.strip_suffix("es") == Some(w))
            || (w.contains(' ') && lower.contains(w))
    };
    // "All staff, governors and visitors will …": a duty the reader shares is the reader's.
    let listed = lower.contains(',') || lower.contains(" and ");
    if listed
        && ["staff", "employee", "adult", "volunteer", "everyone"]
            .iter()
            .any(|w| has(w))
    {
        return Some(Holder::Reader);
    }
    let roles: Vec<usize> = ROLES
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(_, (_, keys))| keys.iter().any(|k| has(k)))
        .map(|(i, _)| i)
        .collect();
    // "The headteacher and the DPO will …": a step two roles share has no one right holder.
    match roles.as_slice() {
        [] => {}
        [i] => {
            return Some(Holder::Role {
                name: ROLES[*i].0.to_string(),
                stock: Some(*i),
            })
        }
        _ => return None,
    }
    // "We will …" in a policy is the school speaking of itself.
    if lower == "we" {
        return Some(Holder::Role {
            name: SCHOOL.into(),
            stock: None,
        });
    }
    if READER_WORDS.iter().any(|w| has(w)) || lower == "they" {
        return Some(Holder::Reader);
    }
    // The head noun is the last word of the head: "school sites" are things, "the school" acts.
    let last = lower.rsplit(' ').next().unwrap_or("");
    let last = last.strip_suffix('s').unwrap_or(last);
    if ["visitor", "contractor"].contains(&last) {
        return Some(Holder::Role {
            name: VISITORS.into(),
            stock: None,
        });
    }
    if [
        "pupil", "child", "children", "student", "player", "junior", "learner",
    ]
    .contains(&last)
        || lower.ends_with("young people")
    {
        return Some(Holder::Role {
            name: PUPILS.into(),
            stock: None,
        });
    }
    if [
        "school",
        "club",
        "setting",
        "nursery",
        "trust",
        "academy",
        "pre-school",
        "provider",
        "childminder",
    ]
    .contains(&last)
    {
        return Some(Holder::Role {
            name: SCHOOL.into(),
            stock: None,
        });
    }
    // "As part of our duty, …": a phrase with no head noun names no one; "our" in a subject
    // with no role or reader in it is the school speaking of its own.
    if head.is_empty() {
        return None;
    }
    if lower
        .split_whitespace()
        .any(|w| matches!(w, "we" | "our" | "us"))
    {
        return Some(Holder::Role {
            name: SCHOOL.into(),
            stock: None,
        });
    }
    // "It must …", "This should …": what the pronoun stands for is in another sentence.
    if ["it", "this", "these", "that", "those", "such", "there"].contains(&lower) {
        return None;
    }
    // "The designated contact should …", "The site manager will …": a person or an office
    // the policy names, whose step it is, not a thing the reader handles.
    if OFFICES.contains(&last) {
        let name: Vec<&str> = written
            .split_whitespace()
            .take(head.split(' ').count())
            .collect();
        return Some(Holder::Role {
            name: capitalise_first(&name.join(" ")),
            stock: None,
        });
    }
    Some(Holder::Thing(capitalise_first(written)))
}

/// Words naming staff among those a sentence binds.
const STAFF_WORDS: [&str; 5] = ["staff", "employee", "employees", "volunteer", "volunteers"];

/// True when a duty is the reader's (or a rule about a thing the reader handles), so a situation
/// put to the reader may be decided by it: not a parents' or children's code, nor the school's
/// own steps.
pub(crate) fn reader_holds(clause: &Clause, duty: &Duty) -> bool {
    // "The regional safeguarding team is responsible for assessing …": the named team's duty,
    // whatever the clause's audience.
    if super::responsible::responsible(&duty.text).is_some_and(|h| matches!(h, Holder::Role { .. }))
    {
        return false;
    }
    let holder = super::parsed::parse(clause, duty)
        .map(|p| p.holder)
        .or_else(|| super::responsible::responsible(&duty.text))
        .unwrap_or_else(|| audience_holder(clause));
    // A sentence that names staff among those it binds ("Whilst staff, governors and parents
    // are free to …, they must …") binds the reader, however its subject was read; staff named
    // after the modal ("Visitors must be accompanied by staff") are not the ones bound.
    let words = super::text::words(&duty.text);
    let bound = words.iter().take_while(|w| {
        !["must", "should", "shall", "will", "may", "are", "is"].contains(&w.as_str())
    });
    let staff = |w: &String| STAFF_WORDS.contains(&w.as_str());
    // "… must not be published by staff": the agent of a passive is the one bound.
    let agent = words
        .windows(2)
        .any(|pair| pair[0] == "by" && staff(&pair[1]));
    let names_staff = bound.into_iter().any(staff) || agent;
    // "In such cases we need to be satisfied …", "it is important that we help them …": a
    // sentence in the school's "we" that names neither staff nor "you" is the school speaking of
    // its own steps and aims.
    let says = |x: &str| words.iter().any(|w| w == x);
    if says("we") && !says("you") && !names_staff {
        return false;
    }
    names_staff || matches!(holder, Holder::Reader | Holder::Thing(_))
}

/// The holder of a list entry or imperative: the reader unless the clause binds only others.
pub(crate) fn audience_holder(clause: &Clause) -> Holder {
    // "If a lone worker fails to check in, the designated contact should:" — the entries are the
    // named person's steps, whoever else the clause mentions.
    if let Some(role @ Holder::Role { .. }) = lead_holder(clause) {
        return role;
    }
    // A list under "All children agree to:" or "Parents will:" binds them, not the reader.
    let others_only = !clause.audience.is_empty()
        && clause.audience.iter().all(|a| {
            matches!(
                a,
                Audience::Headteacher
                    | Audience::Governors
                    | Audience::School
                    | Audience::Pupils
                    | Audience::ParentsCarers
                    | Audience::Visitors
            )
        });
    if !others_only {
        return Holder::Reader;
    }
    let (name, stock) = match clause.audience[0] {
        Audience::Headteacher => ("The headteacher", Some(1)),
        Audience::Governors => ("The governing body", Some(3)),
        Audience::ParentsCarers => ("Parents and carers", Some(4)),
        Audience::Pupils => (PUPILS, None),
        Audience::Visitors => (VISITORS, None),
        _ => (SCHOOL, None),
    };
    Holder::Role {
        name: name.into(),
        stock,
    }
}

fn capitalise_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A clause's own lead-in ("…, the designated contact should:").
static LEAD_SUBJECT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)^(.*?)\s+(?:must not|must|should not|should|will not|will|shall|are to|is to)\s*:\s*(?:o|•|▪|-|–)?\s*$")
        .ok()
});

/// Who a clause's own lead-in names, read from its subject: a person or office, or none.
fn lead_holder(clause: &Clause) -> Option<Holder> {
    let lead = clause
        .duties
        .iter()
        .find_map(|d| LEAD_SUBJECT.as_ref()?.captures(d.text.trim()))?;
    let before = lead.get(1)?.as_str();
    // "If a lone worker fails to check in, the designated contact": the subject is last.
    let subject = before.rsplit(", ").next().unwrap_or(before).trim();
    holder_of(&subject.to_lowercase(), subject)
}
