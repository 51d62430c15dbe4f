//! The ticket code: round trip, strict parsing, tampering, key ring rules.

use std::sync::Arc;

use qr_event_qr::{
    CodeError, InvalidKey, KeyId, KeyRing, SignError, SigningKeyPair, TicketCodec, CODE_LEN,
};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use uuid::Uuid;

const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

fn pair(n: u8) -> SigningKeyPair {
    SigningKeyPair::from_secret(KeyId([0xA0, 0, 0, n]), [n; 32])
}

fn ring(n: u8) -> KeyRing {
    KeyRing::new(Some(pair(n)), vec![]).expect("valid key")
}

/// Test-side reference decoding of the base32 body: bits, not the crate's code.
fn reference_bits(body: &[u8]) -> Option<Vec<bool>> {
    let mut bits = Vec::new();
    for &c in body {
        let v = ALPHABET.iter().position(|&a| a == c)?;
        bits.extend((0..5).rev().map(|i| (v >> i) & 1 == 1));
    }
    Some(bits)
}

fn reference_bytes(bits: &[bool]) -> Vec<u8> {
    bits.chunks_exact(8)
        .map(|c| c.iter().fold(0u8, |acc, &b| (acc << 1) | u8::from(b)))
        .collect()
}

fn reference_text(bytes: &[u8]) -> String {
    let mut bits: Vec<bool> = bytes
        .iter()
        .flat_map(|b| (0..8).rev().map(move |i| (b >> i) & 1 == 1))
        .collect();
    let pad = (5 - bits.len() % 5) % 5;
    bits.extend(std::iter::repeat_n(false, pad));
    let body: String = bits
        .chunks(5)
        .map(|c| ALPHABET[c.iter().fold(0usize, |a, &b| (a << 1) | usize::from(b))] as char)
        .collect();
    format!("QRE1:{body}")
}

/// The 101 payload bytes of a well-formed code, decoded test-side.
fn payload_of(text: &str) -> Vec<u8> {
    reference_bytes(&reference_bits(&text.as_bytes()[5..]).unwrap()[..808])
}

/// What a ring must answer for `text`, worked out from the bytes alone.
fn expected_error(ring: &KeyRing, original: &[u8], text: &str) -> CodeError {
    let Some(body) = text
        .strip_prefix("QRE1:")
        .filter(|_| text.len() == CODE_LEN)
    else {
        return CodeError::Malformed;
    };
    let Some(bits) = reference_bits(body.as_bytes()) else {
        return CodeError::Malformed;
    };
    if bits[808..].iter().any(|&b| b) {
        return CodeError::Malformed;
    }
    let bytes = reference_bytes(&bits[..808]);
    if bytes[0] != 1 {
        return CodeError::Malformed;
    }
    let kid = KeyId(bytes[33..37].try_into().unwrap());
    let known = ring.public_keys().iter().any(|(k, _)| *k == kid);
    if bytes[33..37] != original[33..37] && !known {
        return CodeError::UnknownKey;
    }
    assert_ne!(bytes, original, "tampering must change the payload");
    CodeError::BadSignature
}

#[test]
fn round_trip() {
    let ring = ring(1);
    for _ in 0..50 {
        let (event, ticket) = (Uuid::new_v4(), Uuid::new_v4());
        let text = ring.encode(event, ticket).unwrap();
        assert_eq!(text.len(), 167);
        assert!(text.starts_with("QRE1:"));
        assert!(text[5..].bytes().all(|c| ALPHABET.contains(&c)));
        let code = ring.decode(&text).unwrap();
        assert_eq!(code.event_id, event);
        assert_eq!(code.ticket_id, ticket);
        assert_eq!(code.kid, KeyId([0xA0, 0, 0, 1]));
    }
}

#[test]
fn layout_matches_the_documented_format() {
    let ring = ring(1);
    let (event, ticket) = (Uuid::new_v4(), Uuid::new_v4());
    let text = ring.encode(event, ticket).unwrap();
    let bytes = payload_of(&text);
    assert_eq!(bytes[0], 1);
    assert_eq!(&bytes[1..17], event.as_bytes());
    assert_eq!(&bytes[17..33], ticket.as_bytes());
    assert_eq!(&bytes[33..37], &[0xA0, 0, 0, 1]);
    // The signature covers the domain separator and bytes 0..37.
    let public = ed25519_dalek::VerifyingKey::from_bytes(&pair(1).public).unwrap();
    let mut message = b"qr-event/ticket/v1\0".to_vec();
    message.extend_from_slice(&bytes[..37]);
    let signature = ed25519_dalek::Signature::from_bytes(&bytes[37..101].try_into().unwrap());
    public.verify_strict(&message, &signature).unwrap();
    assert_eq!(reference_text(&bytes), text);
}

