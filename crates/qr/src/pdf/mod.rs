//! Printable tickets as PDF, written with krilla: fonts embedded and
//! subsetted (Noto Sans, Noto Sans Arabic and Hebrew, Noto Sans Symbols 2,
//! Droid Sans Fallback for CJK), text shaped and put in bidirectional order,
//! the QR symbol drawn as vector paths. Four layouts: [`PdfLayout`].

mod draw;
mod fonts;
mod layouts;
mod text;

use std::fmt;
use std::str::FromStr;

use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::Document;

use crate::matrix::{qr_matrix, EcLevel, RenderError};
use draw::Area;

/// What one printed ticket shows. Plain text in any script; a line too long
/// for its box is set smaller, then cut with `…`.
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
    /// Ticket category (e.g. "VIP", "Staff"); nothing is printed when empty.
    pub category: String,
    /// The ticket code the QR symbol carries.
    pub code: String,
    /// The fixed texts, in the reader's language.
    pub labels: SheetLabels,
}

/// The fixed texts of a ticket, translated by the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetLabels {
    /// Above the holder's name ("Ticket holder").
    pub holder: String,
    /// Above the category ("Category").
    pub category: String,
    /// Under the symbol ("Show this code at the entrance").
    pub instruction: String,
}

impl Default for SheetLabels {
    /// The English texts.
    fn default() -> Self {
        Self {
            holder: "Ticket holder".into(),
            category: "Category".into(),
            instruction: "Show this code at the entrance".into(),
        }
    }
}

/// How tickets are put on pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum PdfLayout {
    /// One ticket per A4 page.
    #[default]
    A4,
    /// One ticket per US Letter page.
    Letter,
    /// Eight tickets per A4 page (105 × 74 mm each), with cut guides.
    Sheet8,
    /// Name badges of A6 size, four per A4 page, with cut guides.
    Badge,
}

/// Not one of the names in [`PdfLayout::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("layout must be one of a4, letter, sheet8, badge")]
pub struct ParseLayoutError;

impl PdfLayout {
    /// Every layout, in documentation order.
    pub const ALL: [PdfLayout; 4] = [Self::A4, Self::Letter, Self::Sheet8, Self::Badge];

    /// The name used in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::A4 => "a4",
            Self::Letter => "letter",
            Self::Sheet8 => "sheet8",
            Self::Badge => "badge",
        }
    }

    /// Page width and height in points.
    fn page(self) -> (f32, f32) {
        match self {
            Self::Letter => (612.0, 792.0),
            Self::A4 | Self::Sheet8 | Self::Badge => (595.28, 841.89),
        }
    }

    /// Tickets per page as columns × rows.
    fn grid(self) -> (usize, usize) {
        match self {
            Self::A4 | Self::Letter => (1, 1),
            Self::Sheet8 => (2, 4),
            Self::Badge => (2, 2),
        }
    }
}

impl FromStr for PdfLayout {
    type Err = ParseLayoutError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|l| l.as_str() == s)
            .ok_or(ParseLayoutError)
    }
}

impl fmt::Display for PdfLayout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A PDF document of `tickets` in `layout`, titled `title`.
///
/// Fails if there is no ticket, if a ticket's code does not fit in a QR
/// symbol, or (never seen) if the PDF writer refuses the document.
pub fn render_pdf(
    title: &str,
    tickets: &[TicketSheet],
    layout: PdfLayout,
) -> Result<Vec<u8>, RenderError> {
    if tickets.is_empty() {
        return Err(RenderError::NoTickets);
    }
    let symbols = tickets
        .iter()
        .map(|t| qr_matrix(&t.code, EcLevel::M))
        .collect::<Result<Vec<_>, _>>()?;
    let (width, height) = layout.page();
    let (columns, rows) = layout.grid();
    let page_area = Area {
        left: 0.0,
        top: 0.0,
        width,
        height,
    };
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(title.chars().take(1000).collect())
            .producer("QR Event".into()),
    );
    let settings = PageSettings::from_wh(width, height).ok_or(RenderError::Pdf)?;
    let per_page = columns * rows;
    for (page_no, chunk) in tickets.chunks(per_page).enumerate() {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        if per_page > 1 {
            draw::cut_guides(&mut surface, page_area, columns, rows);
        }
        for (i, ticket) in chunk.iter().enumerate() {
            let qr = &symbols[page_no * per_page + i];
            let cell = Area {
                left: width / columns as f32 * (i % columns) as f32,
                top: height / rows as f32 * (i / columns) as f32,
                width: width / columns as f32,
                height: height / rows as f32,
            };
            match layout {
                PdfLayout::A4 | PdfLayout::Letter => {
                    layouts::full_page(&mut surface, ticket, qr, cell)
                }
                PdfLayout::Sheet8 => layouts::sheet_cell(&mut surface, ticket, qr, cell),
                PdfLayout::Badge => layouts::badge(&mut surface, ticket, qr, cell),
            }
        }
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|_| RenderError::Pdf)
}
