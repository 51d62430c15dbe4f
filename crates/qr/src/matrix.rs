//! Building the module matrix of a QR symbol, shared by every renderer.
//!
//! `fast_qr` builds the symbol: it was the fastest of the candidates measured
//! in `benches/qr_crates.rs` (figures in `docs/benchmarks.md`).

use std::str::FromStr;

/// QR error-correction level: how much of the symbol may be damaged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum EcLevel {
    /// About 7 % recoverable.
    L,
    /// About 15 % recoverable; the default.
    #[default]
    M,
    /// About 25 % recoverable.
    Q,
    /// About 30 % recoverable.
    H,
}

/// Not one of `L`, `M`, `Q`, `H`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("error-correction level must be one of L, M, Q, H")]
pub struct ParseEcLevelError;

impl FromStr for EcLevel {
    type Err = ParseEcLevelError;

    /// Accepts `L`, `M`, `Q`, `H` in either case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "L" | "l" => Ok(Self::L),
            "M" | "m" => Ok(Self::M),
            "Q" | "q" => Ok(Self::Q),
            "H" | "h" => Ok(Self::H),
            _ => Err(ParseEcLevelError),
        }
    }
}

/// How to draw a symbol. Out-of-range values are clamped, never refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenderOptions {
    /// Target edge in pixels, clamped to `64..=2048`.
    pub size: u32,
    /// Quiet zone in modules, clamped to `0..=16`.
    pub margin: u32,
    /// Error-correction level.
    pub ec: EcLevel,
}

impl Default for RenderOptions {
    fn default() -> Self {
        Self {
            size: 512,
            margin: 4,
            ec: EcLevel::M,
        }
    }
}

impl RenderOptions {
    pub(crate) fn clamped_size(&self) -> u32 {
        self.size.clamp(64, 2048)
    }

    pub(crate) fn clamped_margin(&self) -> u32 {
        self.margin.min(16)
    }
}

/// Why a symbol or document could not be produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RenderError {
    /// The text does not fit in the largest QR symbol at this level.
    #[error("text too long for a QR code")]
    TooLong,
    /// A PDF was asked for with no ticket in it.
    #[error("no ticket to render")]
    NoTickets,
    /// The image encoder failed.
    #[error("image encoding failed")]
    Encoding,
    /// The PDF writer refused the document.
    #[error("PDF writing failed")]
    Pdf,
}

/// Largest payload of any QR symbol (7089 digits, version 40-L); anything
/// longer is refused before the encoder copies it.
const MAX_TEXT_LEN: usize = 7089;

/// The modules of a QR symbol, without quiet zone, row by row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrMatrix {
    width: usize,
    dark: Vec<bool>,
}

impl QrMatrix {
    /// Modules per side (21 for version 1, up to 177).
    pub fn width(&self) -> usize {
        self.width
    }

    /// Whether the module at column `x`, row `y` is dark; `false` outside.
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.width && y < self.width && self.dark[y * self.width + x]
    }

    /// One row of modules; empty outside the symbol.
    pub fn row(&self, y: usize) -> &[bool] {
        self.dark
            .get(y * self.width..(y + 1) * self.width)
            .unwrap_or(&[])
    }

    /// Runs of dark modules in row `y` as `(start column, length)`.
    pub fn dark_runs(&self, y: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        let row = self.row(y);
        let mut x = 0;
        std::iter::from_fn(move || {
            while x < row.len() && !row[x] {
                x += 1;
            }
            if x >= row.len() {
                return None;
            }
            let start = x;
            while x < row.len() && row[x] {
                x += 1;
            }
            Some((start, x - start))
        })
    }
}

/// The matrix of the QR symbol for `text`, in the smallest version that fits,
/// with the best mask chosen by the encoder.
pub fn qr_matrix(text: &str, ec: EcLevel) -> Result<QrMatrix, RenderError> {
    if text.len() > MAX_TEXT_LEN {
        return Err(RenderError::TooLong);
    }
    let ecl = match ec {
        EcLevel::L => fast_qr::ECL::L,
        EcLevel::M => fast_qr::ECL::M,
        EcLevel::Q => fast_qr::ECL::Q,
        EcLevel::H => fast_qr::ECL::H,
    };
    let qr = fast_qr::QRBuilder::new(text)
        .ecl(ecl)
        .build()
        .map_err(|_| RenderError::TooLong)?;
    let width = qr.size;
    let dark = qr
        .data
        .get(..width * width)
        .ok_or(RenderError::TooLong)?
        .iter()
        .map(|m| m.value())
        .collect();
    Ok(QrMatrix { width, dark })
}
