//! The hand-written labels: one `NAME.labels.json` per policy in `dev/` and `held/`.
//!
//! The format is the one `../shared/tools/score.py` reads, plus `furniture`: lines of page
//! furniture (running headers, contents entries, version tables) that must never become a clause.

use serde::Deserialize;
use std::path::{Path, PathBuf};

/// One policy's labels.
#[derive(Debug, Deserialize)]
pub struct Labels {
    /// The document's own clause numbers that should be kept as clause ids.
    #[serde(default)]
    pub numbered_ids: Vec<String>,
    /// Sentences with the strength a careful reader gives them.
    #[serde(default)]
    pub modality_samples: Vec<Sample>,
    /// Lines that are page furniture, not policy.
    #[serde(default)]
    pub furniture: Vec<String>,
    /// Situations with the verdict the policy gives them.
    #[serde(default)]
    pub scenarios: Vec<Scenario>,
}

/// A sentence (its first words as written) and its strength.
#[derive(Debug, Deserialize)]
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
            let labels: Labels =
                serde_json::from_str(&json).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let text_path = texts.join(format!("{name}.txt"));
            let text = std::fs::read_to_string(&text_path)
                .unwrap_or_else(|e| panic!("{}: {e}", text_path.display()));
            Labelled { name, text, labels }
        })
        .collect()
}
