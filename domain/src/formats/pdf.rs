//! PDF text-layer extraction, refusing encrypted and image-only files.

use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::error::DomainError;

/// Reads the text layer of a PDF.
pub(super) fn extract(bytes: &[u8]) -> Result<String, DomainError> {
    if !bytes.starts_with(b"%PDF-") {
        return Err(DomainError::Unreadable(
            "the file is named .pdf but is not a PDF".into(),
        ));
    }
    if is_encrypted(bytes) {
        return Err(DomainError::Unreadable(
            "the PDF is encrypted or password-protected; upload an unprotected copy".into(),
        ));
    }
    // The PDF library can panic on malformed files; a bad upload must be an error, not a crash.
    let result = catch_unwind(AssertUnwindSafe(|| {
        pdf_extract::extract_text_from_mem(bytes)
    }));
    let text = match result {
        Ok(Ok(text)) => text,
        Ok(Err(e)) => {
            return Err(DomainError::Unreadable(format!(
                "the PDF could not be read ({e})"
            )))
        }
        Err(_) => {
            return Err(DomainError::Unreadable(
                "the PDF is damaged and could not be read".into(),
            ))
        }
    };
    if text.chars().filter(|c| c.is_alphanumeric()).count() < 20 {
        return Err(DomainError::Unreadable(
            "the PDF has no text layer (it looks like a scanned image); upload a text PDF or .docx"
                .into(),
        ));
    }
    Ok(text)
}

/// True when the trailer names an encryption dictionary.
fn is_encrypted(bytes: &[u8]) -> bool {
    bytes.windows(8).any(|w| w == b"/Encrypt")
}