#[test]
fn every_single_character_substitution_is_refused() {
    let ring = ring(1);
    let text = ring.encode(Uuid::new_v4(), Uuid::new_v4()).unwrap();
    let original = payload_of(&text);
    let mut checked = 0;
    for pos in 0..text.len() {
        let current = text.as_bytes()[pos] as char;
        let index = ALPHABET
            .iter()
            .position(|&a| a as char == current)
            .unwrap_or(0);
        let substitutes = [
            ALPHABET[(index + 1) % 32] as char,
            ALPHABET[(index + 16) % 32] as char,
            ALPHABET[(index + 31) % 32] as char,
            current.to_ascii_lowercase(),
            '=',
            '0',
            '1',
            ' ',
            'é',
        ];
        for sub in substitutes {
            if sub == current {
                continue;
            }
            let mut tampered = text.clone();
            tampered.replace_range(pos..pos + 1, sub.encode_utf8(&mut [0; 4]));
            let expected = expected_error(&ring, &original, &tampered);
            assert_eq!(
                ring.decode(&tampered),
                Err(expected),
                "position {pos}, {current} -> {sub}"
            );
            checked += 1;
        }
    }
    assert!(checked > 167 * 8);
}

#[test]
fn every_single_bit_flip_of_the_payload_is_refused() {
    let ring = ring(1);
    let text = ring.encode(Uuid::new_v4(), Uuid::new_v4()).unwrap();
    let original = payload_of(&text);
    for byte in 0..101 {
        for bit in 0..8 {
            let mut bytes = original.clone();
            bytes[byte] ^= 1 << bit;
            let expected = match byte {
                0 => CodeError::Malformed,
                33..=36 => CodeError::UnknownKey,
                _ => CodeError::BadSignature,
            };
            assert_eq!(
                ring.decode(&reference_text(&bytes)),
                Err(expected),
                "byte {byte} bit {bit}"
            );
        }
    }
}

/// `text` with its signature scalar S replaced by S + L: the same signature
/// under lax rules, refused by strict ones.
fn with_unreduced_scalar(text: &str) -> String {
    const L: [u8; 32] = [
        0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde,
        0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
    ];
    let mut bytes = payload_of(text);
    let mut carry = 0u16;
    for (i, l) in L.iter().enumerate() {
        let sum = u16::from(bytes[69 + i]) + u16::from(*l) + carry;
        bytes[69 + i] = sum as u8;
        carry = sum >> 8;
    }
    assert_eq!(carry, 0);
    reference_text(&bytes)
}

#[test]
fn non_canonical_signature_scalar_is_refused() {
    // S + L verifies under lax rules; verify_strict must refuse it.
    let ring = ring(1);
    let text = ring.encode(Uuid::new_v4(), Uuid::new_v4()).unwrap();
    assert_eq!(
        ring.decode(&with_unreduced_scalar(&text)),
        Err(CodeError::BadSignature)
    );
}

#[test]
fn structural_errors_are_malformed() {
    let ring = ring(1);
    let text = ring.encode(Uuid::new_v4(), Uuid::new_v4()).unwrap();
    let last = text.as_bytes()[166];
    // The last character carries 3 payload bits and 2 zero bits; setting the
    // low bit is a second spelling of the same bytes.
    let index = ALPHABET.iter().position(|&a| a == last).unwrap();
    assert_eq!(index & 0b11, 0, "canonical codes end with zero bits");
    let mut non_canonical = text.clone();
    non_canonical.replace_range(166.., &(ALPHABET[index | 1] as char).to_string());

    let mut version_two = payload_of(&text);
    version_two[0] = 2;
    let version_two = reference_text(&version_two);

    let cases = [
        String::new(),
        "QRE1:".into(),
        text[..166].to_string(),
        format!("{text}A"),
        format!("{text}\n"),
        format!(" {text}"),
        format!("{text}="),
        format!("{}==", &text[..165]),
        text.to_lowercase(),
        format!("qre1:{}", &text[5..]),
        format!("QRE2:{}", &text[5..]),
        format!("QRE1.{}", &text[5..]),
        format!("QRE11{}", &text[5..]),
        format!("QRE1::{}", &text[6..]),
        non_canonical,
        version_two.clone(),
        format!("QRE2:{}", &version_two[5..]),
        "QRE1:".to_string() + &"A".repeat(162),
        "QRE1:".to_string() + &"A".repeat(10_000_000),
        "\u{0}".repeat(167),
        "é".repeat(167),
    ];
    for case in &cases {
        assert_eq!(
            ring.decode(case),
            Err(CodeError::Malformed),
            "{:?}",
            &case[..case.len().min(40)]
        );
    }
}

