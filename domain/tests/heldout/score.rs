//! Scoring the engine against labels, the way `../shared/tools/score.py` does.

use crate::labels::Labelled;
use attest_domain::ask::ask;
use attest_domain::clauses::{parse_text, ClauseSet};

/// Right and total for one figure.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub right: usize,
    pub total: usize,
}

impl Tally {
    fn add(&mut self, ok: bool) {
        self.right += usize::from(ok);
        self.total += 1;
    }

    fn merge(&mut self, other: Tally) {
        self.right += other.right;
        self.total += other.total;
    }

    /// The share right, 0–1 (1 when nothing was labelled).
    pub fn share(self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.right as f64 / self.total as f64
        }
    }
}

impl std::fmt::Display for Tally {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.right, self.total)
    }
}

/// The four figures for one policy or one half.
#[derive(Debug, Default, Clone, Copy)]
pub struct Figures {
    pub strength: Tally,
    pub ids: Tally,
    pub lookup: Tally,
    pub furniture: Tally,
}

impl Figures {
    pub fn merge(&mut self, other: Figures) {
        self.strength.merge(other.strength);
        self.ids.merge(other.ids);
        self.lookup.merge(other.lookup);
        self.furniture.merge(other.furniture);
    }
}

/// Lower case, punctuation to spaces, runs of space to one: score.py's `norm`.
pub fn norm(s: &str) -> String {
    let spaced: String = s
        .to_lowercase()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' || c.is_whitespace() {
                c
            } else {
                ' '
            }
        })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The modality of the first duty (or clause) containing the sample's first 45 normalised
/// characters, as score.py finds it.
fn modality_of(set: &ClauseSet, text_start: &str) -> Option<&'static str> {
    let key: String = norm(text_start).chars().take(45).collect();
    for c in &set.clauses {
        for (text, modality) in c
            .duties
            .iter()
            .map(|d| (&d.text, d.modality))
            .chain([(&c.text, c.modality)])
        {
            if !key.is_empty() && norm(text).contains(&key) {
                return Some(modality.as_str());
            }
        }
    }
    None
}

/// True when the furniture line shows up as (part of) a clause or a section heading.
fn furniture_leaks(set: &ClauseSet, line: &str) -> bool {
    let key = format!(" {} ", norm(line));
    set.clauses.iter().any(|c| {
        format!(" {} ", norm(&c.text)).contains(&key)
            || format!(" {} ", norm(&c.section)).contains(&key)
    })
}

/// Scores one policy; `misses` collects what went wrong, for the half being developed against.
pub fn score(policy: &Labelled, misses: &mut Vec<String>) -> Figures {
    let mut f = Figures::default();
    let name = &policy.name;
    let Ok(set) = parse_text(&policy.text) else {
        misses.push(format!("{name}: does not parse"));
        return f;
    };
    let ids: Vec<&str> = set.clauses.iter().map(|c| c.id.as_str()).collect();
    for id in &policy.labels.numbered_ids {
        let ok = ids
            .iter()
            .any(|x| x == id || x.starts_with(&format!("{id}.")));
        f.ids.add(ok);
        if !ok {
            misses.push(format!("{name}: id {id} lost (ids: {})", ids.join(" ")));
        }
    }
    for s in &policy.labels.modality_samples {
        let got = modality_of(&set, &s.text_start);
        let ok = got == Some(s.modality.as_str());
        f.strength.add(ok);
        if !ok {
            misses.push(format!(
                "{name}: strength {:?}: want {}, got {got:?}",
                s.text_start, s.modality
            ));
        }
    }
    for line in &policy.labels.furniture {
        let ok = !furniture_leaks(&set, line);
        f.furniture.add(ok);
        if !ok {
            misses.push(format!("{name}: furniture {line:?} became a clause"));
        }
    }
    for s in &policy.labels.scenarios {
        let answer = ask(&set, &s.situation);
        let got = answer.verdict.map(|v| v.as_str().to_string());
        let ok = if s.expected == "not covered" {
            !answer.covered || got.is_none()
        } else {
            got.as_deref() == Some(s.expected.as_str())
        };
        f.lookup.add(ok);
        if !ok {
            misses.push(format!(
                "{name}: ask {:?}: want {}, got {} from {:?}: {:?}",
                s.situation,
                s.expected,
                got.as_deref().unwrap_or("not covered"),
                answer.clause_id,
                answer.quote.chars().take(90).collect::<String>()
            ));
        }
    }
    f
}
