//! Rendering one ticket code as SVG, PNG and a one-page PDF.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use qr_event_qr::{
    render_pdf, render_png, render_svg, KeyId, KeyRing, PdfLayout, RenderOptions, SigningKeyPair,
    TicketCodec, TicketSheet,
};
use uuid::Uuid;

fn code() -> String {
    let ring = KeyRing::new(
        Some(SigningKeyPair::from_secret(KeyId([1, 2, 3, 4]), [7; 32])),
        vec![],
    )
    .expect("valid key");
    ring.encode(Uuid::new_v4(), Uuid::new_v4())
        .expect("signing key")
}

fn render(c: &mut Criterion) {
    let code = code();
    let opts = RenderOptions::default();
    c.bench_function("render_svg", |b| {
        b.iter(|| render_svg(black_box(&code), &opts))
    });
    c.bench_function("render_png", |b| {
        b.iter(|| render_png(black_box(&code), &opts))
    });
    let sheet = [TicketSheet {
        event_name: "Rust Meetup Lyon — Spring Edition".into(),
        when: "Saturday 14 June 2025, 19:00–23:00".into(),
        venue: "La Halle, 12 rue de la République, Lyon".into(),
        holder: "Zoë Dupont-Müller".into(),
        category: "General admission".into(),
        code,
        labels: Default::default(),
    }];
    c.bench_function("render_pdf_1_ticket", |b| {
        b.iter(|| render_pdf(black_box("Tickets"), black_box(&sheet), PdfLayout::A4))
    });
}

/// A whole event's print run: 1,000 tickets, holders in several scripts.
fn print_run(c: &mut Criterion) {
    let names = [
        "Zoë Dupont-Müller",
        "李小龍",
        "محمد الخطيب",
        "Łukasz Ørsted",
        "佐藤 健",
    ];
    let tickets: Vec<TicketSheet> = (0..1000)
        .map(|i| TicketSheet {
            event_name: "Fête de la Musique — 東京 2026".into(),
            when: "samedi 20 juin 2026, 20:00 – 23:30 (Asia/Tokyo)".into(),
            venue: "Yoyogi Park".into(),
            holder: format!("{} {i}", names[i % names.len()]),
            category: "VIP ★".into(),
            code: code(),
            labels: Default::default(),
        })
        .collect();
    let mut group = c.benchmark_group("print_run");
    group.sample_size(10);
    for layout in [PdfLayout::Sheet8, PdfLayout::A4] {
        group.bench_function(format!("render_pdf_1000_{layout}"), |b| {
            b.iter(|| render_pdf(black_box("Tickets"), black_box(&tickets), layout))
        });
    }
    group.finish();
}

criterion_group!(benches, render, print_run);
criterion_main!(benches);
