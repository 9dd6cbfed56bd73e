//! Laying blocks out on landscape A4 pages: text wrapped by the font's own widths, tables
//! whose headings and cells wrap within their columns and whose header repeats on each page.

use crate::manage::pdf::font::{Fonts, Style};
use crate::manage::pdf::{Block, Table};

/// Page size in points (A4 landscape).
pub const PAGE_WIDTH: f32 = 842.0;
/// Page height in points.
pub const PAGE_HEIGHT: f32 = 595.0;
/// Left and right margin.
pub const MARGIN: f32 = 40.0;
const TOP: f32 = PAGE_HEIGHT - 40.0;
/// Lowest baseline of the body; the footer sits below it.
const BOTTOM: f32 = 48.0;
const BODY: f32 = 9.0;
const CELL: f32 = 8.0;
const PAD: f32 = 3.0;

/// One thing drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// Text with its baseline's left end at (x, y).
    Text {
        /// The weight.
        style: Style,
        /// Size in points.
        size: f32,
        /// Left end.
        x: f32,
        /// Baseline.
        y: f32,
        /// What is written.
        text: String,
    },
    /// A light grey band behind a table's header.
    Shade {
        /// Left.
        x: f32,
        /// Bottom.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
    },
    /// A thin horizontal rule.
    Rule {
        /// Left end.
        x: f32,
        /// Height on the page.
        y: f32,
        /// Length.
        w: f32,
    },
}

/// Usable width between the margins.
pub fn body_width() -> f32 {
    PAGE_WIDTH - 2.0 * MARGIN
}

/// Breaks `text` into lines no wider than `width`: at spaces where it can, inside a word
/// (a hash, a long address) where it must. Every line holds at least one character.
pub fn wrap(fonts: &Fonts, style: Style, size: f32, text: &str, width: f32) -> Vec<String> {
    let font = fonts.get(style);
    let space = font.width(" ", size);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        // Widths add up as the line grows: each character is measured once.
        let (mut line, mut used) = (String::new(), 0.0);
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let w = font.width(word, size);
            if line.is_empty() && w <= width {
                (line, used) = (word.to_string(), w);
                continue;
            }
            if !line.is_empty() && used + space + w <= width {
                line.push(' ');
                line.push_str(word);
                used += space + w;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                used = 0.0;
            }
            for c in word.chars() {
                let cw = font.width(c.encode_utf8(&mut [0; 4]), size);
                if used + cw > width && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    used = 0.0;
                }
                line.push(c);
                used += cw;
            }
        }
        lines.push(line);
    }
    lines
}

/// Pages being filled, top down.
struct Pages<'f> {
    fonts: &'f Fonts,
    pages: Vec<Vec<Op>>,
    y: f32,
}

impl Pages<'_> {
    fn page(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Starts a new page unless `height` more fits on this one.
    fn room(&mut self, height: f32) {
        if self.y - height < BOTTOM && self.y < TOP {
            self.new_page();
        }
    }

    fn text(&mut self, style: Style, size: f32, x: f32, y: f32, text: String) {
        self.page().push(Op::Text {
            style,
            size,
            x,
            y,
            text,
        });
    }

    /// Wrapped text across the body's width, `after` points of space below it.
    fn paragraph(&mut self, style: Style, size: f32, text: &str, after: f32) {
        let leading = size * 1.3;
        for line in wrap(self.fonts, style, size, text, body_width()) {
            self.room(leading);
            self.y -= leading;
            let y = self.y;
            self.text(style, size, MARGIN, y, line);
        }
        self.y -= after;
    }

    fn table(&mut self, table: &Table) {
        let total: f32 = table
            .columns
            .iter()
            .map(|c| c.1)
            .sum::<f32>()
            .max(f32::EPSILON);
        let widths: Vec<f32> = table
            .columns
            .iter()
            .map(|c| c.1 / total * body_width())
            .collect();
        let header: Vec<String> = table.columns.iter().map(|c| c.0.clone()).collect();
        let header_cells = self.cells(Style::Bold, &header, &widths);
        self.room(row_height(&header_cells) * 2.0);
        self.row(Style::Bold, &header_cells, &widths);
        for row in &table.rows {
            let cells = self.cells(Style::Regular, row, &widths);
            let height = row_height(&cells);
            if self.y - height < BOTTOM {
                self.new_page();
                self.row(Style::Bold, &header_cells, &widths);
            }
            self.row(Style::Regular, &cells, &widths);
        }
        self.y -= 10.0;
    }

    fn cells(&self, style: Style, row: &[String], widths: &[f32]) -> Vec<Vec<String>> {
        widths
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let text = row.get(i).map_or("", String::as_str);
                wrap(self.fonts, style, CELL, text, w - 2.0 * PAD)
            })
            .collect()
    }

    fn row(&mut self, style: Style, cells: &[Vec<String>], widths: &[f32]) {
        let height = row_height(cells);
        let top = self.y;
        if style == Style::Bold {
            self.page().push(Op::Shade {
                x: MARGIN,
                y: top - height,
                w: body_width(),
                h: height,
            });
        }
        let mut x = MARGIN;
        for (lines, w) in cells.iter().zip(widths) {
            for (n, line) in lines.iter().enumerate() {
                let y = top - PAD - CELL * 1.25 * (n as f32 + 1.0) + 2.0;
                self.text(style, CELL, x + PAD, y, line.clone());
            }
            x += w;
        }
        self.y = top - height;
        self.page().push(Op::Rule {
            x: MARGIN,
            y: top - height,
            w: body_width(),
        });
    }

    fn title_page(&mut self, title: &str, subtitle: &str, lines: &[String]) {
        if !self.page().is_empty() {
            self.new_page();
        }
        self.y = PAGE_HEIGHT - 150.0;
        self.paragraph(Style::Bold, 26.0, title, 6.0);
        self.paragraph(Style::Regular, 16.0, subtitle, 24.0);
        for line in lines {
            self.paragraph(Style::Regular, 12.0, line, 6.0);
        }
        self.new_page();
    }
}

