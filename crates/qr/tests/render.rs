//! SVG and PNG rendering: the drawn modules are exactly the symbol's, and
//! the images scan back to the text.

use qr_event_qr::{
    qr_matrix, render_png, render_svg, EcLevel, KeyId, KeyRing, QrMatrix, RenderError,
    RenderOptions, SigningKeyPair, TicketCodec,
};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use uuid::Uuid;

fn ticket_code() -> String {
    let pair = SigningKeyPair::from_secret(KeyId([1, 2, 3, 4]), [5; 32]);
    KeyRing::new(Some(pair), vec![])
        .unwrap()
        .encode(Uuid::new_v4(), Uuid::new_v4())
        .unwrap()
}

/// The dark modules of `matrix` as a grid that includes the quiet zone.
fn with_margin(matrix: &QrMatrix, margin: usize) -> Vec<Vec<bool>> {
    let edge = matrix.width() + 2 * margin;
    (0..edge)
        .map(|y| {
            (0..edge)
                .map(|x| x >= margin && y >= margin && matrix.is_dark(x - margin, y - margin))
                .collect()
        })
        .collect()
}

fn attr<'a>(svg: &'a str, name: &str) -> &'a str {
    let start = svg.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
    &svg[start..start + svg[start..].find('"').unwrap()]
}

/// Rebuilds the module grid from the path data `M{x} {y}h{n}v1h-{n}z…`.
fn grid_from_svg(svg: &str, edge: usize) -> Vec<Vec<bool>> {
    let d = attr(&svg[svg.find("<path").unwrap()..], "d");
    let mut grid = vec![vec![false; edge]; edge];
    for run in d.split('M').skip(1) {
        let (x, rest) = run.split_once(' ').unwrap();
        let (y, rest) = rest.split_once('h').unwrap();
        let (len, rest) = rest.split_once('v').unwrap();
        assert_eq!(rest, format!("1h-{len}z"));
        let (x, y, len): (usize, usize, usize) =
            (x.parse().unwrap(), y.parse().unwrap(), len.parse().unwrap());
        for cell in &mut grid[y][x..x + len] {
            assert!(!*cell, "runs overlap");
            *cell = true;
        }
    }
    grid
}

fn scan(width: usize, height: usize, luma: impl FnMut(usize, usize) -> u8) -> String {
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, height, luma);
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one symbol in the image");
    grids[0].decode().expect("symbol decodes").1
}

#[test]
fn svg_draws_exactly_the_symbol_modules() {
    let code = ticket_code();
    for (margin, ec) in [(4, EcLevel::M), (0, EcLevel::L), (16, EcLevel::H)] {
        let opts = RenderOptions {
            size: 300,
            margin,
            ec,
        };
        let svg = render_svg(&code, &opts).unwrap();
        let matrix = qr_matrix(&code, ec).unwrap();
        let edge = matrix.width() + 2 * margin as usize;
        assert_eq!(attr(&svg, "viewBox"), format!("0 0 {edge} {edge}"));
        assert_eq!(attr(&svg, "width"), "300");
        assert_eq!(attr(&svg, "height"), "300");
        assert_eq!(attr(&svg, "shape-rendering"), "crispEdges");
        assert_eq!(svg.matches("<path").count(), 1);
        assert!(!svg.contains("style"), "a strict CSP forbids inline styles");
        assert_eq!(
            grid_from_svg(&svg, edge),
            with_margin(&matrix, margin as usize)
        );
    }
}

#[test]
fn ticket_code_uses_a_small_symbol() {
    // 167 alphanumeric characters at level M fit in version 7 (45 modules).
    let matrix = qr_matrix(&ticket_code(), EcLevel::M).unwrap();
    assert_eq!(matrix.width(), 45);
}

#[test]
fn svg_size_is_clamped() {
    let code = ticket_code();
    for (asked, got) in [(0, "64"), (10, "64"), (512, "512"), (100_000, "2048")] {
        let opts = RenderOptions {
            size: asked,
            ..RenderOptions::default()
        };
        assert_eq!(attr(&render_svg(&code, &opts).unwrap(), "width"), got);
    }
    let wide = RenderOptions {
        margin: 1000,
        ..RenderOptions::default()
    };
    let svg = render_svg(&code, &wide).unwrap();
    assert_eq!(attr(&svg, "viewBox"), "0 0 77 77"); // 45 + 2 × 16
}

fn decode_png(bytes: &[u8]) -> (png::OutputInfo, Vec<u8>) {
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    (info, buf)
}

