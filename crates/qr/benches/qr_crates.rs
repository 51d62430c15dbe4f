//! Which QR crate builds the module matrix of a ticket code fastest?
//!
//! Input: a 167-character alphanumeric-mode string (the length of every
//! ticket code), error-correction level M, automatic mask selection. Each
//! candidate builds the symbol and hands back its dark/light modules as a
//! `Vec<bool>`, the form our renderers consume.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};

/// The shape of a real ticket code: the prefix and 162 base32 characters.
fn sample_code() -> String {
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let body: String = (0..162u32)
        .map(|i| alphabet[(i * 7 + i / 3) as usize % 32] as char)
        .collect();
    format!("QRE1:{body}")
}

fn with_qrcodegen(text: &str) -> Vec<bool> {
    use qrcodegen::{QrCode, QrCodeEcc, QrSegment, Version};
    let segs = QrSegment::make_segments(text);
    let qr = QrCode::encode_segments_advanced(
        &segs,
        QrCodeEcc::Medium,
        Version::MIN,
        Version::MAX,
        None,
        false,
    )
    .expect("fits");
    let n = qr.size();
    let mut out = Vec::with_capacity((n * n) as usize);
    for y in 0..n {
        for x in 0..n {
            out.push(qr.get_module(x, y));
        }
    }
    out
}

fn with_qrcode(text: &str) -> Vec<bool> {
    qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::M)
        .expect("fits")
        .into_colors()
        .into_iter()
        .map(|c| c == qrcode::Color::Dark)
        .collect()
}

fn with_qr_code(text: &str) -> Vec<bool> {
    qr_code::QrCode::with_error_correction_level(text, qr_code::EcLevel::M)
        .expect("fits")
        .to_vec()
}

fn with_fast_qr(text: &str) -> Vec<bool> {
    let qr = fast_qr::QRBuilder::new(text)
        .ecl(fast_qr::ECL::M)
        .build()
        .expect("fits");
    qr.data[..qr.size * qr.size]
        .iter()
        .map(|m| m.value())
        .collect()
}

fn compare(c: &mut Criterion) {
    let text = sample_code();
    assert_eq!(text.len(), 167);
    // Same symbol size everywhere, so the comparison is like for like.
    let width = with_qrcodegen(&text).len();
    for (name, f) in [
        ("qrcode", with_qrcode as fn(&str) -> Vec<bool>),
        ("qr_code", with_qr_code),
        ("fast_qr", with_fast_qr),
    ] {
        assert_eq!(f(&text).len(), width, "{name} chose another version");
    }

    let mut group = c.benchmark_group("qr_matrix_167_alnum_M");
    group.bench_function("qrcodegen", |b| b.iter(|| with_qrcodegen(black_box(&text))));
    group.bench_function("qrcode", |b| b.iter(|| with_qrcode(black_box(&text))));
    group.bench_function("qr_code", |b| b.iter(|| with_qr_code(black_box(&text))));
    group.bench_function("fast_qr", |b| b.iter(|| with_fast_qr(black_box(&text))));
    group.finish();
}

criterion_group!(benches, compare);
criterion_main!(benches);
