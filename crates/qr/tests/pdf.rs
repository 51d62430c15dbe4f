//! The printable PDF, read back with poppler's tools as a reader's viewer
//! would: every script's text extracts, fonts are embedded subsets, pages
//! are the layout's, and the drawn symbols scan back to their codes.
//!
//! Needs `pdftotext`, `pdffonts`, `pdfinfo` and `pdftoppm` (Debian package
//! poppler-utils, installed by `.ci/run`); without them the checks that use
//! them say so and pass.

use std::path::{Path, PathBuf};
use std::process::Command;

use qr_event_qr::{
    render_pdf, KeyId, KeyRing, PdfLayout, RenderError, SheetLabels, SigningKeyPair, TicketCodec,
    TicketSheet,
};
use uuid::Uuid;

const HOLDER: &str = "李小龍 Zoë Ørsted Łukasz محمد";
const CATEGORY: &str = "VIP ★";
const EVENT: &str = "Fête de la Musique — 東京 2026";

fn ring() -> KeyRing {
    KeyRing::new(
        Some(SigningKeyPair::from_secret(KeyId([1, 2, 3, 4]), [5; 32])),
        vec![],
    )
    .unwrap()
}

fn sheet(ring: &KeyRing, holder: &str) -> TicketSheet {
    TicketSheet {
        event_name: EVENT.into(),
        when: "dimanche 21 juin 2026, 20:00 – 23:30 (Asia/Tokyo)".into(),
        venue: "Yoyogi Park, 渋谷区, Tokyo".into(),
        holder: holder.into(),
        category: CATEGORY.into(),
        code: ring.encode(Uuid::new_v4(), Uuid::new_v4()).unwrap(),
        labels: SheetLabels {
            holder: "Titulaire".into(),
            category: "Catégorie".into(),
            instruction: "Présentez ce code à l’entrée".into(),
        },
    }
}

