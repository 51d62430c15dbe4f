//! A minimal PDF 1.4 file writer: numbered objects, streams, xref, trailer.

use std::io::Write;

/// Builds a PDF file in memory. Object ids are reserved first (so pages can
/// name their parent and the parent its kids) and written in any order.
pub(crate) struct PdfWriter {
    buf: Vec<u8>,
    /// Byte offset of object `i + 1`, once written.
    offsets: Vec<Option<usize>>,
}

impl PdfWriter {
    pub fn new(capacity: usize) -> Self {
        let mut buf = Vec::with_capacity(capacity);
        buf.extend_from_slice(b"%PDF-1.4\n");
        Self {
            buf,
            offsets: Vec::new(),
        }
    }

    /// A fresh object id.
    pub fn reserve(&mut self) -> usize {
        self.offsets.push(None);
        self.offsets.len()
    }

    /// Writes object `id` with the given body (a dictionary, array, …).
    pub fn object(&mut self, id: usize, body: &[u8]) {
        self.start(id);
        self.buf.extend_from_slice(body);
        self.buf.extend_from_slice(b"\nendobj\n");
    }

    /// Writes object `id` as a stream holding `data`, uncompressed.
    pub fn stream(&mut self, id: usize, data: &[u8]) {
        self.start(id);
        let _ = write!(self.buf, "<< /Length {} >>\nstream\n", data.len());
        self.buf.extend_from_slice(data);
        self.buf.extend_from_slice(b"\nendstream\nendobj\n");
    }

    fn start(&mut self, id: usize) {
        if let Some(slot) = id.checked_sub(1).and_then(|i| self.offsets.get_mut(i)) {
            *slot = Some(self.buf.len());
        }
        let _ = writeln!(self.buf, "{id} 0 obj");
    }

    /// Appends the cross-reference table and trailer and returns the file.
    pub fn finish(mut self, root: usize, info: usize) -> Vec<u8> {
        let xref = self.buf.len();
        let size = self.offsets.len() + 1;
        let _ = write!(self.buf, "xref\n0 {size}\n0000000000 65535 f\r\n");
        for offset in &self.offsets {
            // Every reserved id is written by the caller; an unwritten one
            // would be listed as free rather than point at garbage.
            match offset {
                Some(at) => {
                    let _ = write!(self.buf, "{at:010} 00000 n\r\n");
                }
                None => self.buf.extend_from_slice(b"0000000000 65535 f\r\n"),
            }
        }
        let _ = write!(
            self.buf,
            "trailer\n<< /Size {size} /Root {root} 0 R /Info {info} 0 R >>\nstartxref\n{xref}\n%%EOF\n"
        );
        self.buf
    }
}
