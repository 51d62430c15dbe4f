//! SVG rendering: one `<path>` holding every dark module.

use std::fmt::Write;

use crate::matrix::{qr_matrix, RenderError, RenderOptions};

/// An SVG document of the QR symbol for `text`.
///
/// The `viewBox` counts modules (quiet zone included) and `width`/`height`
/// are `opts.size` pixels. Colours are `fill` attributes, not `style`, so a
/// strict Content-Security-Policy accepts the markup inline.
pub fn render_svg(text: &str, opts: &RenderOptions) -> Result<String, RenderError> {
    let matrix = qr_matrix(text, opts.ec)?;
    let margin = opts.clamped_margin() as usize;
    let size = opts.clamped_size();
    let edge = matrix.width() + 2 * margin;

    // About 14 bytes per run; a version-10 ticket code has ~700 runs.
    let mut out = String::with_capacity(400 + matrix.width() * matrix.width() / 3 * 5);
    // Writing into a String cannot fail; the results are ignored on purpose.
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{size}\" height=\"{size}\" \
         viewBox=\"0 0 {edge} {edge}\" shape-rendering=\"crispEdges\">\
         <rect width=\"{edge}\" height=\"{edge}\" fill=\"#fff\"/><path fill=\"#000\" d=\""
    );
    for y in 0..matrix.width() {
        for (x, len) in matrix.dark_runs(y) {
            let _ = write!(out, "M{} {}h{len}v1h-{len}z", x + margin, y + margin);
        }
    }
    out.push_str("\"/></svg>");
    Ok(out)
}
