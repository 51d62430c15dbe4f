//! One line of text, laid out for any script: bidirectional order (Unicode
//! bidi algorithm), a font per run by character coverage, shaping by
//! rustybuzz (ligatures, Arabic joining, marks, kerning), then fitted to a
//! width by shrinking and cutting with `…`.

use krilla::color::rgb;
use krilla::geom::Point;
use krilla::num::NormalizedF32;
use krilla::paint::{Fill, FillRule, LineJoin, Stroke};
use krilla::surface::Surface;
use krilla::text::{GlyphId, KrillaGlyph};
use rustybuzz::{Direction, UnicodeBuffer};
use unicode_bidi::BidiInfo;
use unicode_script::{Script, UnicodeScript};

use super::fonts::{face, pick, synthetic_bold, Weight};

/// Longest text considered: no line of a ticket shows more, so longer input
/// is cut before any work.
const MAX_CHARS: usize = 300;

/// A run of glyphs of one face, in visual order.
struct Run {
    face: usize,
    /// The characters the glyphs stand for (for copy and search).
    text: String,
    glyphs: Vec<KrillaGlyph>,
    /// Advance in em.
    width: f32,
    /// Bold asked of a face that has no bold: drawn with an outline.
    embolden: bool,
}

/// A shaped line: runs from left to right.
pub(crate) struct Line {
    runs: Vec<Run>,
    /// Advance in em.
    width: f32,
}

/// Where a line sits between two x positions. The fixed texts are French
/// or English, so a right-to-left name still starts on the left, under its
/// label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Center,
}

impl Line {
    /// Lays out `text` (control characters become spaces).
    pub fn shape(text: &str, weight: Weight) -> Self {
        let clean: String = text
            .chars()
            .take(MAX_CHARS)
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let bidi = BidiInfo::new(&clean, None);
        let Some(para) = bidi.paragraphs.first() else {
            return Self {
                runs: Vec::new(),
                width: 0.0,
            };
        };
        let (levels, visual) = bidi.visual_runs(para, para.range.clone());
        let mut runs = Vec::new();
        for range in visual {
            let rtl = levels[range.start].is_rtl();
            let mut pieces = split_by_font(&clean[range.clone()], weight);
            if rtl {
                pieces.reverse();
            }
            for (face, piece) in pieces {
                let mut run = shape_run(face, piece, rtl);
                run.embolden = synthetic_bold(weight, face);
                runs.push(run);
            }
        }
        Self {
            width: runs.iter().map(|r| r.width).sum(),
            runs,
        }
    }

    /// Width in points at `size`.
    pub fn width(&self, size: f32) -> f32 {
        self.width * size
    }

    /// Whether nothing visible is drawn.
    pub fn is_blank(&self) -> bool {
        self.runs.iter().all(|r| r.text.trim().is_empty())
    }

    /// Draws the line in `color` with its baseline at `y`, aligned in
    /// `[left, right]`.
    pub fn draw(
        &self,
        surface: &mut Surface,
        size: f32,
        (left, right): (f32, f32),
        y: f32,
        align: Align,
        color: rgb::Color,
    ) {
        let spare = (right - left - self.width(size)).max(0.0);
        let mut x = match align {
            Align::Center => left + spare / 2.0,
            Align::Left => left,
        };
        surface.set_fill(Some(Fill {
            paint: color.into(),
            opacity: NormalizedF32::ONE,
            rule: FillRule::NonZero,
        }));
        for run in &self.runs {
            surface.set_stroke(run.embolden.then(|| Stroke {
                paint: color.into(),
                width: size * 0.035,
                line_join: LineJoin::Round,
                ..Stroke::default()
            }));
            let font = face(run.face).font.clone();
            surface.draw_glyphs(
                Point::from_xy(x, y),
                &run.glyphs,
                font,
                &run.text,
                size,
                false,
            );
            x += run.width * size;
        }
        surface.set_stroke(None);
    }
}

/// `text` laid out at the largest size in `min..=max` that fits in `width`,
/// cut with `…` if it does not fit even at `min`. Returns the line and its size.
pub(crate) fn fit(text: &str, weight: Weight, min: f32, max: f32, width: f32) -> (Line, f32) {
    let line = Line::shape(text, weight);
    if line.width <= 0.0 {
        return (line, max);
    }
    let size = (width / line.width).clamp(min, max);
    if line.width(size) <= width {
        return (line, size);
    }
    (truncate(text, weight, size, width), size)
}