#[test]
fn random_garbage_is_refused_without_panic() {
    let ring = ring(1);
    let mut rng = StdRng::seed_from_u64(0x5EED);
    let pools: [&[char]; 4] = [
        &['Q', 'R', 'E', '1', ':', 'A', 'Z', '2', '7'],
        &[
            'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', '2', '3', '4', '5', '6', '7',
        ],
        &['a', '=', '0', '9', '-', '_', '/', '+', ' ', '\n'],
        &['é', 'ß', '日', '\u{1F600}', '\u{0}', '\u{FEFF}', 'Ω'],
    ];
    for round in 0..4000 {
        let len = match round % 4 {
            0 => CODE_LEN,
            1 => rng.gen_range(0..CODE_LEN * 2),
            2 => CODE_LEN - 5,
            _ => rng.gen_range(0..20),
        };
        let mut s: String = if round % 3 == 0 {
            "QRE1:".into()
        } else {
            String::new()
        };
        while s.chars().count() < len {
            let pool = pools[rng.gen_range(0..pools.len())];
            s.push(pool[rng.gen_range(0..pool.len())]);
        }
        assert!(ring.decode(&s).is_err(), "{s:?}");
    }
    // Well-formed shape, random content: never valid, never a panic.
    for _ in 0..2000 {
        let body: String = (0..162)
            .map(|_| ALPHABET[rng.gen_range(0..32)] as char)
            .collect();
        assert!(ring.decode(&format!("QRE1:{body}")).is_err());
    }
}

#[test]
fn random_mutations_of_a_valid_code_are_refused() {
    let ring = ring(1);
    let text = ring.encode(Uuid::new_v4(), Uuid::new_v4()).unwrap();
    let mut rng = StdRng::seed_from_u64(42);
    for _ in 0..3000 {
        let mut chars: Vec<char> = text.chars().collect();
        for _ in 0..rng.gen_range(1..4) {
            let at = rng.gen_range(0..chars.len().max(1));
            match rng.gen_range(0..5) {
                0 if !chars.is_empty() => {
                    chars.remove(at);
                }
                1 => chars.insert(at, ALPHABET[rng.gen_range(0..32)] as char),
                2 if !chars.is_empty() => chars[at] = ALPHABET[rng.gen_range(0..32)] as char,
                3 if chars.len() > 1 => {
                    let other = rng.gen_range(0..chars.len());
                    chars.swap(at, other);
                }
                _ => chars.truncate(at),
            }
        }
        let mutated: String = chars.into_iter().collect();
        if mutated != text {
            assert!(ring.decode(&mutated).is_err(), "{mutated}");
        }
    }
}

#[test]
fn unknown_and_retired_keys() {
    let old = ring(1);
    let current = ring(2);
    let text = old.encode(Uuid::new_v4(), Uuid::new_v4()).unwrap();
    assert_eq!(current.decode(&text), Err(CodeError::UnknownKey));
    // Same key id, different key: a forgery, not an unknown key.
    let impostor = KeyRing::new(
        Some(SigningKeyPair::from_secret(
            KeyId([0xA0, 0, 0, 1]),
            [99; 32],
        )),
        vec![],
    )
    .unwrap();
    assert_eq!(impostor.decode(&text), Err(CodeError::BadSignature));
}

#[test]
fn ring_with_two_verifiers_signs_with_the_current_key() {
    let old = ring(1);
    let current = pair(2);
    let (old_kid, old_public) = (pair(1).kid, pair(1).public);
    let ring = KeyRing::new(Some(current), vec![(old_kid, old_public)]).unwrap();
    assert_eq!(ring.signing_kid(), Some(KeyId([0xA0, 0, 0, 2])));
    assert_eq!(ring.public_keys().len(), 2);

    let (event, ticket) = (Uuid::new_v4(), Uuid::new_v4());
    let from_old = old.encode(event, ticket).unwrap();
    let from_new = ring.encode(event, ticket).unwrap();
    assert_ne!(from_old, from_new);
    assert_eq!(ring.decode(&from_old).unwrap().kid, old_kid);
    assert_eq!(ring.decode(&from_new).unwrap().kid, KeyId([0xA0, 0, 0, 2]));
    // The old ring has never heard of the new key.
    assert_eq!(old.decode(&from_new), Err(CodeError::UnknownKey));

    // A verify-only ring, as an offline scanner would hold.
    let scanner = KeyRing::new(None, ring.public_keys()).unwrap();
    assert_eq!(scanner.signing_kid(), None);
    assert_eq!(scanner.encode(event, ticket), Err(SignError::NoSigningKey));
    assert!(scanner.decode(&from_old).is_ok() && scanner.decode(&from_new).is_ok());
}