/// `tool`'s output on `pdf` (written to a file), or `None` if the tool is
/// not installed.
fn run(tool: &str, args: &[&str], pdf: &[u8]) -> Option<String> {
    let path = temp(pdf);
    let mut command = Command::new(tool);
    command.args(args).arg(&path);
    if tool == "pdftotext" {
        command.arg("-");
    }
    let out = command.output();
    let _ = std::fs::remove_file(&path);
    match out {
        Ok(out) => {
            assert!(
                out.status.success(),
                "{tool}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            Some(String::from_utf8(out.stdout).expect("UTF-8 output"))
        }
        Err(_) => {
            eprintln!("SKIPPED: {tool} not installed (apt-get install poppler-utils)");
            None
        }
    }
}

fn temp(bytes: &[u8]) -> PathBuf {
    let path = std::env::temp_dir().join(format!("qr-event-{}.pdf", Uuid::new_v4()));
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Page count and page size from `pdfinfo`.
fn info(pdf: &[u8]) -> Option<(usize, String)> {
    let path = temp(pdf);
    let out = Command::new("pdfinfo").arg(&path).output().ok();
    let _ = std::fs::remove_file(&path);
    let text = String::from_utf8(out?.stdout).unwrap();
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    Some((field("Pages:").parse().unwrap(), field("Page size:")))
}

#[test]
fn every_script_extracts_from_every_layout() {
    let ring = ring();
    for layout in PdfLayout::ALL {
        let pdf = render_pdf(EVENT, &[sheet(&ring, HOLDER)], layout).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        let Some(text) = run("pdftotext", &["-enc", "UTF-8"], &pdf) else {
            return;
        };
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for expected in [
            EVENT,
            CATEGORY,
            "李小龍 Zoë Ørsted Łukasz",
            "Présentez ce code",
        ] {
            assert!(
                flat.contains(expected),
                "{layout}: {expected:?} in {flat:?}"
            );
        }
        // poppler writes right-to-left runs in reading order or in visual
        // order depending on its version; either proves the glyphs map back
        // to the right characters (a missing glyph would extract nothing,
        // a wrong font map would extract other letters).
        assert!(
            flat.contains("محمد") || flat.contains("دمحم"),
            "{layout}: Arabic in {flat:?}"
        );
        if layout != PdfLayout::Badge {
            assert!(
                flat.contains("Titulaire") && flat.contains("Catégorie"),
                "{flat}"
            );
        }
    }
}

/// Names in the scripts of the fonts beyond Noto Sans, Arabic and Hebrew.
const WORLD: [(&str, &str); 16] = [
    ("Devanagari", "अनिता"),
    ("Bengali", "অমিত"),
    ("Gurmukhi", "ਹਰਮਨ"),
    ("Gujarati", "કિરણ"),
    ("Tamil", "கமலா"),
    ("Telugu", "రమేష్"),
    ("Kannada", "ಕಮಲ"),
    ("Malayalam", "മനു"),
    ("Sinhala", "නිමල්"),
    ("Thai", "สมชาย"),
    ("Lao", "ສົມພອນ"),
    ("Khmer", "សុខា"),
    ("Myanmar", "မောင်"),
    ("Georgian", "ნინო"),
    ("Armenian", "Անի"),
    ("Ethiopic", "አበበ"),
];

#[test]
fn the_scripts_of_south_asia_the_caucasus_and_ethiopia_have_their_fonts() {
    let ring = ring();
    let sheets: Vec<TicketSheet> = WORLD.iter().map(|(_, name)| sheet(&ring, name)).collect();
    let pdf = render_pdf(EVENT, &sheets, PdfLayout::Sheet8).unwrap();
    let Some(fonts) = run("pdffonts", &[], &pdf) else {
        return;
    };
    // Each script is drawn with its own font (a missing one would fall back
    // to Noto Sans and draw boxes).
    for (script, _) in WORLD {
        assert!(
            fonts.contains(&format!("NotoSans{script}")),
            "{script} in {fonts}"
        );
    }
    // Every letter comes back as text: shaping may reorder glyphs in a
    // cluster, so compare the letters, not their order.
    let text = run("pdftotext", &["-enc", "UTF-8"], &pdf).unwrap();
    let letters = |s: &str| {
        let mut v: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
        v.sort_unstable();
        v
    };
    for (script, name) in WORLD {
        let found = text
            .split_whitespace()
            .any(|word| letters(word) == letters(name));
        assert!(found, "{script} {name:?} in {text:?}");
    }
}

#[test]
fn fonts_are_embedded_subsets() {
    let pdf = render_pdf(EVENT, &[sheet(&ring(), HOLDER)], PdfLayout::A4).unwrap();
    let Some(fonts) = run("pdffonts", &[], &pdf) else {
        return;
    };
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    // Regular and bold Latin, Arabic bold, symbols and CJK at least.
    assert!(rows.len() >= 5, "{fonts}");
    for row in &rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type encoding emb sub uni object-id generation
        let n = cols.len();
        assert_eq!(
            cols[n - 5..n - 2],
            ["yes", "yes", "yes"],
            "embedded subset with ToUnicode: {row}"
        );
    }
    for family in [
        "NotoSans-Regular",
        "NotoSans-Bold",
        "NotoSansArabic-Bold",
        "NotoSansSymbols2",
        "DroidSansFallback",
    ] {
        assert!(fonts.contains(family), "{family} in {fonts}");
    }
    // Subsetting keeps the 6 MB of embedded fonts out of the file.
    assert!(pdf.len() < 120_000, "{} bytes", pdf.len());
}

#[test]
fn layouts_put_tickets_on_their_pages() {
    let ring = ring();
    let tickets: Vec<TicketSheet> = (0..9)
        .map(|i| sheet(&ring, &format!("Holder {i}")))
        .collect();
    for (layout, pages, size) in [
        (PdfLayout::A4, 9, "595.28 x 841.89 pts (A4)"),
        (PdfLayout::Letter, 9, "612 x 792 pts (letter)"),
        (PdfLayout::Sheet8, 2, "595.28 x 841.89 pts (A4)"),
        (PdfLayout::Badge, 3, "595.28 x 841.89 pts (A4)"),
    ] {
        let pdf = render_pdf("Tickets", &tickets, layout).unwrap();
        let Some((count, page_size)) = info(&pdf) else {
            eprintln!("SKIPPED: pdfinfo not installed");
            return;
        };
        assert_eq!((count, page_size.as_str()), (pages, size), "{layout}");
        let text = run("pdftotext", &[], &pdf).unwrap();
        for i in 0..9 {
            assert!(
                text.contains(&format!("Holder {i}")),
                "{layout}: holder {i}"
            );
        }
    }
}

/// The first page rendered in grey at `dpi`, as (width, height, pixels).
fn raster(pdf: &[u8], dpi: u32) -> Option<(usize, usize, Vec<u8>)> {
    let path = temp(pdf);
    let prefix = path.with_extension("");
    let status = Command::new("pdftoppm")
        .args([
            "-gray",
            "-r",
            &dpi.to_string(),
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
        ])
        .arg(&path)
        .arg(&prefix)
        .status();
    let _ = std::fs::remove_file(&path);
    if status.is_err() {
        eprintln!("SKIPPED: pdftoppm not installed");
        return None;
    }
    let pgm = prefix.with_extension("pgm");
    let image = read_pgm(&pgm);
    let _ = std::fs::remove_file(&pgm);
    Some(image)
}

fn read_pgm(path: &Path) -> (usize, usize, Vec<u8>) {
    let bytes = std::fs::read(path).unwrap();
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8(bytes[start..at].to_vec()).unwrap());
    }
    assert_eq!(fields[0], "P5");
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    (w, h, bytes[at + 1..].to_vec())
}

