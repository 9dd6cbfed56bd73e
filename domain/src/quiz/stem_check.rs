//! The moment a duty names, said to the reader, and the structural check every duty stem passes
//! before it is asked: a stem that reads as the clause pasted into a question ("When staff no
//! longer need …, do you have to …?", "whether any concerns … is made", "…, Information must be
//! shared") is dropped rather than shown.

use super::openers::opens_sentence;

/// Subjects in a condition that name the reader in the third person, each with whether the verb
/// after it is singular ("a member of staff needs") and so must lose its "-s" for "you".
const READER_SUBJECTS: [(&str, bool); 12] = [
    // "If any employee is ever unsure …, do you have to …?" reads wrongly beside "you": any
    // member of staff, at the moment, is the reader.
    ("any employee", true),
    ("any member of staff", true),
    ("any staff member", true),
    ("any volunteer", true),
    ("a member of staff", true),
    ("a staff member", true),
    ("an employee", true),
    ("the member of staff", true),
    ("a volunteer", true),
    ("members of staff", false),
    ("staff members", false),
    ("staff", false),
];

/// The condition said to the reader: "If a member of staff ever needs to intervene" → "If you
/// ever need to intervene", "Where staff work alone" → "Where you work alone". None when the
/// condition points back to an earlier sentence ("If they fail to check in", "If unsuccessful",
/// "Where unavoidable"), as no reader could tell what it is about. For the reader's own duty a
/// "they" looks ahead to the reader ("When they leave for the day, staff must …"): "you".
pub(crate) fn condition_for_reader(cond: &str, readers: bool) -> Option<String> {
    let words: Vec<&str> = cond.split_whitespace().collect();
    let second = words.get(1).map_or(String::new(), |w| w.to_lowercase());
    if readers && second == "they" {
        let said: Vec<String> = words
            .iter()
            .map(|w| match *w {
                "they" => "you".to_string(),
                "their" => "your".to_string(),
                "them" => "you".to_string(),
                "themselves" => "yourself".to_string(),
                other => other.to_string(),
            })
            .collect();
        return Some(said.join(" "));
    }
    let pointing = [
        "they",
        "them",
        "their",
        "it",
        "this",
        "these",
        "those",
        "he",
        "she",
        "so",
        "not",
        "such",
        "necessary",
        "possible",
        "appropriate",
        "required",
        "needed",
        "applicable",
    ];
    if pointing.contains(&second.as_str()) || second.starts_with("un") || words.len() < 2 {
        return None;
    }
    if points_back(&words) {
        return None;
    }
    // "If you're not sure", "If in doubt": unsure of what, the sentence before says.
    let lower = cond.to_lowercase();
    if words.len() <= 4
        && ["sure", "doubt", "unsure", "certain"]
            .iter()
            .any(|w| lower.ends_with(w))
    {
        return None;
    }
    let lower = cond.to_lowercase();
    for (subject, singular) in READER_SUBJECTS {
        let Some(at) = find_word(&lower, subject) else {
            continue;
        };
        let rest: Vec<&str> = cond[at + subject.len()..].split_whitespace().collect();
        let mut out: Vec<String> = vec![format!("{}you", &cond[..at])];
        // Only a subject right after the condition's first word owns the verb that follows
        // ("If a member of staff needs …"); "If a pupil tells a member of staff …" keeps it.
        let subject_first = cond[..at].split_whitespace().count() == 1;
        let mut verb_done = !(singular && subject_first);
        // "If a member of staff believes their manager is involved": the reader's own "their",
        // until someone else is named; a subject further on ("If a pupil tells staff …") keeps it.
        let mut others_seen = !subject_first;
        for w in rest {
            let bare = w.to_lowercase();
            others_seen |= crate::module::pronouns::names_others(w);
            let own = match bare.as_str() {
                "their" => Some("your"),
                "they" | "them" => Some("you"),
                "themselves" | "themself" => Some("yourself"),
                _ => None,
            };
            if !verb_done && !is_adverb(&bare) {
                out.push(base_form(&bare));
                verb_done = true;
            } else if let Some(own) = own.filter(|_| !others_seen) {
                out.push(own.to_string());
            } else {
                out.push(w.to_string());
            }
        }
        return Some(out.join(" "));
    }
    Some(cond.to_string())
}

/// True when a condition leans on an earlier sentence anywhere in it: "If you receive such a
/// request", "When this information is needed", "If any of the above applies". Out of its
/// passage it names nothing a reader could picture.
fn points_back(words: &[&str]) -> bool {
    let bare: Vec<String> = words
        .iter()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let at = |i: usize| bare.get(i).map_or("", String::as_str);
    (0..bare.len()).any(|i| match at(i) {
        // "such as" and "as such" are not pointers.
        "such" => at(i + 1) != "as" && (i == 0 || at(i - 1) != "as"),
        // "those who …" are described next; "this information", "these concerns" were earlier.
        "this" | "these" => true,
        "those" => !["who", "whom", "which", "that", "with"].contains(&at(i + 1)),
        "above" | "aforementioned" => true,
        _ => false,
    })
}