#[test]
fn invalid_keys_are_refused() {
    let mut mismatched = pair(1);
    mismatched.public = pair(2).public;
    assert_eq!(
        KeyRing::new(Some(mismatched), vec![]).unwrap_err(),
        InvalidKey::Mismatch(KeyId([0xA0, 0, 0, 1]))
    );
    // The identity point: small order, so every signature would "verify".
    let mut identity = [0u8; 32];
    identity[0] = 1;
    let kid = KeyId([1, 1, 1, 1]);
    assert_eq!(
        KeyRing::new(None, vec![(kid, identity)]).unwrap_err(),
        InvalidKey::BadPublicKey(kid)
    );
    // Not a curve point at all (y = 2 has no x).
    let mut off_curve = [0u8; 32];
    off_curve[0] = 2;
    assert_eq!(
        KeyRing::new(None, vec![(kid, off_curve)]).unwrap_err(),
        InvalidKey::BadPublicKey(kid)
    );
    let one = pair(1);
    assert_eq!(
        KeyRing::new(Some(pair(1)), vec![(one.kid, pair(3).public)]).unwrap_err(),
        InvalidKey::DuplicateKid(one.kid)
    );
    // Listing the signing key again as a verifier is harmless.
    assert!(KeyRing::new(Some(pair(1)), vec![(one.kid, one.public)]).is_ok());
}

#[test]
fn secrets_stay_out_of_debug_output() {
    let pair = SigningKeyPair::from_secret(KeyId([1, 2, 3, 4]), [0xAB; 32]);
    let shown = format!("{pair:?}");
    assert!(
        shown.contains("redacted") && shown.contains("01020304"),
        "{shown}"
    );
    assert!(!shown.contains("abab") && !shown.contains("171"), "{shown}");
    let ring = KeyRing::new(Some(pair), vec![]).unwrap();
    let shown = format!("{ring:?}");
    assert!(!shown.contains("abab") && !shown.contains("171"), "{shown}");
}

#[test]
fn generated_keys_differ_and_work() {
    let (a, b) = (SigningKeyPair::generate(), SigningKeyPair::generate());
    assert_ne!(a.public, b.public);
    assert_ne!(a.kid, b.kid);
    let codec: Arc<dyn TicketCodec> = Arc::new(KeyRing::new(Some(a), vec![]).unwrap());
    let shared = Arc::clone(&codec);
    let text = std::thread::spawn(move || shared.encode(Uuid::new_v4(), Uuid::new_v4()))
        .join()
        .unwrap()
        .unwrap();
    assert!(codec.decode(&text).is_ok());
}

/// A code for `text`'s ticket signed by key `n`'s holder with the identity
/// point as R: it passes the lax (cofactored or not) equation
/// [S]B = R + [k]A with S = k·a, and strict verification refuses any
/// small-order R. Forged with the secret key, as a malicious signer could.
fn small_order_forgery(n: u8, text: &str) -> String {
    use curve25519_dalek::Scalar;
    use sha2::{Digest, Sha512};

    let pair = pair(n);
    let mut bytes = payload_of(text);
    let mut expanded: [u8; 64] = Sha512::digest(pair.secret).into();
    expanded[0] &= 248;
    expanded[31] &= 127;
    expanded[31] |= 64;
    let a = Scalar::from_bytes_mod_order(expanded[..32].try_into().unwrap());
    let mut r = [0u8; 32];
    r[0] = 1; // the identity, of order 1
    let mut hash = Sha512::new();
    hash.update(r);
    hash.update(pair.public);
    hash.update(b"qr-event/ticket/v1\0");
    hash.update(&bytes[..37]);
    let k = Scalar::from_hash(hash);
    let s = k * a;
    bytes[37..69].copy_from_slice(&r);
    bytes[69..101].copy_from_slice(s.as_bytes());
    reference_text(&bytes)
}

