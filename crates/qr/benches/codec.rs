//! Issuing (`sign`) and checking (`verify`) one ticket code, and checking
//! codes in batches (`verify_batch/N`: N codes, one batch verification).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use qr_event_qr::{KeyId, KeyRing, SigningKeyPair, TicketCodec};
use uuid::Uuid;

fn ring() -> KeyRing {
    let signing = SigningKeyPair::from_secret(KeyId([1, 2, 3, 4]), [7; 32]);
    // Two retired keys besides the current one, as after a couple of rotations.
    let old: Vec<_> = (0..2u8)
        .map(|i| {
            let pair = SigningKeyPair::from_secret(KeyId([9, 9, 9, i]), [i + 20; 32]);
            (pair.kid, pair.public)
        })
        .collect();
    KeyRing::new(Some(signing), old).expect("valid keys")
}

fn codec(c: &mut Criterion) {
    let ring = ring();
    let (event, ticket) = (Uuid::new_v4(), Uuid::new_v4());
    c.bench_function("sign", |b| {
        b.iter(|| ring.encode(black_box(event), black_box(ticket)))
    });
    let text = ring.encode(event, ticket).expect("signing key");
    c.bench_function("verify", |b| b.iter(|| ring.decode(black_box(&text))));
    for n in [2usize, 8, 16, 32, 64] {
        let texts: Vec<String> = (0..n)
            .map(|_| {
                ring.encode(Uuid::new_v4(), Uuid::new_v4())
                    .expect("signing key")
            })
            .collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        c.bench_function(&format!("verify_batch/{n}"), |b| {
            b.iter(|| ring.decode_many(black_box(&texts)))
        });
    }
}

criterion_group!(benches, codec);
criterion_main!(benches);
