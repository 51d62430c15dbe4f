//! Printable tickets: a small PDF 1.4 document, one A4 page per ticket.
//!
//! Written by hand on purpose: the document needs two standard fonts, text
//! and filled rectangles, which is a few hundred bytes of syntax per page and
//! not worth a PDF library.

mod text;
mod writer;

use std::fmt::Write;

use crate::matrix::{qr_matrix, EcLevel, QrMatrix, RenderError};
use text::{literal, text_width, to_win_ansi, truncate, utf16_hex, Font};
use writer::PdfWriter;

/// What one printed ticket shows. Plain text, any Unicode: characters outside
/// WinAnsi (Latin-1 and the cp1252 extras) print as `?`, and lines too long
/// for the page are cut with `…`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TicketSheet {
    /// Event name, printed large.
    pub event_name: String,
    /// Date and time line, already formatted for the reader.
    pub when: String,
    /// Where the event takes place.
    pub venue: String,
    /// The ticket holder's name.
    pub holder: String,
    /// Ticket category (e.g. "VIP", "Staff").
    pub category: String,
    /// The ticket code the QR symbol carries.
    pub code: String,
}

// A4 in points, and the layout on it (PDF y grows upwards).
const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN_X: f32 = 56.69; // 20 mm
const TEXT_W: f32 = PAGE_W - 2.0 * MARGIN_X;
/// Edge of the drawn symbol, quiet zone included: 90 mm.
const QR_EDGE: f32 = 255.12;
const QR_TOP: f32 = 620.0;
const QUIET_ZONE: usize = 4;
const FOOTER: &str = "Show this code at the entrance";

/// A PDF document with one A4 page per ticket, titled `title`.
///
/// Fails only if a ticket's code does not fit in a QR symbol, or if there is
/// no ticket at all.
pub fn render_pdf(title: &str, tickets: &[TicketSheet]) -> Result<Vec<u8>, RenderError> {
    if tickets.is_empty() {
        return Err(RenderError::NoTickets);
    }
    let mut pdf = PdfWriter::new(4096 + tickets.len() * 10_000);
    let catalog = pdf.reserve();
    let pages = pdf.reserve();
    let regular = pdf.reserve();
    let bold = pdf.reserve();
    let info = pdf.reserve();

    let mut kids = String::new();
    for ticket in tickets {
        let matrix = qr_matrix(&ticket.code, EcLevel::M)?;
        let page = pdf.reserve();
        let content = pdf.reserve();
        pdf.stream(content, page_content(ticket, &matrix).as_bytes());
        pdf.object(
            page,
            format!(
                "<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] \
                 /Resources << /Font << /F1 {regular} 0 R /F2 {bold} 0 R >> >> \
                 /Contents {content} 0 R >>"
            )
            .as_bytes(),
        );
        let _ = write!(kids, "{page} 0 R ");
    }

    pdf.object(
        catalog,
        format!("<< /Type /Catalog /Pages {pages} 0 R >>").as_bytes(),
    );
    pdf.object(
        pages,
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.trim_end(),
            tickets.len()
        )
        .as_bytes(),
    );
    for (id, name) in [(regular, "Helvetica"), (bold, "Helvetica-Bold")] {
        pdf.object(
            id,
            format!(
                "<< /Type /Font /Subtype /Type1 /BaseFont /{name} /Encoding /WinAnsiEncoding >>"
            )
            .as_bytes(),
        );
    }
    pdf.object(
        info,
        format!("<< /Title {} /Producer (QR Event) >>", utf16_hex(title)).as_bytes(),
    );
    Ok(pdf.finish(catalog, info))
}

/// The drawing operators of one ticket page.
fn page_content(ticket: &TicketSheet, matrix: &QrMatrix) -> String {
    let mut ops = String::with_capacity(12_000);
    ops.push_str("0 g\n");
    event_name(&mut ops, &ticket.event_name);
    line(&mut ops, Font::Regular, 14.0, 728.0, &ticket.when);
    line(&mut ops, Font::Regular, 12.0, 708.0, &ticket.venue);
    let _ = writeln!(
        ops,
        "q 0.6 G 0.5 w {MARGIN_X} 692 m {} 692 l S Q",
        PAGE_W - MARGIN_X
    );
    line(&mut ops, Font::Bold, 16.0, 664.0, &ticket.holder);
    line(&mut ops, Font::Regular, 12.0, 644.0, &ticket.category);
    symbol(&mut ops, matrix);
    let footer = to_win_ansi(FOOTER);
    let x = (PAGE_W - text_width(Font::Regular, 11.0, &footer)) / 2.0;
    show(
        &mut ops,
        Font::Regular,
        11.0,
        x,
        QR_TOP - QR_EDGE - 24.0,
        &footer,
    );
    ops
}

/// The event name: bold, shrunk from 26 to 16 points to fit, then cut.
fn event_name(ops: &mut String, name: &str) {
    let bytes = to_win_ansi(name);
    let mut size = 26.0;
    while size > 16.0 && text_width(Font::Bold, size, &bytes) > TEXT_W {
        size -= 1.0;
    }
    let fitted = truncate(Font::Bold, size, TEXT_W, &bytes);
    show(ops, Font::Bold, size, MARGIN_X, 759.0, &fitted);
}

/// One left-aligned line, cut to the text width; nothing if empty.
fn line(ops: &mut String, font: Font, size: f32, y: f32, text: &str) {
    let bytes = to_win_ansi(text);
    if bytes.iter().all(|&b| b == b' ') {
        return;
    }
    show(
        ops,
        font,
        size,
        MARGIN_X,
        y,
        &truncate(font, size, TEXT_W, &bytes),
    );
}

fn show(ops: &mut String, font: Font, size: f32, x: f32, y: f32, bytes: &[u8]) {
    let _ = writeln!(
        ops,
        "BT /{} {size} Tf {x:.2} {y:.2} Td {} Tj ET",
        font.resource(),
        literal(bytes)
    );
}

/// The QR symbol as filled rectangles, one per run of dark modules in a row,
/// in module units: the matrix flips y so rows go down the page.
fn symbol(ops: &mut String, matrix: &QrMatrix) {
    let edge_modules = matrix.width() + 2 * QUIET_ZONE;
    let module = QR_EDGE / edge_modules as f32;
    let left = (PAGE_W - QR_EDGE) / 2.0;
    let _ = writeln!(
        ops,
        "q {module:.4} 0 0 {:.4} {left:.2} {QR_TOP:.2} cm",
        -module
    );
    for y in 0..matrix.width() {
        for (x, len) in matrix.dark_runs(y) {
            let _ = write!(ops, "{} {} {len} 1 re ", x + QUIET_ZONE, y + QUIET_ZONE);
        }
        ops.push('\n');
    }
    ops.push_str("f Q\n");
}
