//! Plain-text decoding: UTF-8 (with or without a byte-order mark), UTF-16 with a mark, or Windows-1252.

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

use crate::error::DomainError;

/// Decodes text bytes, refusing binary data.
pub(super) fn decode(bytes: &[u8]) -> Result<String, DomainError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest);
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return Ok(UTF_16LE.decode(bytes).0.into_owned());
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Ok(UTF_16BE.decode(bytes).0.into_owned());
    }
    if looks_binary(bytes) {
        return Err(DomainError::Unreadable(
            "the file holds binary data, not text; upload a .txt, .docx or .pdf policy".into(),
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        // Not UTF-8: Windows-1252 is what Word and Notepad on Windows write.
        Err(_) => Ok(WINDOWS_1252.decode(bytes).0.into_owned()),
    }
}

fn utf8(bytes: &[u8]) -> Result<String, DomainError> {
    String::from_utf8(bytes.to_vec()).map_err(|_| {
        DomainError::Unreadable("the text is marked as UTF-8 but is not valid UTF-8".into())
    })
}

/// True when control bytes other than whitespace make up more than 1% of the first 8 KB.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)))
        .count();
    controls * 100 > head.len()
}
