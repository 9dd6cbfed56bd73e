//! PDF text-layer extraction, refusing encrypted and image-only files, and files whose
//! streams would inflate past the budget (a PDF "zip bomb": 400 KiB that the PDF
//! reader inflated to 400 MiB took 900 MB of memory).

use std::io::{Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};

use super::limits::{find, MAX_PDF_INFLATED};
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
    check_streams(bytes)?;
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

/// Refuses a PDF whose streams would inflate past [`MAX_PDF_INFLATED`], or that uses the
/// other filters the PDF reader expands (LZW, ASCII85, which can carry a Flate bomb
/// inside), before the reader inflates anything.
///
/// Every `stream` keyword is tried as the start of zlib data, whatever its dictionary
/// says, and inflated into a counter (nothing kept) until the budget is spent: the
/// reader inflates only zlib data starting there, and only for filters named directly
/// in the stream's dictionary, which is never compressed, so the names are read from
/// the file itself (with `#xx` escapes decoded, as the reader does).
fn check_streams(bytes: &[u8]) -> Result<(), DomainError> {
    if let Some(filter) = names(bytes).find(|n| n == b"LZWDecode" || n == b"ASCII85Decode") {
        return Err(DomainError::Unreadable(format!(
            "the PDF uses the old {} compression; save it again as a PDF and upload that",
            String::from_utf8_lossy(&filter)
        )));
    }
    let budget = u64::try_from(MAX_PDF_INFLATED).unwrap_or(u64::MAX);
    let mut inflated = Counter(0);
    let mut at = 0;
    while let Some(keyword) = find(bytes, at, b"stream") {
        at = keyword + b"stream".len();
        let start = bytes[at..]
            .iter()
            .position(|c| !c.is_ascii_whitespace() && *c != 0)
            .map_or(bytes.len(), |p| at + p);
        let left = budget.saturating_sub(inflated.0).saturating_add(1);
        let mut stream = flate2::read::ZlibDecoder::new(&bytes[start..]).take(left);
        // Data that is not zlib, or is damaged, stops at once or part-way: what it
        // inflated to until then is counted all the same.
        let _ = std::io::copy(&mut stream, &mut inflated);
        if inflated.0 > budget {
            return Err(DomainError::Unreadable(format!(
                "the PDF's contents unpack to more than {} MiB; a policy needs far less (is \
                 the file a zip bomb?)",
                MAX_PDF_INFLATED / (1024 * 1024)
            )));
        }
    }
    Ok(())
}

/// Counts what is written to it.
struct Counter(u64);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += u64::try_from(buf.len()).unwrap_or(u64::MAX);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Every PDF name in `bytes` (what follows a `/`), with `#xx` escapes decoded.
fn names(bytes: &[u8]) -> impl Iterator<Item = Vec<u8>> + '_ {
    let delimiter = |c: u8| c.is_ascii_whitespace() || c == 0 || b"()<>[]{}/%".contains(&c);
    bytes.split(|&c| c == b'/').skip(1).map(move |rest| {
        let raw = rest.split(|&c| delimiter(c)).next().unwrap_or_default();
        let mut name = Vec::with_capacity(raw.len());
        let mut i = 0;
        while i < raw.len() {
            let hex = raw
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok());
            match (raw[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
                (b'#', Some(byte)) => {
                    name.push(byte);
                    i += 3;
                }
                (c, _) => {
                    name.push(c);
                    i += 1;
                }
            }
        }
        name
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PDF-shaped file with one stream holding `data` under `filter`.
    fn with_stream(filter: &str, data: &[u8]) -> Vec<u8> {
        let mut pdf = format!("%PDF-1.4\n4 0 obj\n<< /Filter {filter} >>\nstream\r\n").into_bytes();
        pdf.extend_from_slice(data);
        pdf.extend_from_slice(b"\nendstream\nendobj\n%%EOF\n");
        pdf
    }

    fn deflated(len: usize) -> Vec<u8> {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&vec![b' '; len]).unwrap();
        z.finish().unwrap()
    }

    #[test]
    fn a_pdf_bomb_is_refused_before_the_reader_inflates_it() {
        let bomb = with_stream("/FlateDecode", &deflated(MAX_PDF_INFLATED + 1));
        assert!(bomb.len() < 100 * 1024, "{}", bomb.len());
        let why = extract(&bomb).unwrap_err().to_string();
        assert!(why.contains("zip bomb"), "{why}");
        assert!(check_streams(&with_stream("/FlateDecode", &deflated(1024 * 1024))).is_ok());
    }

    #[test]
    fn lzw_and_ascii85_streams_are_refused_even_with_escaped_names() {
        for filter in [
            "/LZWDecode",
            "[/ASCII85Decode /FlateDecode]",
            "/LZW#44ecode",
        ] {
            let why = check_streams(&with_stream(filter, b"data"))
                .unwrap_err()
                .to_string();
            assert!(why.contains("old"), "{filter}: {why}");
        }
    }
}