fn row_height(cells: &[Vec<String>]) -> f32 {
    let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
    lines as f32 * CELL * 1.25 + 2.0 * PAD
}

/// The blocks laid out; one list of drawing operations per page.
pub fn lay_out(fonts: &Fonts, blocks: &[Block]) -> Vec<Vec<Op>> {
    let mut pages = Pages {
        fonts,
        pages: vec![Vec::new()],
        y: TOP,
    };
    for block in blocks {
        match block {
            Block::TitlePage {
                title,
                subtitle,
                lines,
            } => pages.title_page(title, subtitle, lines),
            Block::Heading(text) => {
                pages.room(60.0);
                pages.paragraph(Style::Bold, 12.0, text, 4.0);
            }
            Block::Paragraph(text) => pages.paragraph(Style::Regular, BODY, text, 4.0),
            Block::Table(table) => pages.table(table),
            Block::PageBreak => {
                if pages.y < TOP {
                    pages.new_page();
                }
            }
        }
    }
    if pages.pages.len() > 1 && pages.pages.last().is_some_and(Vec::is_empty) {
        pages.pages.pop();
    }
    pages.pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_breaks_at_spaces_and_inside_words_too_long_for_the_width() {
        let fonts = Fonts::load().unwrap();
        let width = fonts.get(Style::Regular).width("Siân O'Brien", 8.0) + 1.0;
        let lines = wrap(
            &fonts,
            Style::Regular,
            8.0,
            "Siân O'Brien Siân O'Brien",
            width,
        );
        assert_eq!(lines, ["Siân O'Brien", "Siân O'Brien"]);
        let hash = "0123456789abcdef".repeat(4);
        let lines = wrap(&fonts, Style::Regular, 8.0, &hash, 60.0);
        assert!(lines.len() > 2);
        assert_eq!(lines.concat(), hash);
        for line in &lines {
            assert!(fonts.get(Style::Regular).width(line, 8.0) <= 60.0, "{line}");
        }
    }

    #[test]
    fn a_long_table_repeats_its_header_on_every_page() {
        let fonts = Fonts::load().unwrap();
        let table = Table {
            columns: vec![("Name".into(), 1.0), ("Policy".into(), 1.0)],
            rows: (0..200)
                .map(|i| vec![format!("P{i}"), "x".into()])
                .collect(),
        };
        let pages = lay_out(&fonts, &[Block::Table(table)]);
        assert!(pages.len() > 2);
        for page in &pages {
            let headers = page
                .iter()
                .filter(
                    |op| matches!(op, Op::Text { text, style: Style::Bold, .. } if text == "Name"),
                )
                .count();
            assert_eq!(headers, 1);
            for op in page {
                if let Op::Text { y, .. } = op {
                    assert!(*y >= BOTTOM - CELL && *y <= PAGE_HEIGHT, "{y}");
                }
            }
        }
    }
}
