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

/// Faces with a regular and a bold file: Latin, Greek and Cyrillic first.
const PAIRED: [(&[u8], &[u8]); 3] = [
    (NOTO_REGULAR, NOTO_BOLD),
    (ARABIC_REGULAR, ARABIC_BOLD),
    (HEBREW_REGULAR, HEBREW_BOLD),
];

/// Faces with one weight, standing in for bold too: the scripts of South
/// and South-East Asia, the Caucasus and Ethiopia, then symbols and CJK.
const SINGLE: [&[u8]; 18] = [
    include_bytes!("../../fonts/NotoSansDevanagari-Regular.ttf"),
    include_bytes!("../../fonts/NotoSansBengali-Regular.ttf"),
    include_bytes!("../../fonts/NotoSansGurmukhi-Regular.ttf"),
    include_bytes!("../../fonts/NotoSansGujarati-Regular.ttf"),
    include_bytes!("../../fonts/NotoSansTamil-Regular.ttf"),
    include_bytes!("../../fonts/NotoSansTelugu-Regular.ttf"),
    include_bytes!("../../fonts/NotoSansKannada-Regular.ttf"),
    include_bytes!("../../fonts/NotoSansMalayalam-Regular.ttf"),
    include_bytes!("../../fonts/NotoSansSinhala-Regular.ttf"),
    include_bytes!("../../fonts/NotoSansThai-Regular.ttf"),
    include_bytes!("../../fonts/NotoSansLao-Regular.ttf"),
    include_bytes!("../../fonts/NotoSansKhmer-Regular.ttf"),
    include_bytes!("../../fonts/NotoSansMyanmar-Regular.ttf"),
    include_bytes!("../../fonts/NotoSansGeorgian-Regular.ttf"),
    include_bytes!("../../fonts/NotoSansArmenian-Regular.ttf"),
    include_bytes!("../../fonts/NotoSansEthiopic-Regular.ttf"),
    include_bytes!("../../fonts/NotoSansSymbols2-Regular.ttf"),
    include_bytes!("../../fonts/DroidSansFallbackFull.ttf"),
];

/// Indexes of the faces: the regular files of [`PAIRED`], then [`SINGLE`],
/// then the bold files of [`PAIRED`]; runs carry these indexes.
const FIRST_SINGLE: usize = PAIRED.len();
const FIRST_BOLD: usize = PAIRED.len() + SINGLE.len();

/// Every face, parsed on first use.
static FACES: LazyLock<Vec<Face>> = LazyLock::new(|| {
    let regular = PAIRED.iter().map(|(r, _)| *r);
    let bold = PAIRED.iter().map(|(_, b)| *b);
    regular.chain(SINGLE).chain(bold).map(Face::load).collect()
});

/// Fallback order per weight: the paired faces of that weight, then the
/// single ones.
static CHAINS: LazyLock<[Vec<usize>; 2]> = LazyLock::new(|| {
    let single = FIRST_SINGLE..FIRST_BOLD;
    [
        (0..FIRST_SINGLE).chain(single.clone()).collect(),
        (FIRST_BOLD..FIRST_BOLD + PAIRED.len())
            .chain(single)
            .collect(),
    ]
});

/// Whether text of `weight` set in face `index` must be emboldened by
/// drawing (a regular face standing in for a missing bold).
pub(crate) fn synthetic_bold(weight: Weight, index: usize) -> bool {
    weight == Weight::Bold && (FIRST_SINGLE..FIRST_BOLD).contains(&index)
}

/// The face at `index` (as returned by [`pick`]).
pub(crate) fn face(index: usize) -> &'static Face {
    &FACES[index]
}

/// The fallback order for `weight`.
pub(crate) fn chain(weight: Weight) -> &'static [usize] {
    match weight {
        Weight::Regular => &CHAINS[0],
        Weight::Bold => &CHAINS[1],
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
        assert_eq!(pick(Weight::Bold, 'Ø'), FIRST_BOLD);
        assert_eq!(pick(Weight::Regular, 'م'), 1);
        assert_eq!(pick(Weight::Bold, 'م'), FIRST_BOLD + 1);
        assert_eq!(pick(Weight::Regular, 'ש'), 2);
        // One face per script beyond those, in SINGLE's order, for both weights.
        for (i, c) in "अঅਅઅஅఅಅഅඅกກកအაԱአ★龍".chars().enumerate() {
            assert_eq!(pick(Weight::Regular, c), FIRST_SINGLE + i, "{c}");
            assert_eq!(pick(Weight::Bold, c), FIRST_SINGLE + i, "{c}");
            assert!(synthetic_bold(Weight::Bold, FIRST_SINGLE + i));
        }
        assert!(!synthetic_bold(Weight::Bold, FIRST_BOLD));
        assert!(!synthetic_bold(Weight::Regular, FIRST_SINGLE));
        assert_eq!(pick(Weight::Regular, '\u{E000}'), 0, "nobody: the first");
    }
}
