//! Policies from clubs, nurseries and pre-schools are quizzed in their own setting's words: no
//! scenario stem or option of theirs speaks of a school or a pupil, unless the policy does.

use super::labels::texts_dir;
use attest_domain::clauses::parse_text;
use attest_domain::quiz::{build_bank, draw_attempt, Setting};

/// Words a question for another setting must not use of its own accord.
const SCHOOL_WORDS: [&str; 2] = ["school", "pupil"];

/// The places in `text` where a school word is used as the quiz's own word: not part of a
/// proper name ("Elm Grove School"), not inside a quotation, and not in a run of words the
/// policy itself uses (a duty-based question may repeat its clause).
fn own_uses(text: &str, policy: &str) -> Vec<String> {
    let policy = format!(" {} ", plain(policy));
    let mut quoted = false;
    let mut found = Vec::new();
    let words: Vec<&str> = text.split_whitespace().collect();
    for (i, word) in words.iter().enumerate() {
        let opens = word.starts_with(['“', '"', '‘']);
        let closes = word.ends_with(['”', '"'])
            || word.trim_end_matches(['.', ',', '?']).ends_with(['”', '"']);
        if opens {
            quoted = true;
        }
        let bare: String = word
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == '-')
            .collect::<String>();
        let lower = bare.to_lowercase();
        let school = SCHOOL_WORDS.iter().any(|w| lower.starts_with(w));
        let proper = bare.starts_with(char::is_uppercase)
            && i > 0
            && words[i - 1].starts_with(char::is_uppercase);
        let run = plain(&words[i.saturating_sub(1)..(i + 2).min(words.len())].join(" "));
        if school && !quoted && !proper && !policy.contains(&format!(" {run} ")) {
            found.push(run);
        }
        if closes {
            quoted = false;
        }
    }
    found
}

/// Lower-case words without punctuation, one space apart.
fn plain(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_club_or_pre_school_is_never_asked_about_its_school_or_pupils() {
    let dir = texts_dir();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("no policy texts at {}; skipped", dir.display());
        return;
    };
    let mut names: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    let mut others = 0;
    for path in names {
        let text = std::fs::read_to_string(&path).expect("a readable policy");
        let Ok(set) = parse_text(&text) else { continue };
        if Setting::of(&set) == Setting::School {
            continue;
        }
        others += 1;
        let bank = build_bank(&set, 7);
        let drawn = draw_attempt(&bank, bank.questions.len(), 7);
        for q in bank.questions.iter().chain(&drawn) {
            for said in std::iter::once(&q.stem).chain(&q.options) {
                let uses = own_uses(said, &text);
                assert!(
                    uses.is_empty(),
                    "{}: {} says {uses:?} in {said:?}",
                    path.display(),
                    q.id
                );
            }
        }
    }
    // The extra policies include clubs, nurseries and pre-schools; finding none would mean the
    // setting is no longer told apart.
    assert!(others >= 5, "only {others} policies read as not a school");
}

#[test]
fn a_quoted_or_proper_school_is_not_the_quiz_speaking() {
    assert!(own_uses("Tell the “school office” at once.", "").is_empty());
    assert!(own_uses("Ask at Elm Grove School.", "").is_empty());
    assert!(own_uses("Tell the school nurse.", "tell the school nurse").is_empty());
    assert_eq!(own_uses("A pupil at your club.", "").len(), 1);
}
