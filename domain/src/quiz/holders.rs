//! Who holds a duty: the reader, someone else (the headteacher, the DSL, governors, parents,
//! pupils, the school) or a thing the duty is about, read from the sentence's subject or, for a
//! list entry, from the clause's audience.

use crate::clauses::{Audience, Clause};

/// Words after which a subject's head noun phrase has ended.
const SUBJECT_ENDS: [&str; 16] = [
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
];

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
    (
        "The manager",
        &["manager", "investigating officer", "line manager"],
    ),
];

/// Words naming the reader as the holder.
const READER_WORDS: [&str; 16] = [
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
    "everyone",
    "anyone",
    "those working",
];

/// Who a written subject names.
pub(crate) fn holder_of(lower: &str, written: &str) -> Option<Holder> {
    let words = lower.split_whitespace().count();
    if words == 0 || words > 25 {
        return None;
    }
    // The head of a long subject names the holder: "Adults who work with pupils are …".
    let head: String = lower
        .split_whitespace()
        .take_while(|w| !SUBJECT_ENDS.contains(w) && !w.ends_with("ing") && !w.starts_with('('))
        .collect::<Vec<_>>()
        .join(" ");
    let lower = head.as_str();
    let has = |w: &str| {
        lower
            .split(|c: char| !c.is_alphanumeric())
            .any(|x| x == w || x.strip_suffix('s') == Some(w))
            || (w.contains(' ') && lower.contains(w))
    };
    for (i, (name, keys)) in ROLES.iter().enumerate().skip(1) {
        if keys.iter().any(|k| has(k)) {
            return Some(Holder::Role {
                name: (*name).to_string(),
                stock: Some(i),
            });
        }
    }
    if READER_WORDS.iter().any(|w| has(w)) || lower == "we" || lower == "they" {
        return Some(Holder::Reader);
    }
    if ["pupil", "child", "student", "children"]
        .iter()
        .any(|w| has(w))
    {
        return Some(Holder::Role {
            name: "Pupils".into(),
            stock: None,
        });
    }
    if ["school", "club", "setting", "nursery", "trust"]
        .iter()
        .any(|w| has(w))
    {
        return Some(Holder::Role {
            name: "The school as an organisation".into(),
            stock: None,
        });
    }
    // "It must …", "This should …": what the pronoun stands for is in another sentence.
    if ["it", "this", "these", "that", "those", "such", "there"].contains(&lower) {
        return None;
    }
    Some(Holder::Thing(capitalise_first(written)))
}

/// The holder of a list entry or imperative: the reader unless the clause binds only others.
pub(crate) fn audience_holder(clause: &Clause) -> Holder {
    let others_only = !clause.audience.is_empty()
        && clause.audience.iter().all(|a| {
            matches!(
                a,
                Audience::Headteacher | Audience::Governors | Audience::School
            )
        });
    if others_only {
        Holder::Role {
            name: match clause.audience[0] {
                Audience::Headteacher => "The headteacher".into(),
                Audience::Governors => "The governing body".into(),
                _ => "The school as an organisation".into(),
            },
            stock: match clause.audience[0] {
                Audience::Headteacher => Some(1),
                Audience::Governors => Some(3),
                _ => None,
            },
        }
    } else {
        Holder::Reader
    }
}

fn capitalise_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