/// Where `word` (a phrase, lower-case) starts as whole words in `lower`.
fn find_word(lower: &str, word: &str) -> Option<usize> {
    lower.match_indices(word).map(|(i, _)| i).find(|&i| {
        let before = lower[..i].chars().next_back();
        let after = lower[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn is_adverb(w: &str) -> bool {
    w.ends_with("ly")
        || [
            "ever", "also", "still", "then", "now", "no", "longer", "never", "always",
        ]
        .contains(&w)
}

/// "needs" → "need", "has" → "have", "is" → "are", "carries" → "carry".
fn base_form(verb: &str) -> String {
    match verb {
        "is" => "are".into(),
        "has" => "have".into(),
        "was" => "were".into(),
        "does" => "do".into(),
        v if v.ends_with("ies") => format!("{}y", &v[..v.len() - 3]),
        v if ["ches", "shes", "sses", "xes"]
            .iter()
            .any(|e| v.ends_with(e)) =>
        {
            v[..v.len() - 2].to_string()
        }
        v if v.ends_with('s') && !v.ends_with("ss") => v[..v.len() - 1].to_string(),
        v => v.to_string(),
    }
}

/// "-ing" words that are not a verb's "-ing" form ("to bring", "to a meeting" is not after "to"
/// as a verb).
const NOT_PARTICIPLES: [&str; 5] = ["bring", "sing", "ring", "string", "being"];

/// True when a duty stem reads as one grammatical question: no pasted sentence start, no
/// doubled word, no "to" before an "-ing" form, no unclosed bracket, a question mark at the end.
pub(crate) fn well_formed(stem: &str) -> bool {
    let tokens: Vec<&str> = stem.split_whitespace().collect();
    let sentence_start = |i: usize| i == 0 || tokens[i - 1].ends_with(['.', '?', '!']);
    let pasted = tokens.iter().enumerate().any(|(i, w)| {
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
        !sentence_start(i)
            && bare.chars().next().is_some_and(char::is_uppercase)
            && bare.chars().skip(1).all(char::is_lowercase)
            && opens_sentence(&bare.to_lowercase(), false)
    });
    let lower: Vec<String> = tokens
        .iter()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let doubled = lower
        .windows(2)
        .any(|p| p[0] == p[1] && !p[0].is_empty() && p[0] != "that");
    let to_ing = lower.windows(2).any(|p| {
        p[0] == "to" && p[1].ends_with("ing") && !NOT_PARTICIPLES.contains(&p[1].as_str())
    });
    let opened = stem.matches('(').count() != stem.matches(')').count();
    // "g ain": a word broken by the document's layout.
    let split_word = lower.iter().any(|w| {
        w.chars().count() == 1 && w.chars().all(char::is_alphabetic) && w != "a" && w != "i"
    });
    !pasted && !doubled && !to_ing && !opened && !split_word && stem.trim_end().ends_with('?')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_condition_naming_staff_is_said_to_the_reader() {
        assert_eq!(
            condition_for_reader(
                "If a member of staff ever needs to intervene physically",
                true
            )
            .as_deref(),
            Some("If you ever need to intervene physically")
        );
        assert_eq!(
            condition_for_reader("Where staff work alone", true).as_deref(),
            Some("Where you work alone")
        );
        assert_eq!(
            condition_for_reader("When a member of staff no longer needs the records", true)
                .as_deref(),
            Some("When you no longer need the records")
        );
        assert_eq!(
            condition_for_reader("If a pupil tells a member of staff details of abuse", true)
                .as_deref(),
            Some("If a pupil tells you details of abuse")
        );
        assert_eq!(
            condition_for_reader(
                "If a member of staff believes their manager is involved",
                true
            )
            .as_deref(),
            Some("If you believe your manager is involved")
        );
        assert_eq!(
            condition_for_reader("If staff realise they have been misread by pupils", true)
                .as_deref(),
            Some("If you realise you have been misread by pupils")
        );
        assert_eq!(
            condition_for_reader("If a parent tells staff their child is ill", true).as_deref(),
            Some("If a parent tells you their child is ill")
        );
        assert_eq!(
            condition_for_reader("If any employee is ever unsure whether to act", true).as_deref(),
            Some("If you are ever unsure whether to act")
        );
        assert_eq!(
            condition_for_reader("If a child tells you they are being hurt", true).as_deref(),
            Some("If a child tells you they are being hurt")
        );
    }

    #[test]
    fn a_condition_that_points_back_is_not_a_moment() {
        for back in [
            "If they fail to check in",
            "If unsuccessful",
            "Where unavoidable",
            "If unable to call",
            "If this happens",
            "Where possible",
            "If you’re not sure",
            "If in doubt",
        ] {
            assert!(condition_for_reader(back, false).is_none(), "{back}");
        }
        for back in [
            "If you receive such a request",
            "When this information is asked for",
            "If any of the above applies",
            "Where a parent raises these points",
        ] {
            assert!(condition_for_reader(back, true).is_none(), "{back}");
        }
        assert!(
            condition_for_reader("If a pupil asks for help such as a lift home", true).is_some()
        );
        assert_eq!(
            condition_for_reader("When they leave for the day", true).as_deref(),
            Some("When you leave for the day")
        );
    }

    #[test]
    fn stems_with_a_pasted_sentence_start_or_broken_grammar_are_refused() {
        assert!(well_formed(
            "If a child tells you they are being hurt, do you have to report it to the DSL?"
        ));
        assert!(well_formed(
            "If you are unsure, do you have to bring the matter to the LADO?"
        ));
        for broken in [
            "If a child is not in immediate danger, Any concerns must be recorded?",
            "When a request arrives, is it up to you whether Information is shared?",
            "If you leave, do you have to to log off?",
            "If you leave, do you have to logging off?",
            "If you leave, do you have to log off (and lock the screen?",
            "If you leave, do you have to log off",
            "Before access is given, do you have to g ain permission?",
        ] {
            assert!(!well_formed(broken), "{broken}");
        }
    }
}
