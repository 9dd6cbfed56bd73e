//! What an uploaded document may cost to read, and cheap checks that refuse a hostile
//! file before the expensive step.
//!
//! A real policy is tens of pages: its text is tens to hundreds of KiB, and a Word file's
//! `document.xml` at most a few MiB. The limits sit well above that and far below what
//! would hurt a server reading several uploads at once: a zip part may unpack to no more
//! than [`MAX_PART`], the XML tree is built only for markup of bounded depth and size,
//! a PDF's streams may inflate to no more than [`MAX_PDF_INFLATED`], and the extracted
//! text is cut off at [`MAX_TEXT`].

use crate::error::DomainError;

/// The most one zip part (`word/document.xml`, `word/numbering.xml`) may unpack to.
pub const MAX_PART: usize = 8 * 1024 * 1024;
/// The most all the parts read from one .docx may unpack to together.
pub const MAX_UNPACKED: usize = 12 * 1024 * 1024;
/// The most entries a .docx's zip directory may list (Word writes a dozen or two).
pub const MAX_ENTRIES: usize = 1_000;
/// The deepest element nesting read (Word nests tables in tables a few levels deep). The
/// XML parser recurses per level: a file nested a million deep would overflow the stack.
pub const MAX_DEPTH: usize = 256;
/// The most elements and attributes together in one XML part: bounds the tree's memory
/// (a real 8 MiB `document.xml` has well under a million).
pub const MAX_MARKUP: usize = 1_000_000;
/// The most a PDF's Flate-compressed streams may inflate to, together: a long text PDF
/// with its fonts needs a few MiB; the PDF reader keeps two or three times this.
pub const MAX_PDF_INFLATED: usize = 32 * 1024 * 1024;
/// The most text a document may yield, in bytes: a long policy has well under half of
/// it. Publishing sends the text back in a JSON body of at most 256 KiB, so more could
/// never be published; and building a quiz costs more than linearly in the clauses
/// (a pathological 250 KiB of duties took over a minute in a debug build).
pub const MAX_TEXT: usize = 200 * 1024;

/// Refuses text longer than [`MAX_TEXT`].
pub fn check_text(text: &str) -> Result<(), DomainError> {
    if text.len() > MAX_TEXT {
        return Err(DomainError::Unreadable(format!(
            "the document has more than {} KiB of text; a policy is far shorter, so split it \
             or upload the policy alone",
            MAX_TEXT / 1024
        )));
    }
    Ok(())
}

/// Refuses a zip archive whose directory lists more than [`MAX_ENTRIES`] entries,
/// before the zip reader builds a record for each. Counts central-directory headers
/// (`PK\x01\x02`); the odd false match inside compressed data only adds one.
pub fn check_entries(bytes: &[u8]) -> Result<(), DomainError> {
    let entries = bytes.windows(4).filter(|w| *w == b"PK\x01\x02").count();
    if entries > MAX_ENTRIES {
        return Err(DomainError::Unreadable(format!(
            "the .docx holds {entries} files; a Word document holds a few dozen"
        )));
    }
    Ok(())
}

/// Refuses XML nested deeper than [`MAX_DEPTH`] or with more than [`MAX_MARKUP`]
/// elements and attributes, in one pass over the text and without allocating, so that
/// the tree is only built for markup that is safe to build it for. `part` names the
/// part in the message.
///
/// It reads tags only as far as it must: comments, CDATA, processing instructions and
/// declarations are skipped, quoted attribute values may hold `>`. Malformed markup it
/// cannot follow is left for the parser to refuse.
pub fn check_markup(xml: &str, part: &str) -> Result<(), DomainError> {
    let b = xml.as_bytes();
    let (mut depth, mut markup, mut i) = (0usize, 0usize, 0usize);
    let hostile = |what: &str| {
        Err(DomainError::Unreadable(format!(
            "the .docx part {part} {what}; it does not look like a Word document"
        )))
    };
    while let Some(at) = find(b, i, b"<") {
        let rest = &b[at..];
        let skip_to = |end: &[u8]| find(b, at, end).map_or(b.len(), |e| e + end.len());
        if rest.starts_with(b"<!--") {
            i = skip_to(b"-->");
        } else if rest.starts_with(b"<![CDATA[") {
            i = skip_to(b"]]>");
        } else if rest.starts_with(b"<?") {
            i = skip_to(b"?>");
        } else if rest.starts_with(b"<!") {
            i = skip_to(b">");
        } else if rest.starts_with(b"</") {
            depth = depth.saturating_sub(1);
            i = skip_to(b">");
        } else {
            let (end, attributes) = tag_end(b, at + 1);
            markup += 1 + attributes;
            if b.get(end.wrapping_sub(1)) != Some(&b'/') {
                depth += 1;
            }
            if depth > MAX_DEPTH {
                return hostile(&format!("nests elements more than {MAX_DEPTH} deep"));
            }
            if markup > MAX_MARKUP {
                return hostile(&format!(
                    "has more than {MAX_MARKUP} elements and attributes"
                ));
            }
            i = end + 1;
        }
    }
    Ok(())
}

/// Where the start tag whose name begins at `from` ends (its `>`, or the end of the
/// text), and how many attributes it has (an `=` outside quotes).
fn tag_end(b: &[u8], from: usize) -> (usize, usize) {
    let mut quote = None;
    let mut attributes = 0;
    for (j, &c) in b.iter().enumerate().skip(from) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(c),
            (None, b'=') => attributes += 1,
            (None, b'>') => return (j, attributes),
            (None, _) => {}
        }
    }
    (b.len(), attributes)
}

/// The first `needle` in `b` at or after `from`.
pub(super) fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_markup_passes() {
        let xml = r#"<?xml version="1.0"?><!-- a <b> --><w:document a="x>y" b='/'>
            <w:body><w:p><w:r><w:t><![CDATA[<<<]]></w:t></w:r></w:p><w:br/></w:body></w:document>"#;
        assert_eq!(check_markup(xml, "word/document.xml"), Ok(()));
    }

    #[test]
    fn deep_nesting_is_refused_but_as_deep_as_allowed_is_not() {
        let nest = |n: usize| format!("{}{}", "<a>".repeat(n), "</a>".repeat(n));
        assert_eq!(check_markup(&nest(MAX_DEPTH), "p"), Ok(()));
        let deep = check_markup(&nest(MAX_DEPTH + 1), "p").unwrap_err();
        assert!(deep.to_string().contains("deep"), "{deep}");
        // Siblings, and self-closing elements, do not add depth.
        let wide = "<a/>".repeat(MAX_DEPTH * 4) + &"<b></b>".repeat(MAX_DEPTH * 4);
        assert_eq!(check_markup(&wide, "p"), Ok(()));
    }

    #[test]
    fn too_many_elements_or_attributes_are_refused() {
        let many = format!("<a>{}</a>", "<b/>".repeat(MAX_MARKUP));
        assert!(check_markup(&many, "p").is_err());
        let attributes = format!("<a {}/>", "x=\"\" ".repeat(MAX_MARKUP));
        assert!(check_markup(&attributes, "p").is_err());
    }

    #[test]
    fn long_text_is_refused() {
        assert_eq!(check_text(&"a".repeat(MAX_TEXT)), Ok(()));
        assert!(check_text(&"a".repeat(MAX_TEXT + 1)).is_err());
    }
}