/// The longest start of `text` that fits in `width` at `size` with `…`.
fn truncate(text: &str, weight: Weight, size: f32, width: f32) -> Line {
    let chars: Vec<char> = text.chars().take(MAX_CHARS).collect();
    let cut = |n: usize| {
        let mut s: String = chars[..n].iter().collect();
        s.truncate(s.trim_end().len());
        s.push('…');
        Line::shape(&s, weight)
    };
    // Largest n whose cut fits; the width grows with n (nearly: shaping
    // may join or kern, which a binary search tolerates).
    let (mut lo, mut hi) = (0, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if cut(mid).width(size) <= width {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    cut(lo)
}

/// Splits one directional run, in logical order, where the font or the
/// script changes. Spaces, punctuation and marks stay with the letters
/// before them when that font has them.
fn split_by_font(text: &str, weight: Weight) -> Vec<(usize, &str)> {
    let mut pieces: Vec<(usize, &str)> = Vec::new();
    let mut start = 0;
    // The face of the piece being built, and its script (Common while it
    // holds only neutral characters).
    let mut current: Option<(usize, Script)> = None;
    for (at, c) in text.char_indices() {
        let script = c.script();
        let neutral = matches!(script, Script::Common | Script::Inherited | Script::Unknown);
        if let Some((f, s)) = current.as_mut() {
            if face(*f).covers(c) && (neutral || *s == Script::Common || *s == script) {
                if !neutral {
                    *s = script;
                }
                continue;
            }
            pieces.push((*f, &text[start..at]));
            start = at;
        }
        let script = if neutral { Script::Common } else { script };
        current = Some((pick(weight, c), script));
    }
    if let Some((f, _)) = current {
        pieces.push((f, &text[start..]));
    }
    pieces
}

/// Shapes one run of one face and direction; glyphs come out left to right.
fn shape_run(face_index: usize, text: &str, rtl: bool) -> Run {
    let shaper = &face(face_index).shaper;
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.set_direction(if rtl {
        Direction::RightToLeft
    } else {
        Direction::LeftToRight
    });
    buffer.guess_segment_properties();
    let shaped = rustybuzz::shape(shaper, &[], buffer);
    let upem = shaper.units_per_em() as f32;
    // A glyph stands for the characters from its cluster start to the next
    // cluster start (clusters are byte offsets into `text`).
    let mut starts: Vec<usize> = shaped
        .glyph_infos()
        .iter()
        .map(|g| g.cluster as usize)
        .collect();
    starts.sort_unstable();
    starts.dedup();
    let end_of = |start: usize| match starts.binary_search(&start) {
        Ok(i) => starts.get(i + 1).copied().unwrap_or(text.len()),
        Err(_) => text.len(),
    };
    let mut width = 0.0;
    let glyphs = shaped
        .glyph_infos()
        .iter()
        .zip(shaped.glyph_positions())
        .map(|(info, pos)| {
            let start = info.cluster as usize;
            width += pos.x_advance as f32 / upem;
            KrillaGlyph::new(
                GlyphId::new(info.glyph_id),
                pos.x_advance as f32 / upem,
                pos.x_offset as f32 / upem,
                pos.y_offset as f32 / upem,
                pos.y_advance as f32 / upem,
                start..end_of(start),
                None,
            )
        })
        .collect();
    Run {
        face: face_index,
        text: text.to_owned(),
        glyphs,
        width,
        embolden: false,
    }
}

#[cfg(test)]
mod tests {
    use krilla::text::Glyph;

    use super::*;

    fn faces(line: &Line) -> Vec<(usize, &str)> {
        line.runs
            .iter()
            .map(|r| (r.face, r.text.as_str()))
            .collect()
    }

    #[test]
    fn mixed_scripts_get_their_fonts_in_visual_order() {
        let line = Line::shape("李小龍 Zoë محمد ★", Weight::Regular);
        let (cjk, symbols) = (pick(Weight::Regular, '龍'), pick(Weight::Regular, '★'));
        assert_eq!(
            faces(&line),
            [
                (cjk, "李小龍 "),
                (0, "Zoë "),
                (1, "محمد"),
                (0, " "),
                (symbols, "★")
            ]
        );
        assert!(line.width > 5.0);
    }

    #[test]
    fn arabic_paragraph_reads_right_to_left_and_joins() {
        let line = Line::shape("محمد", Weight::Bold);
        let run = &line.runs[0];
        // Glyphs listed left to right: the last letter first.
        assert!((2..=4).contains(&run.glyphs.len()));
        let ranges: Vec<_> = run.glyphs.iter().map(|g| g.text_range()).collect();
        assert_eq!(ranges.first().unwrap().start, 6, "last letter drawn first");
        assert_eq!(ranges.last().unwrap().start, 0);
    }

    #[test]
    fn fit_shrinks_then_cuts() {
        let (line, size) = fit("Short", Weight::Bold, 10.0, 20.0, 500.0);
        assert_eq!(size, 20.0);
        assert!(line.width(size) <= 500.0);
        let (_, size) = fit(&"Wide ".repeat(12), Weight::Bold, 10.0, 20.0, 300.0);
        assert!((10.0..20.0).contains(&size));
        let (line, size) = fit(&"Wide ".repeat(100), Weight::Bold, 10.0, 20.0, 300.0);
        assert_eq!(size, 10.0);
        assert!(line.width(size) <= 300.0);
        assert!(line.runs.last().unwrap().text.ends_with('…'));
    }

    #[test]
    fn blank_and_control_text() {
        assert!(Line::shape("", Weight::Regular).is_blank());
        assert!(Line::shape("  ", Weight::Regular).is_blank());
        let line = Line::shape("a\tb\nc", Weight::Regular);
        assert_eq!(faces(&line), [(0, "a b c")]);
    }
}
