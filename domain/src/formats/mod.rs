//! Decoding of uploaded documents (.txt, .md, .docx, .pdf) into policy text, within the
//! budget [`limits`] sets.

mod docx;
#[cfg(test)]
mod hostile_tests;
pub mod limits;
mod pdf;
mod text;

use crate::clauses::{parse_text, ClauseSet};
use crate::error::DomainError;

/// The largest document accepted, in bytes.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;

/// Reads a document's text from its bytes, choosing the decoder by file extension
/// (and by content when the extension is missing or unknown).
pub fn extract_text(file_name: &str, bytes: &[u8]) -> Result<String, DomainError> {
    if bytes.len() > MAX_BYTES {
        return Err(DomainError::TooLarge {
            size: bytes.len(),
            limit: MAX_BYTES,
        });
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(DomainError::Empty);
    }
    let extension = file_name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    let text = match extension.as_str() {
        "txt" | "md" | "markdown" | "text" => text::decode(bytes)?,
        "docx" => docx::extract(bytes)?,
        "pdf" => pdf::extract(bytes)?,
        "doc" => {
            return Err(DomainError::Unreadable(
                "this is an old Word .doc file; save it as .docx or PDF and upload that".into(),
            ))
        }
        _ if bytes.starts_with(b"%PDF-") => pdf::extract(bytes)?,
        _ if bytes.starts_with(b"PK\x03\x04") => docx::extract(bytes)?,
        _ => text::decode(bytes)?,
    };
    if text.trim().is_empty() {
        return Err(DomainError::Empty);
    }
    // What every later step (clauses, module, quiz) costs grows with the text.
    limits::check_text(&text)?;
    Ok(text)
}

/// Reads a document and parses it into a clause set; an untitled policy takes its file name.
pub fn parse_document(file_name: &str, bytes: &[u8]) -> Result<ClauseSet, DomainError> {
    let text = extract_text(file_name, bytes)?;
    let mut set = parse_text(&text)?;
    if set.policy.title.is_empty() {
        set.policy.title = title_from_file_name(file_name);
    }
    Ok(set)
}

/// "social-media_policy.docx" → "social media policy".
fn title_from_file_name(file_name: &str) -> String {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let stem = base.rsplit_once('.').map_or(base, |(stem, _)| stem);
    stem.replace(['-', '_'], " ").trim().to_owned()
}
