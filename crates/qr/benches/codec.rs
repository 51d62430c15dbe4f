//! Issuing (`sign`) and checking (`verify`) one ticket code.

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
}

criterion_group!(benches, codec);
criterion_main!(benches);
