//! A minimal PDF writer: lines of text on landscape A4 pages in Helvetica, enough for a printable report.

/// Lines per page.
const LINES_PER_PAGE: usize = 46;
/// Characters per line before it is cut.
const MAX_CHARS: usize = 165;

/// Text as a PDF string literal: brackets and backslashes escaped, non-Latin characters as `?`.
fn literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('(');
    for c in text.chars().take(MAX_CHARS) {
        match c {
            '(' | ')' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            ' '..='~' => out.push(c),
            _ => out.push('?'),
        }
    }
    out.push(')');
    out
}

/// A PDF document holding `lines`; a line starting with `# ` is set in bold as a heading.
pub fn render(lines: &[String]) -> Vec<u8> {
    let pages: Vec<&[String]> = if lines.is_empty() {
        vec![&[][..]]
    } else {
        lines.chunks(LINES_PER_PAGE).collect()
    };
    // Objects: 1 catalog, 2 page tree, 3 regular font, 4 bold font, then (page, content) pairs.
    let mut objects: Vec<String> = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".into(),
        String::new(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".into(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
            .into(),
    ];
    let mut kids = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        let page_obj = objects.len() + 1;
        kids.push(format!("{page_obj} 0 R"));
        let mut content = String::from("BT\n/F1 8 Tf\n11 TL\n40 555 Td\n");
        for line in page.iter() {
            match line.strip_prefix("# ") {
                Some(heading) => content.push_str(&format!(
                    "/F2 10 Tf\n{} Tj T*\n/F1 8 Tf\n",
                    literal(heading)
                )),
                None => content.push_str(&format!("{} Tj T*\n", literal(line))),
            }
        }
        content.push_str(&format!(
            "ET\nBT /F1 7 Tf 760 20 Td {} Tj ET\n",
            literal(&format!("Page {} of {}", n + 1, pages.len()))
        ));
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] \
             /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {} 0 R >>",
            page_obj + 1
        ));
        objects.push(format!(
            "<< /Length {} >>\nstream\n{content}endstream",
            content.len()
        ));
    }
    objects[1] = format!(
        "<< /Type /Pages /Kids [{}] /Count {} >>",
        kids.join(" "),
        kids.len()
    );
    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.push_str(&format!("{} 0 obj\n{body}\nendobj\n", i + 1));
    }
    let xref = out.len();
    out.push_str(&format!(
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    ));
    for o in offsets {
        out.push_str(&format!("{o:010} 00000 n \n"));
    }
    out.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_has_a_page_per_46_lines_and_escapes_brackets() {
        let lines: Vec<String> = (0..50).map(|i| format!("line (#{i}) \\ é")).collect();
        let pdf = String::from_utf8(render(&lines)).unwrap();
        assert!(pdf.starts_with("%PDF-1.4"));
        assert!(pdf.contains("/Count 2"));
        assert!(pdf.contains("(line \\(#0\\) \\\\ ?) Tj"));
        assert!(pdf.trim_end().ends_with("%%EOF"));
    }
}
