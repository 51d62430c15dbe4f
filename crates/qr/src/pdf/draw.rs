//! Drawing primitives shared by the layouts: the QR symbol as vector paths,
//! rules, cut guides and coloured text. Coordinates in points, y downwards.

use krilla::color::rgb;
use std::collections::BTreeMap;

use krilla::geom::{PathBuilder, Rect, Transform};
use krilla::num::NormalizedF32;
use krilla::paint::{Fill, FillRule, LineCap, Stroke, StrokeDash};
use krilla::surface::Surface;

use super::fonts::Weight;
use super::text::{fit, Align, Line};
use crate::matrix::QrMatrix;

/// Modules of white around the symbol, as the QR standard asks.
pub(crate) const QUIET_ZONE: usize = 4;

/// Colours of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tone {
    /// Near black, for what is read.
    Ink,
    /// Grey, for labels and hints.
    Muted,
}

impl Tone {
    fn color(self) -> rgb::Color {
        match self {
            Self::Ink => rgb::Color::new(0x11, 0x18, 0x27),
            Self::Muted => rgb::Color::new(0x55, 0x5e, 0x6b),
        }
    }
}

/// Colour of rules and cut guides.
fn guide() -> rgb::Color {
    rgb::Color::new(0xa0, 0xa6, 0xb0)
}

/// A box on the page.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Area {
    pub left: f32,
    pub top: f32,
    pub width: f32,
    pub height: f32,
}

impl Area {
    pub fn right(&self) -> f32 {
        self.left + self.width
    }

    pub fn bottom(&self) -> f32 {
        self.top + self.height
    }

    /// The area less `pad` on every side.
    pub fn inset(&self, pad: f32) -> Self {
        Self {
            left: self.left + pad,
            top: self.top + pad,
            width: (self.width - 2.0 * pad).max(0.0),
            height: (self.height - 2.0 * pad).max(0.0),
        }
    }
}

