//! The fonts embedded in the binary and the fallback order between them.
//!
//! Each face is parsed once per process, both for shaping (rustybuzz) and for
//! writing (krilla, which embeds only the glyphs a document uses).

use std::sync::LazyLock;

use krilla::text::Font;

/// Regular or bold text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Weight {
    Regular,
    Bold,
}

/// One embedded font, ready to shape with and to draw.
pub(crate) struct Face {
    pub shaper: rustybuzz::Face<'static>,
    pub font: Font,
}

impl Face {
    fn load(data: &'static [u8]) -> Self {
        // The files are part of the source tree, so a face that does not
        // parse is a build mistake caught by the first test that renders.
        let shaper = rustybuzz::Face::from_slice(data, 0).expect("embedded font parses");
        let font = Font::new(data.into(), 0).expect("embedded font parses");
        Self { shaper, font }
    }

    /// Whether the font has a glyph for `c`.
    pub fn covers(&self, c: char) -> bool {
        self.shaper.glyph_index(c).is_some()
    }
}

const NOTO_REGULAR: &[u8] = include_bytes!("../../fonts/NotoSans-Regular.ttf");
const NOTO_BOLD: &[u8] = include_bytes!("../../fonts/NotoSans-Bold.ttf");
const ARABIC_REGULAR: &[u8] = include_bytes!("../../fonts/NotoSansArabic-Regular.ttf");
const ARABIC_BOLD: &[u8] = include_bytes!("../../fonts/NotoSansArabic-Bold.ttf");
const HEBREW_REGULAR: &[u8] = include_bytes!("../../fonts/NotoSansHebrew-Regular.ttf");
const HEBREW_BOLD: &[u8] = include_bytes!("../../fonts/NotoSansHebrew-Bold.ttf");
const SYMBOLS: &[u8] = include_bytes!("../../fonts/NotoSansSymbols2-Regular.ttf");
const CJK: &[u8] = include_bytes!("../../fonts/DroidSansFallbackFull.ttf");

/// Every face, in the order of [`FILES`]; indexes are what runs carry.
static FACES: LazyLock<Vec<Face>> = LazyLock::new(|| FILES.iter().map(|d| Face::load(d)).collect());

const FILES: [&[u8]; 8] = [
    NOTO_REGULAR,
    ARABIC_REGULAR,
    HEBREW_REGULAR,
    SYMBOLS,
    CJK,
    NOTO_BOLD,
    ARABIC_BOLD,
    HEBREW_BOLD,
];

/// Fallback order per weight: Latin, Greek and Cyrillic first, then the
/// scripts Noto Sans lacks. Symbols and CJK have no bold face: the regular
/// one stands in.
const REGULAR_CHAIN: [usize; 5] = [0, 1, 2, 3, 4];
const BOLD_CHAIN: [usize; 5] = [5, 6, 7, 3, 4];

/// Whether text of `weight` set in face `index` must be emboldened by
/// drawing (a regular face standing in for a missing bold).
pub(crate) fn synthetic_bold(weight: Weight, index: usize) -> bool {
    weight == Weight::Bold && REGULAR_CHAIN[3..].contains(&index)
}

/// The face at `index` (as returned by [`pick`]).
pub(crate) fn face(index: usize) -> &'static Face {
    &FACES[index]
}

/// The fallback order for `weight`.
pub(crate) fn chain(weight: Weight) -> &'static [usize] {
    match weight {
        Weight::Regular => &REGULAR_CHAIN,
        Weight::Bold => &BOLD_CHAIN,
    }
}

/// The first face of `weight` that has a glyph for `c`; the first face of
/// the chain when none has (it draws its "missing glyph" box, and the text
/// stays extractable).
pub(crate) fn pick(weight: Weight, c: char) -> usize {
    let chain = chain(weight);
    chain
        .iter()
        .copied()
        .find(|&i| face(i).covers(c))
        .unwrap_or(chain[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_script_finds_its_font() {
        assert_eq!(pick(Weight::Regular, 'Ł'), 0);
        assert_eq!(pick(Weight::Bold, 'Ø'), 5);
        assert_eq!(pick(Weight::Regular, 'م'), 1);
        assert_eq!(pick(Weight::Bold, 'م'), 6);
        assert_eq!(pick(Weight::Regular, 'ש'), 2);
        assert_eq!(pick(Weight::Bold, '★'), 3);
        assert_eq!(pick(Weight::Bold, '龍'), 4);
        assert_eq!(pick(Weight::Regular, '\u{E000}'), 0, "nobody: the first");
    }
}
