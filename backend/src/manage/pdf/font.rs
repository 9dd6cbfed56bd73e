//! The reports' typeface (DejaVu Sans, `content/fonts/`): glyphs and widths for layout, and
//! each document's subset embedded as a Type0 font whose ToUnicode map gives every name back
//! exactly as written when the PDF is searched or copied.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};
use subsetter::GlyphRemapper;
use ttf_parser::{Face, GlyphId};

use crate::error::{AppError, AppResult};
use crate::manage::pdf::file::PdfFile;

static REGULAR: &[u8] = include_bytes!("../../../../content/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../../../content/fonts/DejaVuSans-Bold.ttf");

const HEX: [char; 16] = [
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F',
];

/// Drawn for a character the typeface lacks, so the gap shows (and reads back as U+FFFD).
const MISSING: char = '\u{fffd}';

/// The two weights the reports use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Body text.
    Regular,
    /// Headings and table headers.
    Bold,
}

/// One weight of the typeface, parsed.
pub struct Font {
    data: &'static [u8],
    face: Face<'static>,
    name: &'static str,
    stem: u16,
    /// Font units to thousandths of the size.
    scale: f32,
    /// Glyph and advance of the characters below `COMMON`, looked up once: nearly every
    /// name and heading is made of them, and the font's own lookup is a search each time.
    common: Vec<(u16, char, f32)>,
}

/// Latin-1, Latin Extended-A and B.
const COMMON: u32 = 0x250;

/// Both weights.
pub struct Fonts {
    regular: Font,
    bold: Font,
}

impl Fonts {
    /// Parses the embedded files.
    pub fn load() -> AppResult<Self> {
        Ok(Self {
            regular: Font::parse(REGULAR, "DejaVuSans", 80)?,
            bold: Font::parse(BOLD, "DejaVuSans-Bold", 140)?,
        })
    }

    /// The weight for `style`.
    pub fn get(&self, style: Style) -> &Font {
        match style {
            Style::Regular => &self.regular,
            Style::Bold => &self.bold,
        }
    }
}

impl Font {
    fn parse(data: &'static [u8], name: &'static str, stem: u16) -> AppResult<Self> {
        let face = Face::parse(data, 0)
            .map_err(|e| AppError::Internal(format!("the font {name} cannot be read: {e}")))?;
        let scale = 1000.0 / f32::from(face.units_per_em());
        let mut font = Self {
            data,
            face,
            name,
            stem,
            scale,
            common: Vec::new(),
        };
        font.common = (0..COMMON)
            .map(|u| {
                let (g, shown) = font.look_up(char::from_u32(u).unwrap_or(MISSING));
                (g, shown, font.advance(g))
            })
            .collect();
        Ok(font)
    }

    /// The glyph drawn for `c` and the character it stands for.
    fn glyph(&self, c: char) -> (u16, char) {
        match self.common.get(c as usize) {
            Some(&(g, shown, _)) => (g, shown),
            None => self.look_up(c),
        }
    }

    /// The font's own lookup: control characters as spaces, unknown ones as U+FFFD.
    fn look_up(&self, c: char) -> (u16, char) {
        let c = if c.is_control() { ' ' } else { c };
        match self.face.glyph_index(c) {
            Some(g) => (g.0, c),
            None => (self.face.glyph_index(MISSING).map_or(0, |g| g.0), MISSING),
        }
    }

    /// A glyph's advance in thousandths of the font size.
    fn advance(&self, glyph: u16) -> f32 {
        f32::from(self.face.glyph_hor_advance(GlyphId(glyph)).unwrap_or(0)) * self.scale
    }

    /// How wide `text` is set at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars()
            .map(|c| match self.common.get(c as usize) {
                Some(&(_, _, advance)) => advance,
                None => self.advance(self.look_up(c).0),
            })
            .sum::<f32>()
            * size
            / 1000.0
    }

    fn units(&self, v: i16) -> i32 {
        (f32::from(v) * self.scale).round() as i32
    }
}

/// The glyphs one document draws in one weight, numbered as in its subset.
pub struct Subset<'f> {
    font: &'f Font,
    remapper: GlyphRemapper,
    /// New glyph id → the text it stands for.
    text: BTreeMap<u16, String>,
}

impl<'f> Subset<'f> {
    /// No glyph used yet.
    pub fn new(font: &'f Font) -> Self {
        Self {
            font,
            remapper: GlyphRemapper::new(),
            text: BTreeMap::new(),
        }
    }