#[test]
fn small_order_commitment_is_refused() {
    let pair = pair(1);
    let ring = ring(1);
    let text = ring.encode(Uuid::new_v4(), Uuid::new_v4()).unwrap();
    let forged = small_order_forgery(1, &text);
    let bytes = payload_of(&forged);
    let public = ed25519_dalek::VerifyingKey::from_bytes(&pair.public).unwrap();
    let mut message = b"qr-event/ticket/v1\0".to_vec();
    message.extend_from_slice(&bytes[..37]);
    let signature = ed25519_dalek::Signature::from_bytes(&bytes[37..].try_into().unwrap());
    use ed25519_dalek::Verifier;
    assert!(
        public.verify(&message, &signature).is_ok(),
        "the forgery is lax-valid"
    );
    assert_eq!(ring.decode(&forged), Err(CodeError::BadSignature));
}

/// Codes decoded together get exactly the answers they get one by one,
/// whatever the mix: all genuine (one batch), or genuine codes beside
/// forged, tampered, unknown-key and malformed ones, in any order.
#[test]
fn codes_decoded_together_answer_as_one_by_one() {
    let old = pair(2);
    let keys = KeyRing::new(Some(pair(1)), vec![(old.kid, old.public)]).unwrap();
    // Codes of the older key still verify; the stranger's are unknown.
    let older = ring(2);
    let stranger = ring(3);
    let mut rng = StdRng::seed_from_u64(14);
    let genuine = |rng: &mut StdRng| {
        let (e, t) = (Uuid::from_u128(rng.gen()), Uuid::from_u128(rng.gen()));
        keys.encode(e, t).unwrap()
    };

    let all_good: Vec<String> = (0..40).map(|_| genuine(&mut rng)).collect();
    let texts: Vec<&str> = all_good.iter().map(String::as_str).collect();
    let answers = keys.decode_many(&texts);
    assert!(answers.iter().all(Result::is_ok));
    assert_eq!(
        answers,
        texts.iter().map(|t| keys.decode(t)).collect::<Vec<_>>()
    );
    assert!(keys.decode_many(&[]).is_empty());

    for round in 0..30 {
        let mut texts: Vec<String> = (0..rng.gen_range(1..24))
            .map(|_| genuine(&mut rng))
            .collect();
        let base = genuine(&mut rng);
        let mut flipped = payload_of(&base);
        flipped[40 + round] ^= 1 << (round % 8);
        let mut renamed = payload_of(&base);
        renamed[20] ^= 0x10;
        let bad = [
            reference_text(&flipped),
            reference_text(&renamed),
            with_unreduced_scalar(&base),
            small_order_forgery(1, &base),
            older.encode(Uuid::new_v4(), Uuid::new_v4()).unwrap(),
            stranger.encode(Uuid::new_v4(), Uuid::new_v4()).unwrap(),
            "QRE1:not a code".to_owned(),
            String::new(),
        ];
        for b in bad.iter().take(round % bad.len() + 1) {
            let at = rng.gen_range(0..=texts.len());
            texts.insert(at, b.clone());
        }
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let alone: Vec<_> = texts.iter().map(|t| keys.decode(t)).collect();
        assert_eq!(keys.decode_many(&texts), alone, "round {round}");
        assert!(
            alone.iter().any(Result::is_err),
            "round {round} holds a bad code"
        );
    }
}

/// A claim reads the ticket and event of any well-formed code, genuine or
/// not, and refuses what is not a code; only decoding tells them apart.
#[test]
fn a_claim_is_read_without_the_signature() {
    let keys = ring(1);
    let (event, ticket) = (Uuid::new_v4(), Uuid::new_v4());
    let text = keys.encode(event, ticket).unwrap();
    let mut tampered = payload_of(&text);
    tampered[60] ^= 1;
    let tampered = reference_text(&tampered);
    let stranger = ring(3).encode(event, ticket).unwrap();
    for code in [&text, &tampered, &stranger] {
        assert_eq!(
            qr_event_qr::claim(code),
            Ok(qr_event_qr::Claim {
                event_id: event,
                ticket_id: ticket
            })
        );
    }
    assert!(keys.decode(&text).is_ok());
    assert_eq!(keys.decode(&tampered), Err(CodeError::BadSignature));
    assert_eq!(keys.decode(&stranger), Err(CodeError::UnknownKey));
    for bad in ["", "QRE1:not a code", &text[1..], &format!("{text} ")] {
        assert_eq!(qr_event_qr::claim(bad), Err(CodeError::Malformed), "{bad}");
    }
}
