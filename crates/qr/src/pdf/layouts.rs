//! Where each piece of a ticket goes, per layout. Sizes in points (1 mm is
//! 2.835 pt); every text line shrinks, then is cut, to stay in its box.

use krilla::surface::Surface;

use super::draw::{self, Area, Style, Tone, QUIET_ZONE};
use super::fonts::Weight::{Bold, Regular};
use super::text::Align;
use super::TicketSheet;
use crate::matrix::QrMatrix;

/// One ticket on a page of its own (A4 or US Letter): a 90 mm symbol.
pub(crate) fn full_page(s: &mut Surface, t: &TicketSheet, qr: &QrMatrix, page: Area) {
    let body = page.inset(56.69); // 20 mm
    let span = (body.left, body.right());
    let mut y = body.top;
    y = draw::text(
        s,
        &t.event_name,
        Style::new(Bold, 26.0, Tone::Ink).shrink_to(16.0),
        span,
        y,
    );
    y = draw::text(
        s,
        &t.when,
        Style::new(Regular, 14.0, Tone::Ink).shrink_to(10.0),
        span,
        y + 4.0,
    );
    y = draw::text(
        s,
        &t.venue,
        Style::new(Regular, 12.0, Tone::Muted).shrink_to(9.0),
        span,
        y,
    );
    y += 12.0;
    draw::line(s, (span.0, y), (span.1, y), 0.75, false);
    y += 18.0;
    y = draw::text(
        s,
        &t.labels.holder,
        Style::new(Regular, 10.0, Tone::Muted),
        span,
        y,
    );
    y = draw::text(
        s,
        &t.holder,
        Style::new(Bold, 20.0, Tone::Ink).shrink_to(12.0),
        span,
        y + 2.0,
    );
    if !t.category.trim().is_empty() {
        y = draw::text(
            s,
            &t.labels.category,
            Style::new(Regular, 10.0, Tone::Muted),
            span,
            y + 8.0,
        );
        y = draw::text(
            s,
            &t.category,
            Style::new(Regular, 14.0, Tone::Ink).shrink_to(10.0),
            span,
            y + 2.0,
        );
    }
    let edge = 255.12; // 90 mm, quiet zone included
    let top = y + 16.0;
    draw::qr(s, qr, page.left + (page.width - edge) / 2.0, top, edge);
    let hint = Style::new(Regular, 12.0, Tone::Muted)
        .shrink_to(9.0)
        .centered();
    draw::text(s, &t.labels.instruction, hint, span, top + edge + 4.0);
}

/// One of eight tickets on an A4 page (105 × 74 mm): text across the top,
/// the symbol below on the left, the holder beside it.
pub(crate) fn sheet_cell(s: &mut Surface, t: &TicketSheet, qr: &QrMatrix, cell: Area) {
    let body = cell.inset(14.0);
    let span = (body.left, body.right());
    let mut y = body.top;
    y = draw::text(
        s,
        &t.event_name,
        Style::new(Bold, 12.0, Tone::Ink).shrink_to(8.0),
        span,
        y,
    );
    y = draw::text(
        s,
        &t.when,
        Style::new(Regular, 8.0, Tone::Ink).shrink_to(6.5),
        span,
        y + 1.0,
    );
    y = draw::text(
        s,
        &t.venue,
        Style::new(Regular, 8.0, Tone::Muted).shrink_to(6.5),
        span,
        y,
    );
    // The quiet zone may lie in the padding: the dark modules line up with
    // the text above.
    let edge = body.bottom() - y + 10.0;
    let module = edge / (qr.width() + 2 * QUIET_ZONE) as f32;
    let quiet = module * QUIET_ZONE as f32;
    draw::qr(s, qr, body.left - quiet, y + 8.0 - quiet, edge);
    let side = (body.left + edge - quiet + 4.0, body.right());
    let mut ry = y + 8.0;
    ry = draw::text(
        s,
        &t.labels.holder,
        Style::new(Regular, 7.0, Tone::Muted),
        side,
        ry,
    );
    ry = name(
        s,
        &t.holder,
        side,
        ry + 1.0,
        (12.0, 9.0),
        (10.0, 7.0),
        Align::Left,
    );
    if !t.category.trim().is_empty() {
        ry = draw::text(
            s,
            &t.labels.category,
            Style::new(Regular, 7.0, Tone::Muted),
            side,
            ry + 5.0,
        );
        draw::text(
            s,
            &t.category,
            Style::new(Regular, 10.0, Tone::Ink).shrink_to(7.0),
            side,
            ry + 1.0,
        );
    }
    let hint = Style::new(Regular, 7.0, Tone::Muted).shrink_to(5.5);
    draw::text(s, &t.labels.instruction, hint, side, body.bottom() - 9.0);
}

/// A name badge of A6 (105 × 148 mm, four to an A4 page): the holder's
/// name as large as it fits on one or two lines, the event, the symbol.
pub(crate) fn badge(s: &mut Surface, t: &TicketSheet, qr: &QrMatrix, cell: Area) {
    let body = cell.inset(22.0);
    let span = (body.left, body.right());
    let mut y = body.top;
    let centered =
        |weight, size, min, tone| Style::new(weight, size, tone).shrink_to(min).centered();
    y = draw::text(
        s,
        &t.event_name,
        centered(Bold, 14.0, 9.0, Tone::Ink),
        span,
        y,
    );
    y = draw::text(
        s,
        &t.when,
        centered(Regular, 9.0, 7.0, Tone::Muted),
        span,
        y + 1.0,
    );
    y += 10.0;
    draw::line(s, (span.0, y), (span.1, y), 0.75, false);
    y += 22.0;
    y = name(
        s,
        &t.holder,
        span,
        y,
        (34.0, 20.0),
        (28.0, 14.0),
        Align::Center,
    );
    y = draw::text(
        s,
        &t.category,
        centered(Regular, 16.0, 9.0, Tone::Muted),
        span,
        y + 4.0,
    );
    let hint_top = body.bottom() - 10.0;
    let edge = (hint_top - y - 8.0).min(body.width * 0.75).max(72.0);
    draw::qr(
        s,
        qr,
        cell.left + (cell.width - edge) / 2.0,
        hint_top - edge - 2.0,
        edge,
    );
    let hint = centered(Regular, 8.0, 6.0, Tone::Muted);
    draw::text(s, &t.labels.instruction, hint, span, hint_top);
}

/// The holder's name in bold: on one line at `one` (size, smallest size)
/// if it fits, else split at the space nearest its middle onto two lines at
/// `two`. Returns the y below it.
fn name(
    s: &mut Surface,
    name: &str,
    span: (f32, f32),
    top: f32,
    one: (f32, f32),
    two: (f32, f32),
    align: Align,
) -> f32 {
    let style = |(size, min): (f32, f32)| Style {
        align,
        ..Style::new(Bold, size, Tone::Ink).shrink_to(min)
    };
    let name = name.trim();
    let middle = name.len() / 2;
    let split = name
        .match_indices(' ')
        .map(|(i, _)| i)
        .min_by_key(|&i| i.abs_diff(middle));
    match split {
        Some(at) if draw::width(name, Bold, one.1) > span.1 - span.0 => {
            let y = draw::text(s, name[..at].trim_end(), style(two), span, top);
            draw::text(s, name[at..].trim_start(), style(two), span, y)
        }
        _ => draw::text(s, name, style(one), span, top),
    }
}
