//! The printable PDF: valid structure, right text, the QR drawn exactly.

use qr_event_qr::{
    qr_matrix, render_pdf, EcLevel, KeyId, KeyRing, RenderError, SigningKeyPair, TicketCodec,
    TicketSheet,
};
use uuid::Uuid;

fn ring() -> KeyRing {
    KeyRing::new(
        Some(SigningKeyPair::from_secret(KeyId([1, 2, 3, 4]), [5; 32])),
        vec![],
    )
    .unwrap()
}

fn sheet(ring: &KeyRing, holder: &str) -> TicketSheet {
    TicketSheet {
        event_name: "Rust Meetup Lyon".into(),
        when: "Saturday 14 June 2025, 19:00".into(),
        venue: "La Halle, Lyon".into(),
        holder: holder.into(),
        category: "General admission".into(),
        code: ring.encode(Uuid::new_v4(), Uuid::new_v4()).unwrap(),
    }
}

fn text(pdf: &[u8]) -> &str {
    std::str::from_utf8(pdf).expect("the generator writes plain ASCII")
}

/// Checks header, trailer, and that every xref entry points at its object;
/// returns the number of objects.
fn check_structure(pdf: &[u8]) -> usize {
    let s = text(pdf);
    assert!(s.starts_with("%PDF-1.4\n"));
    assert!(s.trim_end().ends_with("%%EOF"));
    let startxref: usize = s[s.rfind("startxref\n").unwrap() + 10..]
        .lines()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(s[startxref..].starts_with("xref\n0 "));
    let mut lines = s[startxref..].lines().skip(1);
    let size: usize = lines.next().unwrap()[2..].parse().unwrap();
    assert!(lines.next().unwrap().starts_with("0000000000 65535 f"));
    for id in 1..size {
        let entry = lines.next().unwrap();
        assert_eq!(entry.len(), 18, "{entry:?}"); // 20 bytes with the CR LF
        assert!(entry.ends_with(" 00000 n"), "object {id} in use");
        let offset: usize = entry[..10].parse().unwrap();
        assert!(
            s[offset..].starts_with(&format!("{id} 0 obj\n")),
            "xref entry of object {id} points at {:?}",
            &s[offset..(offset + 12).min(s.len())]
        );
    }
    assert!(lines.next().unwrap().starts_with("trailer"));
    assert!(s.contains(&format!("/Size {size} /Root 1 0 R /Info 5 0 R")));
    // Every stream's /Length is its byte count.
    let mut rest = s;
    while let Some(at) = rest.find("<< /Length ") {
        rest = &rest[at + 11..];
        let (len, after) = rest.split_once(" >>\nstream\n").unwrap();
        let len: usize = len.parse().unwrap();
        assert!(after[len..].starts_with("\nendstream\nendobj\n"));
        rest = &after[len..];
    }
    size - 1
}

/// The content streams, in page order.
fn contents(pdf: &[u8]) -> Vec<&str> {
    text(pdf)
        .split(">>\nstream\n")
        .skip(1)
        .map(|s| &s[..s.find("\nendstream").unwrap()])
        .collect()
}

#[test]
fn one_ticket_document_is_well_formed() {
    let ring = ring();
    let ticket = sheet(&ring, "Zoë Dupont");
    let pdf = render_pdf("Tickets — Lyon", &[ticket]).unwrap();
    assert_eq!(check_structure(&pdf), 7);
    let s = text(&pdf);
    assert!(s.contains("/Count 1 "));
    assert_eq!(s.matches("/Type /Page ").count(), 1);
    assert!(s.contains("/MediaBox [0 0 595.28 841.89]"));
    assert!(s.contains("/BaseFont /Helvetica /Encoding /WinAnsiEncoding"));
    assert!(s.contains("/BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding"));
    assert!(s.contains("/Title <FEFF005400690063006B006500740073002020140020004C0079006F006E>"));
    let page = contents(&pdf)[0];
    assert!(page.contains("(Rust Meetup Lyon) Tj"));
    assert!(page.contains("(Zo\\353 Dupont) Tj"), "ë is WinAnsi 0xEB");
    assert!(page.contains("(Show this code at the entrance) Tj"));
}

#[test]
fn title_is_exact_utf16() {
    let pdf = render_pdf("Ab—", &[sheet(&ring(), "x")]).unwrap();
    assert!(text(&pdf).contains("/Title <FEFF004100622014>"));
}

