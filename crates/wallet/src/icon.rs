//! The pass images, drawn rather than shipped: the project's mark (a QR
//! finder square, white on the accent green) at the sizes Apple asks for.

use crate::WalletError;

/// The accent colour of the UI (`--accent` in web/src/styles.css).
pub(crate) const ACCENT: (u8, u8, u8) = (0x1b, 0x4d, 0x3e);

/// A `size`×`size` PNG of the mark.
pub(crate) fn mark(size: u32) -> Result<Vec<u8>, WalletError> {
    let mut pixels = Vec::with_capacity((size * size * 3) as usize);
    // The finder is 7 modules wide and fills 7/11 of the square.
    let module = size as f32 / 11.0;
    for y in 0..size {
        for x in 0..size {
            let white = finder_module(
                ((x as f32 + 0.5) / module - 2.0).floor(),
                ((y as f32 + 0.5) / module - 2.0).floor(),
            );
            if white {
                pixels.extend_from_slice(&[0xff, 0xff, 0xff]);
            } else {
                pixels.extend_from_slice(&[ACCENT.0, ACCENT.1, ACCENT.2]);
            }
        }
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, size, size);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let fail = |e: png::EncodingError| WalletError::Encoding(e.to_string());
    let mut writer = encoder.write_header().map_err(fail)?;
    writer.write_image_data(&pixels).map_err(fail)?;
    writer.finish().map_err(fail)?;
    Ok(out)
}

/// Whether module (`mx`, `my`) of a 7×7 finder pattern is light: the ring
/// and the 3×3 centre are, the gap between them is not.
fn finder_module(mx: f32, my: f32) -> bool {
    if !(0.0..7.0).contains(&mx) || !(0.0..7.0).contains(&my) {
        return false;
    }
    let ring = mx == 0.0 || mx == 6.0 || my == 0.0 || my == 6.0;
    let centre = (2.0..5.0).contains(&mx) && (2.0..5.0).contains(&my);
    ring || centre
}