fn fill(color: rgb::Color) -> Fill {
    Fill {
        paint: color.into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

/// The symbol in a square of `edge` points (quiet zone included) whose
/// top-left corner is at (`left`, `top`): one filled path of rectangles in
/// module units, scaled into place. Small integers and few rectangles keep
/// the page's content stream short (it is most of a page's bytes).
pub(crate) fn qr(surface: &mut Surface, matrix: &QrMatrix, left: f32, top: f32, edge: f32) {
    let module = edge / (matrix.width() + 2 * QUIET_ZONE) as f32;
    let quiet = QUIET_ZONE as f32 * module;
    let mut path = PathBuilder::new();
    for (x, y, w, h) in rectangles(matrix) {
        if let Some(rect) = Rect::from_xywh(x as f32, y as f32, w as f32, h as f32) {
            path.push_rect(rect);
        }
    }
    let Some(path) = path.finish() else { return };
    surface.push_transform(&Transform::from_row(
        module,
        0.0,
        0.0,
        module,
        left + quiet,
        top + quiet,
    ));
    surface.set_stroke(None);
    surface.set_fill(Some(fill(rgb::Color::black())));
    surface.draw_path(&path);
    surface.pop();
}

/// The dark modules as rectangles `(x, y, width, height)`: each run of dark
/// modules in a row, grown downwards while the rows below repeat it.
pub(crate) fn rectangles(matrix: &QrMatrix) -> Vec<(usize, usize, usize, usize)> {
    let mut done = Vec::new();
    // Open rectangles by (x, width): the row they started on.
    let mut open: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for y in 0..=matrix.width() {
        let mut next = BTreeMap::new();
        for (x, w) in matrix.dark_runs(y) {
            let top = open.remove(&(x, w)).unwrap_or(y);
            next.insert((x, w), top);
        }
        done.extend(open.into_iter().map(|((x, w), top)| (x, top, w, y - top)));
        open = next;
    }
    done
}

/// A straight line from (`x1`, `y1`) to (`x2`, `y2`); dashed if `dash`.
pub(crate) fn line(
    surface: &mut Surface,
    from: (f32, f32),
    to: (f32, f32),
    width: f32,
    dash: bool,
) {
    let mut path = PathBuilder::new();
    path.move_to(from.0, from.1);
    path.line_to(to.0, to.1);
    let Some(path) = path.finish() else { return };
    surface.set_fill(None);
    surface.set_stroke(Some(Stroke {
        paint: guide().into(),
        width,
        line_cap: LineCap::Butt,
        dash: dash.then(|| StrokeDash {
            array: vec![4.0, 3.0],
            offset: 0.0,
        }),
        ..Stroke::default()
    }));
    surface.draw_path(&path);
    surface.set_stroke(None);
}

/// Dashed guides along the inner edges of a `columns` × `rows` grid filling
/// `page`, to cut the page into its tickets.
pub(crate) fn cut_guides(surface: &mut Surface, page: Area, columns: usize, rows: usize) {
    for c in 1..columns {
        let x = page.left + page.width * c as f32 / columns as f32;
        line(surface, (x, page.top), (x, page.bottom()), 0.5, true);
    }
    for r in 1..rows {
        let y = page.top + page.height * r as f32 / rows as f32;
        line(surface, (page.left, y), (page.right(), y), 0.5, true);
    }
}

/// How one piece of text is set.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Style {
    pub weight: Weight,
    /// Preferred size in points.
    pub size: f32,
    /// Smallest size before the text is cut; equal to `size` to never shrink.
    pub min: f32,
    pub tone: Tone,
    pub align: Align,
}

impl Style {
    pub const fn new(weight: Weight, size: f32, tone: Tone) -> Self {
        Self {
            weight,
            size,
            min: size,
            tone,
            align: Align::Left,
        }
    }

    /// May shrink down to `min` points to fit.
    pub const fn shrink_to(mut self, min: f32) -> Self {
        self.min = min;
        self
    }

    pub const fn centered(mut self) -> Self {
        self.align = Align::Center;
        self
    }
}

/// Sets `text` on one line whose top is at `top`, between `left` and
/// `right`; returns the y just below it (unchanged when the text is blank).
pub(crate) fn text(
    surface: &mut Surface,
    text: &str,
    style: Style,
    (left, right): (f32, f32),
    top: f32,
) -> f32 {
    let (line, size) = fit(text, style.weight, style.min, style.size, right - left);
    if line.is_blank() {
        return top;
    }
    // Baseline at about 0.93 em below the top: Noto's ascender is 1.069 em,
    // capitals 0.714 em; accents above capitals still clear the top.
    let baseline = top + size * 0.93;
    line.draw(
        surface,
        size,
        (left, right),
        baseline,
        style.align,
        style.tone.color(),
    );
    top + size * 1.25
}

/// `text` shaped once: its width at `size`, for layouts that measure first.
pub(crate) fn width(text: &str, weight: Weight, size: f32) -> f32 {
    Line::shape(text, weight).width(size)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matrix::{qr_matrix, EcLevel};

    #[test]
    fn rectangles_cover_exactly_the_dark_modules() {
        let matrix = qr_matrix("QRE1:HELLO-WORLD-1234567890", EcLevel::M).unwrap();
        let n = matrix.width();
        let mut grid = vec![vec![false; n]; n];
        let rects = rectangles(&matrix);
        for &(x, y, w, h) in &rects {
            for row in &mut grid[y..y + h] {
                for cell in &mut row[x..x + w] {
                    assert!(!*cell, "no overlap");
                    *cell = true;
                }
            }
        }
        for (y, row) in grid.iter().enumerate() {
            for (x, &dark) in row.iter().enumerate() {
                assert_eq!(dark, matrix.is_dark(x, y), "module {x},{y}");
            }
        }
        let runs: usize = (0..n).map(|y| matrix.dark_runs(y).count()).sum();
        assert!(rects.len() < runs, "finder patterns and columns merge");
    }
}