    /// `text` as a hex string of the subset's glyph ids, for `Tj`.
    pub fn encode(&mut self, text: &str) -> String {
        let mut hex = String::with_capacity(text.len() * 4 + 2);
        hex.push('<');
        for c in text.chars() {
            let (old, shown) = self.font.glyph(c);
            let new = self.remapper.remap(old);
            // The first character drawn with a glyph names it (a no-break space keeps " ").
            self.text.entry(new).or_insert_with(|| shown.to_string());
            for shift in [12, 8, 4, 0] {
                hex.push(HEX[usize::from((new >> shift) & 0xf)]);
            }
        }
        hex.push('>');
        hex
    }

    /// Writes the font objects into `file`; the Type0 font's object number.
    pub fn write(&self, file: &mut PdfFile) -> AppResult<usize> {
        let font = self.font;
        let old: Vec<u16> = self.remapper.remapped_gids().collect();
        let data = subsetter::subset(font.data, 0, &self.remapper)
            .map_err(|e| AppError::Internal(format!("the font could not be subset: {e}")))?;
        let name = format!("{}+{}", tag(&old), font.name);
        let program = file.add_stream(&format!("/Length1 {}", data.len()), &data)?;
        let f = &font.face;
        let bbox = f.global_bounding_box();
        let descriptor = file.add(format!(
            "<< /Type /FontDescriptor /FontName /{name} /Flags 32 \
             /FontBBox [{} {} {} {}] /ItalicAngle 0 /Ascent {} /Descent {} /CapHeight {} \
             /StemV {} /FontFile2 {program} 0 R >>",
            font.units(bbox.x_min),
            font.units(bbox.y_min),
            font.units(bbox.x_max),
            font.units(bbox.y_max),
            font.units(f.ascender()),
            font.units(f.descender()),
            font.units(f.capital_height().unwrap_or(f.ascender())),
            font.stem,
        ));
        let widths: Vec<String> = old
            .iter()
            .map(|&g| format!("{}", font.advance(g).round() as i32))
            .collect();
        let cid_font = file.add(format!(
            "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{name} \
             /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> \
             /FontDescriptor {descriptor} 0 R /CIDToGIDMap /Identity /W [0 [{}]] >>",
            widths.join(" ")
        ));
        let to_unicode = file.add_stream("", to_unicode(&self.text).as_bytes())?;
        Ok(file.add(format!(
            "<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H \
             /DescendantFonts [{cid_font} 0 R] /ToUnicode {to_unicode} 0 R >>"
        )))
    }
}

/// The six capital letters that name a subset, from the glyphs it holds.
fn tag(glyphs: &[u16]) -> String {
    let mut hash = Sha256::new();
    for g in glyphs {
        hash.update(g.to_be_bytes());
    }
    hash.finalize()[..6]
        .iter()
        .map(|b| char::from(b'A' + b % 26))
        .collect()
}

/// The CMap from glyph ids back to text (UTF-16BE), in blocks of 100 as the format asks.
fn to_unicode(text: &BTreeMap<u16, String>) -> String {
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let entries: Vec<(&u16, &String)> = text.iter().collect();
    for block in entries.chunks(100) {
        out.push_str(&format!("{} beginbfchar\n", block.len()));
        for (gid, s) in block {
            let units: String = s.encode_utf16().map(|u| format!("{u:04X}")).collect();
            out.push_str(&format!("<{gid:04X}> <{units}>\n"));
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_typeface_has_welsh_polish_and_irish_letters() {
        let fonts = Fonts::load().unwrap();
        for c in "ŵŷŴŶłąęńśźżŁáéíóúÁÉÍÓÚëïöüñçßøåæœ’".chars() {
            assert_ne!(fonts.get(Style::Regular).glyph(c).1, MISSING, "{c}");
            assert_ne!(fonts.get(Style::Bold).glyph(c).1, MISSING, "{c}");
        }
    }

    #[test]
    fn a_wide_letter_measures_wider_than_a_narrow_one() {
        let fonts = Fonts::load().unwrap();
        let f = fonts.get(Style::Regular);
        assert!(f.width("WWWW", 10.0) > f.width("iiii", 10.0) * 2.0);
        assert!((f.width("ab", 20.0) - 2.0 * f.width("ab", 10.0)).abs() < 0.01);
    }

    #[test]
    fn glyphs_are_numbered_in_the_order_drawn_and_map_back_to_their_text() {
        let fonts = Fonts::load().unwrap();
        let mut subset = Subset::new(fonts.get(Style::Regular));
        assert_eq!(subset.encode("ŵa"), "<00010002>");
        assert_eq!(subset.encode("aŵ"), "<00020001>");
        let cmap = to_unicode(&subset.text);
        assert!(cmap.contains("<0001> <0175>"), "{cmap}");
        assert!(cmap.contains("<0002> <0061>"), "{cmap}");
    }
}
