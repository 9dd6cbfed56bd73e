//! The PDF file itself: numbered objects, deflated streams and the cross-reference table.

use std::io::Write;

use flate2::write::ZlibEncoder;
use flate2::Compression;

use crate::error::AppResult;

/// Objects in the order they are numbered (object `n` is at index `n - 1`).
#[derive(Debug, Default)]
pub struct PdfFile {
    objects: Vec<Vec<u8>>,
}

impl PdfFile {
    /// An empty file.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reserves a number for an object written later (a parent must name its children).
    pub fn reserve(&mut self) -> usize {
        self.objects.push(Vec::new());
        self.objects.len()
    }

    /// Fills a reserved object.
    pub fn set(&mut self, id: usize, body: String) {
        if let Some(slot) = self.objects.get_mut(id - 1) {
            *slot = body.into_bytes();
        }
    }

    /// Adds an object; its number.
    pub fn add(&mut self, body: String) -> usize {
        self.objects.push(body.into_bytes());
        self.objects.len()
    }

    /// Adds a deflated stream; `entries` go into its dictionary beside `/Length`.
    pub fn add_stream(&mut self, entries: &str, data: &[u8]) -> AppResult<usize> {
        let mut encoder = ZlibEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(data)?;
        let packed = encoder.finish()?;
        let mut body = format!(
            "<< /Length {} /Filter /FlateDecode {entries} >>\nstream\n",
            packed.len()
        )
        .into_bytes();
        body.extend_from_slice(&packed);
        body.extend_from_slice(b"\nendstream");
        self.objects.push(body);
        Ok(self.objects.len())
    }

    /// The finished file with `root` as its catalog.
    pub fn finish(self, root: usize) -> Vec<u8> {
        // The second line's high bytes tell transfer tools the file is binary.
        let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
        let mut offsets = Vec::with_capacity(self.objects.len());
        for (i, body) in self.objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        let mut tail = format!("xref\n0 {}\n0000000000 65535 f \n", self.objects.len() + 1);
        for o in offsets {
            tail.push_str(&format!("{o:010} 00000 n \n"));
        }
        tail.push_str(&format!(
            "trailer\n<< /Size {} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            self.objects.len() + 1
        ));
        out.extend_from_slice(tail.as_bytes());
        out
    }
}