#[test]
fn png_has_the_expected_size_and_modules_and_scans() {
    let code = ticket_code();
    let matrix = qr_matrix(&code, EcLevel::M).unwrap();
    for (size, margin) in [(512u32, 4u32), (64, 4), (2048, 0), (333, 16)] {
        let opts = RenderOptions {
            size,
            margin,
            ec: EcLevel::M,
        };
        let bytes = render_png(&code, &opts).unwrap();
        let (info, pixels) = decode_png(&bytes);
        let edge_modules = 45 + 2 * margin;
        let scale = (size / edge_modules).max(1);
        assert_eq!(
            (info.width, info.height),
            (edge_modules * scale, edge_modules * scale)
        );
        assert_eq!(info.color_type, png::ColorType::Grayscale);
        assert_eq!(info.bit_depth, png::BitDepth::One);

        let edge = info.width as usize;
        let dark = |x: usize, y: usize| pixels[y * info.line_size + x / 8] & (0x80 >> (x % 8)) == 0;
        let expected = with_margin(&matrix, margin as usize);
        for y in 0..edge {
            for x in 0..edge {
                let module = expected[y / scale as usize][x / scale as usize];
                assert_eq!(dark(x, y), module, "pixel {x},{y} at size {size}");
            }
        }
        if margin > 0 {
            assert_eq!(
                scan(edge, edge, |x, y| if dark(x, y) { 0 } else { 255 }),
                code
            );
        }
    }
}

#[test]
fn rendered_symbols_scan_back_for_every_level_and_many_texts() {
    let mut rng = StdRng::seed_from_u64(7);
    let mut texts = vec![
        ticket_code(),
        String::new(),
        "https://example.test/t/abc".into(),
    ];
    for _ in 0..12 {
        let len = rng.gen_range(1..300);
        texts.push((0..len).map(|_| rng.gen_range(' '..='~')).collect());
    }
    texts.push("Billet n°42 — Zoë, 日本".into());
    for text in &texts {
        for ec in [EcLevel::L, EcLevel::M, EcLevel::Q, EcLevel::H] {
            let matrix = qr_matrix(text, ec).unwrap();
            let grid = with_margin(&matrix, 4);
            let scale = 3;
            let edge = grid.len() * scale;
            let read = scan(
                edge,
                edge,
                |x, y| if grid[y / scale][x / scale] { 0 } else { 255 },
            );
            assert_eq!(&read, text, "{ec:?}");
        }
    }
}

#[test]
fn too_long_or_odd_text_is_an_error_not_a_panic() {
    let opts = RenderOptions::default();
    let huge = "A".repeat(5_000);
    assert_eq!(render_svg(&huge, &opts), Err(RenderError::TooLong));
    assert_eq!(render_png(&huge, &opts), Err(RenderError::TooLong));
    assert_eq!(
        render_svg(&"9".repeat(10_000_000), &opts),
        Err(RenderError::TooLong)
    );
    // Every length up to and past the capacity, in every mode.
    let mut rng = StdRng::seed_from_u64(11);
    for ec in [EcLevel::L, EcLevel::M, EcLevel::Q, EcLevel::H] {
        for len in (0..7200).step_by(37) {
            let text: String = match len % 4 {
                0 => (0..len).map(|_| rng.gen_range('0'..='9')).collect(),
                1 => (0..len).map(|_| rng.gen_range('A'..='Z')).collect(),
                2 => (0..len).map(|_| rng.gen_range('a'..='z')).collect(),
                _ => (0..len / 2)
                    .map(|_| rng.gen_range('\u{80}'..='\u{10FFFF}'))
                    .collect(),
            };
            match qr_matrix(&text, ec) {
                Ok(m) => assert!((21..=177).contains(&m.width())),
                Err(e) => assert_eq!(e, RenderError::TooLong),
            }
        }
    }
}

#[test]
fn ec_level_parses_case_insensitively() {
    for (s, level) in [
        ("L", EcLevel::L),
        ("m", EcLevel::M),
        ("Q", EcLevel::Q),
        ("h", EcLevel::H),
    ] {
        assert_eq!(s.parse::<EcLevel>().unwrap(), level);
    }
    for bad in ["", "X", "MM", "medium", " M"] {
        assert!(bad.parse::<EcLevel>().is_err(), "{bad}");
    }
    let d = RenderOptions::default();
    assert_eq!((d.size, d.margin, d.ec), (512, 4, EcLevel::M));
}