/// The code in each cell of a `columns` × `rows` page, in page order.
fn scan_cells(pdf: &[u8], dpi: u32, (columns, rows): (usize, usize)) -> Option<Vec<String>> {
    let (w, h, pixels) = raster(pdf, dpi)?;
    let (cw, ch) = (w / columns, h / rows);
    let mut codes = Vec::new();
    for cell in 0..columns * rows {
        let (left, top) = ((cell % columns) * cw, (cell / columns) * ch);
        let mut image = rqrr::PreparedImage::prepare_from_greyscale(cw, ch, |x, y| {
            pixels[(top + y) * w + left + x]
        });
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1, "one symbol in cell {cell}");
        codes.push(grids[0].decode().expect("symbol decodes").1);
    }
    Some(codes)
}

#[test]
fn drawn_symbols_scan_back_to_their_codes() {
    let ring = ring();
    let tickets: Vec<TicketSheet> = (0..8).map(|i| sheet(&ring, &format!("H {i}"))).collect();
    let codes: Vec<String> = tickets.iter().map(|t| t.code.clone()).collect();
    let one = render_pdf("t", &tickets[..1], PdfLayout::A4).unwrap();
    let Some(scanned) = scan_cells(&one, 100, (1, 1)) else {
        return;
    };
    assert_eq!(scanned, codes[..1]);
    let sheet8 = render_pdf("t", &tickets, PdfLayout::Sheet8).unwrap();
    assert_eq!(scan_cells(&sheet8, 150, (2, 4)).unwrap(), codes);
    let badges = render_pdf("t", &tickets[..4], PdfLayout::Badge).unwrap();
    assert_eq!(scan_cells(&badges, 100, (2, 2)).unwrap(), codes[..4]);
}

