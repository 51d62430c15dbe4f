//! PNG rendering: 1-bit grayscale, integer module scale.

use crate::matrix::{qr_matrix, RenderError, RenderOptions};

/// A PNG image of the QR symbol for `text`.
///
/// Each module is a square of `max(1, size / (width + 2 × margin))` pixels,
/// so the image edge is at most `opts.size` (clamped) and modules stay sharp.
pub fn render_png(text: &str, opts: &RenderOptions) -> Result<Vec<u8>, RenderError> {
    let matrix = qr_matrix(text, opts.ec)?;
    let margin = opts.clamped_margin() as usize;
    let edge_modules = matrix.width() + 2 * margin;
    let scale = (opts.clamped_size() as usize / edge_modules).max(1);
    let edge = edge_modules * scale;
    let edge_px = u32::try_from(edge).map_err(|_| RenderError::Encoding)?;

    // 1 bit per pixel, MSB first, 1 = white; each row padded to a byte.
    let row_bytes = edge.div_ceil(8);
    let mut pixels = vec![0xFFu8; row_bytes * edge];
    for y in 0..matrix.width() {
        let mut row = vec![0xFFu8; row_bytes];
        for (x, len) in matrix.dark_runs(y) {
            let start = (x + margin) * scale;
            for px in start..start + len * scale {
                row[px / 8] &= !(0x80 >> (px % 8));
            }
        }
        let first = (y + margin) * scale;
        for line in first..first + scale {
            pixels[line * row_bytes..(line + 1) * row_bytes].copy_from_slice(&row);
        }
    }

    let mut out = Vec::with_capacity(pixels.len() / 8 + 256);
    let mut encoder = png::Encoder::new(&mut out, edge_px, edge_px);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::One);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().map_err(|_| RenderError::Encoding)?;
    writer
        .write_image_data(&pixels)
        .map_err(|_| RenderError::Encoding)?;
    writer.finish().map_err(|_| RenderError::Encoding)?;
    Ok(out)
}