#[test]
fn qr_rectangles_draw_exactly_the_symbol() {
    let ring = ring();
    let ticket = sheet(&ring, "A");
    let matrix = qr_matrix(&ticket.code, EcLevel::M).unwrap();
    let pdf = render_pdf("t", std::slice::from_ref(&ticket)).unwrap();
    let page = contents(&pdf)[0];
    let ops = &page[page.find(" cm\n").unwrap() + 4..page.find("f Q").unwrap()];
    let tokens: Vec<&str> = ops.split_whitespace().collect();
    let edge = matrix.width() + 8;
    let mut grid = vec![vec![false; edge]; edge];
    for rect in tokens.chunks(5) {
        assert_eq!(rect[3..], ["1", "re"]);
        let (x, y, w): (usize, usize, usize) = (
            rect[0].parse().unwrap(),
            rect[1].parse().unwrap(),
            rect[2].parse().unwrap(),
        );
        assert!(
            x >= 4 && y >= 4 && x + w <= edge - 4 && y < edge - 4,
            "inside the quiet zone"
        );
        for cell in &mut grid[y][x..x + w] {
            assert!(!*cell);
            *cell = true;
        }
    }
    for (y, row) in grid.iter().enumerate().skip(4).take(matrix.width()) {
        for (x, &dark) in row.iter().enumerate().skip(4).take(matrix.width()) {
            assert_eq!(dark, matrix.is_dark(x - 4, y - 4), "module {x},{y}");
        }
        // Runs are merged: no two rectangles touch on one row.
        let runs = row.windows(2).filter(|w| !w[0] && w[1]).count();
        assert_eq!(
            runs,
            tokens.chunks(5).filter(|r| r[1] == y.to_string()).count()
        );
    }
    // 90 mm wide, quiet zone included.
    let cm = &page[..page.find(" cm\n").unwrap()];
    let scale: f32 = cm
        .rsplit("q ")
        .next()
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!((scale * edge as f32 - 255.12).abs() < 0.1);
}

#[test]
fn text_is_escaped_mapped_and_truncated() {
    let ring = ring();
    let mut ticket = sheet(&ring, "a(b)c\\d 日本");
    ticket.event_name = "An Extremely Long Event Name ".repeat(20);
    ticket.venue = "W".repeat(10_000);
    ticket.category = String::new();
    ticket.when = "19:00 – 23:00 \u{1F389}\n(doors)".into();
    let pdf = render_pdf("t", &[ticket]).unwrap();
    check_structure(&pdf);
    let page = contents(&pdf)[0];
    assert!(page.contains("(a\\(b\\)c\\\\d ??) Tj"), "{page}");
    assert!(
        page.contains("(19:00 \\226 23:00 ? \\(doors\\)) Tj"),
        "{page}"
    );
    // Long lines are cut and end with an ellipsis (WinAnsi 0x85).
    let name_line = page.lines().find(|l| l.contains("/F2 16 Tf")).unwrap();
    assert!(name_line.contains("\\205) Tj"), "{name_line}");
    let venue_line = page.lines().find(|l| l.contains("(WWW")).unwrap();
    // 481.9 pt at 12 pt: W is 944/1000 em, so at most 42 of them.
    assert!(venue_line.matches('W').count() <= 42 && venue_line.matches('W').count() > 35);
    // The empty category draws nothing.
    assert_eq!(page.matches(" Tj").count(), 5);
}

#[test]
fn a_thousand_tickets_build() {
    let ring = ring();
    let tickets: Vec<TicketSheet> = (0..1000)
        .map(|i| sheet(&ring, &format!("Holder {i}")))
        .collect();
    let pdf = render_pdf("Bulk", &tickets).unwrap();
    assert_eq!(check_structure(&pdf), 5 + 2 * 1000);
    assert!(text(&pdf).contains("/Count 1000 "));
    assert_eq!(contents(&pdf).len(), 1000);
    assert!(contents(&pdf)[999].contains("(Holder 999) Tj"));
}

#[test]
fn no_ticket_or_oversized_code_is_an_error() {
    assert_eq!(render_pdf("t", &[]), Err(RenderError::NoTickets));
    let mut ticket = sheet(&ring(), "x");
    ticket.code = "Z".repeat(5000);
    assert_eq!(render_pdf("t", &[ticket]), Err(RenderError::TooLong));
}