#[test]
fn long_texts_stay_in_their_boxes() {
    let ring = ring();
    let mut ticket = sheet(&ring, &"Maximilian-Alexander ".repeat(10));
    ticket.event_name = "An Extremely Long Event Name ".repeat(20);
    ticket.venue = "W".repeat(10_000);
    ticket.category = String::new();
    for layout in PdfLayout::ALL {
        let pdf = render_pdf("t", std::slice::from_ref(&ticket), layout).unwrap();
        let Some(text) = run("pdftotext", &["-enc", "UTF-8"], &pdf) else {
            return;
        };
        assert!(text.contains("An Extremely Long Event Name"), "{layout}");
        assert!(
            text.contains('…'),
            "cut lines end with an ellipsis: {layout}"
        );
        assert!(!text.contains(&"W".repeat(200)), "{layout}");
        assert!(
            !text.contains("Catégorie"),
            "no category, no label: {layout}"
        );
    }
}

#[test]
fn a_thousand_tickets_build() {
    let ring = ring();
    let tickets: Vec<TicketSheet> = (0..1000)
        .map(|i| sheet(&ring, &format!("Holder {i}")))
        .collect();
    let pdf = render_pdf("Bulk", &tickets, PdfLayout::Sheet8).unwrap();
    if let Some((pages, _)) = info(&pdf) {
        assert_eq!(pages, 125);
    }
}

#[test]
fn no_ticket_or_oversized_code_is_an_error() {
    assert_eq!(
        render_pdf("t", &[], PdfLayout::A4),
        Err(RenderError::NoTickets)
    );
    let mut ticket = sheet(&ring(), "x");
    ticket.code = "Z".repeat(5000);
    assert_eq!(
        render_pdf("t", &[ticket], PdfLayout::Sheet8),
        Err(RenderError::TooLong)
    );
}

#[test]
fn layout_names_round_trip() {
    for layout in PdfLayout::ALL {
        assert_eq!(layout.as_str().parse::<PdfLayout>(), Ok(layout));
    }
    assert!("A4 ".parse::<PdfLayout>().is_err());
    assert_eq!(PdfLayout::default(), PdfLayout::A4);
}

/// Writes the sample ticket in every layout to `$QR_EVENT_PDF_SAMPLES`, for
/// looking at (docs/screenshots are made from them).
#[test]
fn samples_for_the_eye() {
    let Ok(dir) = std::env::var("QR_EVENT_PDF_SAMPLES") else {
        return;
    };
    let ring = ring();
    let mut tickets = vec![sheet(&ring, HOLDER)];
    for name in [
        "Amélie Poulain",
        "أحمد الخطيب",
        "佐藤 健",
        "Ólafur Jóhannesson-Brynjólfsdóttir",
        "שרה כהן",
        "Jean Dupont",
        "Σοφία Παπαδοπούλου",
    ] {
        tickets.push(sheet(&ring, name));
    }
    for layout in PdfLayout::ALL {
        let pdf = render_pdf(EVENT, &tickets, layout).unwrap();
        std::fs::write(Path::new(&dir).join(format!("ticket-{layout}.pdf")), pdf).unwrap();
    }
    let world: Vec<TicketSheet> = WORLD.iter().map(|(_, name)| sheet(&ring, name)).collect();
    let pdf = render_pdf(EVENT, &world, PdfLayout::Sheet8).unwrap();
    std::fs::write(Path::new(&dir).join("tickets-world-sheet8.pdf"), pdf).unwrap();
}

#[test]
fn a_latin_ticket_embeds_only_what_it_draws() {
    let ring = ring();
    let mut ticket = sheet(&ring, "Jean Dupont");
    ticket.event_name = "Rust Meetup Lyon".into();
    ticket.venue = "La Halle, Lyon".into();
    ticket.category = "General admission".into();
    let pdf = render_pdf("t", &[ticket], PdfLayout::A4).unwrap();
    eprintln!("one Latin ticket: {} bytes", pdf.len());
    // Two Noto Sans subsets; none of the CJK font's 4 MB.
    assert!(pdf.len() < 40_000, "{} bytes", pdf.len());
}
