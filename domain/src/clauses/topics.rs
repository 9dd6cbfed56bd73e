//! Topic tags: the list in `content/topics.toml`, compiled in, matched against clause text.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

/// One topic from `content/topics.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    /// Stable kebab-case id stored with each clause.
    pub id: String,
    /// What people see.
    pub label: String,
    /// Patterns; each is a list of terms that must all occur.
    pub patterns: Vec<Vec<String>>,
}

const SOURCE: &str = include_str!("../../../content/topics.toml");

static TOPICS: LazyLock<Vec<Topic>> = LazyLock::new(|| parse_topics(SOURCE));

/// Every topic in the compiled-in list, in file order.
pub fn topics() -> &'static [Topic] {
    &TOPICS
}

/// Reads the topic list format described at the top of `content/topics.toml`.
pub fn parse_topics(source: &str) -> Vec<Topic> {
    let mut out: Vec<Topic> = Vec::new();
    let mut pending: Option<(String, String)> = None;
    let mut current: Option<Topic> = None;
    for line in source.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line == "[[topic]]" {
            out.extend(current.take());
            current = Some(Topic {
                id: String::new(),
                label: String::new(),
                patterns: Vec::new(),
            });
            continue;
        }
        let (key, value) = match &mut pending {
            Some((key, value)) => {
                value.push(' ');
                value.push_str(line);
                (key.clone(), value.clone())
            }
            None => match line.split_once('=') {
                Some((k, v)) => (k.trim().to_owned(), v.trim().to_owned()),
                None => continue,
            },
        };
        if value.starts_with('[') && !value.ends_with(']') {
            pending = Some((key, value));
            continue;
        }
        pending = None;
        let Some(topic) = current.as_mut() else {
            continue;
        };
        match key.as_str() {
            "id" => topic.id = strings(&value).into_iter().next().unwrap_or_default(),
            "label" => topic.label = strings(&value).into_iter().next().unwrap_or_default(),
            "patterns" => {
                topic.patterns = strings(&value)
                    .into_iter()
                    .map(|p| {
                        p.split(" + ")
                            .map(|t| t.trim().to_lowercase())
                            .filter(|t| !t.is_empty())
                            .collect()
                    })
                    .filter(|p: &Vec<String>| !p.is_empty())
                    .collect();
            }
            _ => {}
        }
    }
    out.extend(current);
    out.retain(|t| !t.id.is_empty());
    out
}

/// The double-quoted strings in a value.
fn strings(value: &str) -> Vec<String> {
    value
        .split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// Every distinct term of every pattern, searched for in one pass.
struct Matcher {
    automaton: Option<AhoCorasick>,
    terms: Vec<String>,
    /// Per topic, per pattern: the indices of its terms.
    patterns: Vec<Vec<Vec<usize>>>,
}

static MATCHER: LazyLock<Matcher> = LazyLock::new(|| {
    let mut terms: Vec<String> = Vec::new();
    let patterns = topics()
        .iter()
        .map(|t| {
            t.patterns
                .iter()
                .map(|p| {
                    p.iter()
                        .map(|term| match terms.iter().position(|x| x == term) {
                            Some(i) => i,
                            None => {
                                terms.push(term.clone());
                                terms.len() - 1
                            }
                        })
                        .collect()
                })
                .collect()
        })
        .collect();
    let automaton = AhoCorasick::new(&terms).ok();
    Matcher {
        automaton,
        terms,
        patterns,
    }
});

/// The ids of the topics whose patterns match `text`, in list order.
pub fn topics_of(text: &str) -> Vec<String> {
    let lowered = text.to_lowercase().replace(['’', '‘'], "'");
    let m = &*MATCHER;
    let Some(automaton) = &m.automaton else {
        return Vec::new();
    };
    let mut found = vec![false; m.terms.len()];
    for hit in automaton.find_overlapping_iter(&lowered) {
        let i = hit.start();
        let term = &m.terms[hit.pattern().as_usize()];
        // A term matches at the start of a word (or anywhere, if it starts with punctuation).
        let at_word_start = i == 0
            || !lowered[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
            || !term.starts_with(char::is_alphanumeric);
        if at_word_start {
            found[hit.pattern().as_usize()] = true;
        }
    }
    topics()
        .iter()
        .zip(&m.patterns)
        .filter(|(_, pats)| pats.iter().any(|p| p.iter().all(|&i| found[i])))
        .map(|(t, _)| t.id.clone())
        .collect()
}
