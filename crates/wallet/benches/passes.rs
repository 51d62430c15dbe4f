//! Making one wallet pass: an Apple `.pkpass` (three PNG sizes of two
//! images, manifest, RSA-2048 signature) and a Google save link (one
//! RSA-2048 signature). Credentials are made by the `openssl` command.

use std::hint::black_box;
use std::process::Command;

use chrono::{TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use qr_event_wallet::{ApplePasses, GoogleWallet, PassContent, PassLabels};

fn openssl(dir: &std::path::Path, args: &[&str]) {
    let ok = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("openssl must be installed")
        .status
        .success();
    assert!(ok, "openssl {args:?}");
}

fn content() -> PassContent {
    let at = |h| Utc.with_ymd_and_hms(2026, 6, 21, h, 0, 0).unwrap();
    PassContent {
        ticket_id: "0193a1f2-7c4e-7d2a-9f00-5b1c2d3e4f50".into(),
        event_id: "0193a1f2-0000-7000-8000-000000000001".into(),
        event_name: "Fête de la Musique".into(),
        when: "Sunday, 21 June 2026, 8:00 PM – 11:30 PM (Europe/Paris)".into(),
        starts_at: at(18),
        ends_at: at(21),
        venue: "Parc de la Villette".into(),
        holder: "Ada Lovelace".into(),
        category: "VIP".into(),
        code: "QE1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
            .into(),
        valid_from: at(16),
        valid_until: at(23),
        language: "en".into(),
        labels: PassLabels {
            event: "Event".into(),
            holder: "Ticket holder".into(),
            category: "Category".into(),
            when: "When".into(),
            venue: "Venue".into(),
            description: "Ticket for Fête de la Musique".into(),
        },
    }
}

fn passes(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("qr-event-wallet-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    openssl(
        &dir,
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "pass.key",
            "-out",
            "pass.pem",
            "-days",
            "2",
            "-subj",
            "/UID=pass.org.example.bench/OU=TEAMBENCH1/O=Bench",
        ],
    );
    let read = |f: &str| std::fs::read(dir.join(f)).unwrap();
    let apple = ApplePasses::from_pem(
        &read("pass.pem"),
        &read("pass.key"),
        &read("pass.pem"),
        None,
    )
    .unwrap();
    let account = serde_json::json!({
        "client_email": "bench@example.iam.gserviceaccount.com",
        "private_key": String::from_utf8(read("pass.key")).unwrap(),
    });
    let google = GoogleWallet::from_service_account(
        "3388000000000000001",
        account.to_string().as_bytes(),
        vec![],
    )
    .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let pass = content();
    c.bench_function("apple_pkpass", |b| {
        b.iter(|| apple.pkpass(black_box(&pass)).unwrap())
    });
    c.bench_function("google_save_link", |b| {
        b.iter(|| google.save_link(black_box(&pass), 1_780_000_000).unwrap())
    });
}

criterion_group!(benches, passes);
criterion_main!(benches);
