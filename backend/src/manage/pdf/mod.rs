//! A small PDF writer for printable reports: a title page, headings, paragraphs and tables on
//! landscape A4, set in an embedded typeface that prints any staff name as written.

mod file;
mod font;
mod layout;

use crate::error::AppResult;
use file::PdfFile;
use font::{Fonts, Style, Subset};
use layout::{lay_out, Op, MARGIN, PAGE_HEIGHT, PAGE_WIDTH};

/// A table: column headings with their share of the width, then rows of cells.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// Heading and relative width of each column.
    pub columns: Vec<(String, f32)>,
    /// The cells, a row at a time.
    pub rows: Vec<Vec<String>>,
}

/// One part of a document, laid out in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A page of its own: a large title, a subtitle and lines beneath.
    TitlePage {
        /// The large title.
        title: String,
        /// Beneath it.
        subtitle: String,
        /// Paragraphs after the subtitle.
        lines: Vec<String>,
    },
    /// A bold heading, kept with what follows it.
    Heading(String),
    /// Wrapped text.
    Paragraph(String),
    /// A table.
    Table(Table),
    /// The next block starts a page.
    PageBreak,
}

/// The document: `blocks` laid out, each page footed with `footer` and "Page n of N".
pub fn render(blocks: &[Block], footer: &str) -> AppResult<Vec<u8>> {
    let fonts = Fonts::load()?;
    let pages = lay_out(&fonts, blocks);
    let mut regular = Subset::new(fonts.get(Style::Regular));
    let mut bold = Subset::new(fonts.get(Style::Bold));
    let mut file = PdfFile::new();
    let catalog = file.reserve();
    let tree = file.reserve();
    let fonts_ref = file.reserve();
    let count = pages.len();
    let mut kids = Vec::with_capacity(count);
    for (n, page) in pages.iter().enumerate() {
        let foot = format!("Page {} of {count}", n + 1);
        let right = PAGE_WIDTH - MARGIN - fonts.get(Style::Regular).width(&foot, 7.0);
        let mut ops = page.clone();
        for (x, text) in [(MARGIN, footer.to_string()), (right, foot)] {
            ops.push(Op::Text {
                style: Style::Regular,
                size: 7.0,
                x,
                y: 24.0,
                text,
            });
        }
        let content = content(&ops, &mut regular, &mut bold);
        let stream = file.add_stream("", content.as_bytes())?;
        kids.push(file.add(format!(
            "<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] \
             /Resources {fonts_ref} 0 R /Contents {stream} 0 R >>"
        )));
    }
    let f1 = regular.write(&mut file)?;
    let f2 = bold.write(&mut file)?;
    file.set(
        fonts_ref,
        format!("<< /Font << /F1 {f1} 0 R /F2 {f2} 0 R >> >>"),
    );
    let kids: Vec<String> = kids.iter().map(|k| format!("{k} 0 R")).collect();
    file.set(
        tree,
        format!(
            "<< /Type /Pages /Kids [{}] /Count {count} >>",
            kids.join(" ")
        ),
    );
    file.set(catalog, format!("<< /Type /Catalog /Pages {tree} 0 R >>"));
    Ok(file.finish(catalog))
}

/// One page's content stream.
fn content(ops: &[Op], regular: &mut Subset, bold: &mut Subset) -> String {
    let mut out = String::new();
    for op in ops {
        match op {
            Op::Text {
                style,
                size,
                x,
                y,
                text,
            } => {
                let (name, hex) = match style {
                    Style::Regular => ("F1", regular.encode(text)),
                    Style::Bold => ("F2", bold.encode(text)),
                };
                out.push_str(&format!(
                    "BT /{name} {size:.1} Tf {x:.2} {y:.2} Td {hex} Tj ET\n"
                ));
            }
            Op::Shade { x, y, w, h } => {
                out.push_str(&format!("0.92 g {x:.2} {y:.2} {w:.2} {h:.2} re f 0 g\n"))
            }
            Op::Rule { x, y, w } => out.push_str(&format!(
                "0.6 G 0.4 w {x:.2} {y:.2} m {:.2} {y:.2} l S 0 G\n",
                x + w
            )),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_is_a_pdf_with_one_page_object_per_page() {
        let table = Table {
            columns: vec![("Name".into(), 1.0)],
            rows: (0..120).map(|i| vec![format!("Person {i}")]).collect(),
        };
        let blocks = [
            Block::TitlePage {
                title: "Training evidence".into(),
                subtitle: "A school".into(),
                lines: vec!["as at 20 December 2026".into()],
            },
            Block::Table(table),
        ];
        let pdf = render(&blocks, "footer").unwrap();
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.starts_with("%PDF-1.4"));
        assert!(text.trim_end().ends_with("%%EOF"));
        let pages = text.matches("/Type /Page ").count();
        assert!(pages >= 3, "{pages}");
        assert!(text.contains(&format!("/Count {pages}")));
        assert!(text.contains("/Subtype /Type0"));
    }
}
