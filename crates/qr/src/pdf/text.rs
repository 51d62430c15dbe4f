//! Text for the standard Type 1 fonts: WinAnsi encoding, widths, escaping.

/// The two fonts the tickets use.
#[derive(Clone, Copy)]
pub(crate) enum Font {
    Regular,
    Bold,
}

impl Font {
    /// Resource name in the page's font dictionary.
    pub fn resource(self) -> &'static str {
        match self {
            Font::Regular => "F1",
            Font::Bold => "F2",
        }
    }
}

/// Longest text considered; a 482-point line cannot show more characters
/// even at the smallest size used, so longer input is cut before any work.
const MAX_CHARS: usize = 400;

/// `…` in WinAnsiEncoding.
const ELLIPSIS: u8 = 0x85;

/// Maps text to WinAnsiEncoding (cp1252) bytes: Latin-1 and the cp1252
/// specials as themselves, white-space controls as spaces, anything else
/// as `?`.
pub(crate) fn to_win_ansi(text: &str) -> Vec<u8> {
    text.chars().take(MAX_CHARS).map(win_ansi_byte).collect()
}

fn win_ansi_byte(c: char) -> u8 {
    match u32::from(c) {
        0x09 | 0x0A | 0x0D => b' ',
        code @ (0x20..=0x7E | 0xA0..=0xFF) => code as u8,
        _ => match c {
            '€' => 0x80,
            '‚' => 0x82,
            'ƒ' => 0x83,
            '„' => 0x84,
            '…' => 0x85,
            '†' => 0x86,
            '‡' => 0x87,
            'ˆ' => 0x88,
            '‰' => 0x89,
            'Š' => 0x8A,
            '‹' => 0x8B,
            'Œ' => 0x8C,
            'Ž' => 0x8E,
            '\u{2018}' => 0x91,
            '\u{2019}' => 0x92,
            '\u{201C}' => 0x93,
            '\u{201D}' => 0x94,
            '•' => 0x95,
            '–' => 0x96,
            '—' => 0x97,
            '˜' => 0x98,
            '™' => 0x99,
            'š' => 0x9A,
            '›' => 0x9B,
            'œ' => 0x9C,
            'ž' => 0x9E,
            'Ÿ' => 0x9F,
            _ => b'?',
        },
    }
}

/// Advance widths (1/1000 em) of Helvetica for 0x20..=0x7E.
const REGULAR_ASCII: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // ' '../
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0..?
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @..O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P.._
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // `..o
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p..~
];

/// Advance widths (1/1000 em) of Helvetica-Bold for 0x20..=0x7E.
const BOLD_ASCII: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, // ' '../
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, // 0..?
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, // @..O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, // P.._
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, // `..o
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, // p..~
];

/// For 0xC0..=0xFF, the ASCII letter whose width stands in for the accented
/// one; `?` marks the few measured on their own.
const LATIN1_BASE: &[u8; 64] = b"AAAAAA?CEEEEIIIIDNOOOOO?OUUUUY??aaaaaa?ceeeeiiiidnooooo??uuuuy?y";

/// Width of one WinAnsi byte in 1/1000 em. Exact for ASCII; Latin-1 letters
/// are measured as their base letter and rarer signs generously, so lines
/// measured here never overflow.
fn width(font: Font, byte: u8) -> u32 {
    let ascii = match font {
        Font::Regular => &REGULAR_ASCII,
        Font::Bold => &BOLD_ASCII,
    };
    let lookup = |b: u8| u32::from(ascii[usize::from(b - 0x20)]);
    match byte {
        0x20..=0x7E => lookup(byte),
        0xC0..=0xFF => match LATIN1_BASE[usize::from(byte - 0xC0)] {
            b'?' => match byte {
                0xD7 | 0xF7 => 584,
                0xF8 => 611,
                0xDE | 0xDF | 0xFE => 667,
                _ => 1000, // Æ æ
            },
            base => lookup(base),
        },
        0xA0 => 278,
        0x80 | 0x96 => 556,
        0x82 | 0x91 | 0x92 => 278,
        0x84 | 0x93 | 0x94 => 500,
        0x95 => 350,
        0x8B | 0x9B => 333,
        _ => 1000,
    }
}

/// Width of `bytes` in points at `size`.
pub(crate) fn text_width(font: Font, size: f32, bytes: &[u8]) -> f32 {
    let units: u32 = bytes.iter().map(|&b| width(font, b)).sum();
    units as f32 * size / 1000.0
}

/// `bytes` unchanged if they fit in `max` points, else cut at a character
/// and ended with `…` so that they do.
pub(crate) fn truncate(font: Font, size: f32, max: f32, bytes: &[u8]) -> Vec<u8> {
    if text_width(font, size, bytes) <= max {
        return bytes.to_vec();
    }
    let budget = (max * 1000.0 / size) as u32;
    let mut used = width(font, ELLIPSIS);
    let mut out = Vec::with_capacity(bytes.len());
    for &b in bytes {
        used += width(font, b);
        if used > budget {
            break;
        }
        out.push(b);
    }
    while out.last() == Some(&b' ') {
        out.pop();
    }
    out.push(ELLIPSIS);
    out
}

/// A PDF literal string: parentheses and backslash escaped, bytes outside
/// printable ASCII written as octal so the file stays plain ASCII.
pub(crate) fn literal(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + 2);
    out.push('(');
    for &b in bytes {
        match b {
            b'(' | b')' | b'\\' => {
                out.push('\\');
                out.push(char::from(b));
            }
            0x20..=0x7E => out.push(char::from(b)),
            _ => out.push_str(&format!("\\{b:03o}")),
        }
    }
    out.push(')');
    out
}

/// A PDF text string in UTF-16BE with byte-order mark, as hex: any Unicode
/// title survives, with nothing to escape.
pub(crate) fn utf16_hex(text: &str) -> String {
    let mut out = String::from("<FEFF");
    for unit in text.chars().take(1000).collect::<String>().encode_utf16() {
        out.push_str(&format!("{unit:04X}"));
    }
    out.push('>');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_latin1_cp1252_and_replaces_the_rest() {
        assert_eq!(
            to_win_ansi("Café €5 – “ok”"),
            b"Caf\xe9 \x805 \x96 \x93ok\x94"
        );
        assert_eq!(to_win_ansi("日本\u{1F600}a\tb\u{7}"), b"???a b?");
    }

    #[test]
    fn escapes_delimiters_and_high_bytes() {
        assert_eq!(literal(b"a(b)c\\d\xe9"), "(a\\(b\\)c\\\\d\\351)");
    }

    #[test]
    fn truncation_fits_and_marks_the_cut() {
        let long = to_win_ansi(&"Wide W ".repeat(100));
        let cut = truncate(Font::Bold, 20.0, 300.0, &long);
        assert!(text_width(Font::Bold, 20.0, &cut) <= 300.0);
        assert_eq!(cut.last(), Some(&ELLIPSIS));
        assert!(cut.len() > 10);
        let short = to_win_ansi("Short");
        assert_eq!(truncate(Font::Bold, 20.0, 300.0, &short), short);
    }

    #[test]
    fn helvetica_widths_spot_check() {
        assert_eq!(width(Font::Regular, b'W'), 944);
        assert_eq!(width(Font::Regular, b'i'), 222);
        assert_eq!(width(Font::Bold, b'i'), 278);
        assert_eq!(width(Font::Regular, 0xE9), 556); // é as e
    }

    #[test]
    fn title_is_utf16_hex() {
        assert_eq!(utf16_hex("é"), "<FEFF00E9>");
    }
}
