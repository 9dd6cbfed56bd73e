//! The hand-written labels: one `NAME.labels.json` per policy in `dev/` and `held/`.
//!
//! The policies are others' writing, so the labels quote none of it: a labelled sentence or
//! furniture line is a **place** in the text (`"at": "LINE:COLUMN"`, `"chars": N`, counted in
//! the text in `../shared/policies-extra`), read from the text when the labels are loaded.
//! Resolved, they are the format `../shared/tools/score.py` reads (`for_score.py` writes
//! them out for it), plus `furniture`: lines of page furniture (running headers, contents
//! entries, version tables) that must never become a clause.

use serde::Deserialize;
use std::path::{Path, PathBuf};

/// A place in a policy's text: where a passage starts and how many characters it runs for.
#[derive(Debug, Deserialize)]
struct Place {
    at: String,
    chars: usize,
}

impl Place {
    /// The passage, its whitespace folded to single spaces.
    fn read(&self, text: &str) -> String {
        let (line, column) = self
            .at
            .split_once(':')
            .and_then(|(l, c)| Some((l.parse::<usize>().ok()?, c.parse::<usize>().ok()?)))
            .unwrap_or_else(|| panic!("a place is LINE:COLUMN, not {:?}", self.at));
        let start: usize = text
            .split('\n')
            .take(line - 1)
            .map(|l| l.chars().count() + 1)
            .sum::<usize>()
            + column;
        let passage: String = text.chars().skip(start).take(self.chars).collect();
        passage.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// A labelled sentence as stored: its place and its strength.
#[derive(Debug, Deserialize)]
struct PlacedSample {
    #[serde(flatten)]
    place: Place,
    modality: String,
}

/// One policy's labels as stored.
#[derive(Debug, Deserialize)]
struct StoredLabels {
    #[serde(default)]
    numbered_ids: Vec<String>,
    #[serde(default)]
    modality_samples: Vec<PlacedSample>,
    #[serde(default)]
    furniture: Vec<Place>,
    #[serde(default)]
    scenarios: Vec<Scenario>,
}

impl StoredLabels {
    /// The labels with every place read from the policy's text.
    fn read(self, text: &str) -> Labels {
        Labels {
            numbered_ids: self.numbered_ids,
            modality_samples: self
                .modality_samples
                .into_iter()
                .map(|s| Sample {
                    text_start: s.place.read(text),
                    modality: s.modality,
                })
                .collect(),
            furniture: self.furniture.iter().map(|p| p.read(text)).collect(),
            scenarios: self.scenarios,
        }
    }
}

/// One policy's labels.
#[derive(Debug)]
pub struct Labels {
    /// The document's own clause numbers that should be kept as clause ids.
    pub numbered_ids: Vec<String>,
    /// Sentences with the strength a careful reader gives them.
    pub modality_samples: Vec<Sample>,
    /// Lines that are page furniture, not policy.
    pub furniture: Vec<String>,
    /// Situations with the verdict the policy gives them.
    pub scenarios: Vec<Scenario>,
}

/// A sentence (its first words, read from the text) and its strength.
#[derive(Debug)]
pub struct Sample {
    pub text_start: String,
    pub modality: String,
}

/// A situation in a member of staff's words and the expected verdict.
#[derive(Debug, Deserialize)]
pub struct Scenario {
    pub situation: String,
    pub expected: String,
}

/// A labelled policy: its name, its text and its labels.
pub struct Labelled {
    pub name: String,
    pub text: String,
    pub labels: Labels,
}

/// Where the policies' texts live: `ATTEST_POLICIES_EXTRA`, else `../shared/policies-extra`
/// beside the repository. Their text is others' writing and stays out of the repository.
pub fn texts_dir() -> PathBuf {
    match std::env::var_os("ATTEST_POLICIES_EXTRA") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/policies-extra"),
    }
}

/// The labelled policies of one half (`dev` or `held`), sorted by name; none when the
/// texts are not on this machine.
pub fn load(half: &str) -> Vec<Labelled> {
    let texts = texts_dir();
    if !texts.is_dir() {
        return Vec::new();
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/heldout")
        .join(half);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.to_string_lossy().ends_with(".labels.json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let file = path.file_name().expect("file name").to_string_lossy();
            let name = file.trim_end_matches(".labels.json").to_string();
            let json = std::fs::read_to_string(&path).expect("labels readable");
            let stored: StoredLabels =
                serde_json::from_str(&json).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let text_path = texts.join(format!("{name}.txt"));
            let text = std::fs::read_to_string(&text_path)
                .unwrap_or_else(|e| panic!("{}: {e}", text_path.display()));
            let labels = stored.read(&text);
            Labelled { name, text, labels }
        })
        .collect()
}
