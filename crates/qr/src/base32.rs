//! RFC 4648 base32, upper-case alphabet, no padding, canonical only.
//!
//! Hand-written rather than borrowed so that every accepted string has exactly
//! one byte sequence and every byte sequence exactly one string: the unused
//! low bits of the last character must be zero, and nothing but `A`–`Z` and
//! `2`–`7` is accepted. A ticket code therefore cannot be re-spelled.

const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// Value of each input byte, or `INVALID`.
const INVALID: u8 = 0xFF;
const DECODE: [u8; 256] = {
    let mut table = [INVALID; 256];
    let mut i = 0;
    while i < 32 {
        table[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    table
};

/// Number of characters that encode `bytes` bytes without padding.
pub const fn encoded_len(bytes: usize) -> usize {
    (bytes * 8).div_ceil(5)
}

/// Appends the encoding of `data` to `out`.
pub fn encode_into(data: &[u8], out: &mut String) {
    out.reserve(encoded_len(data.len()));
    let mut acc: u32 = 0;
    let mut bits: u32 = 0;
    for &byte in data {
        acc = (acc << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((acc >> bits) & 31) as usize] as char);
        }
        // Only the `bits` low bits are still pending; drop the rest so the
        // accumulator never overflows.
        acc &= (1 << bits) - 1;
    }
    if bits > 0 {
        out.push(ALPHABET[((acc << (5 - bits)) & 31) as usize] as char);
    }
}

/// Decodes `input` into exactly `out.len()` bytes.
///
/// Returns `false` (leaving `out` in an unspecified state) unless `input` is
/// the one canonical encoding of some `out.len()` bytes.
pub fn decode_into(input: &[u8], out: &mut [u8]) -> bool {
    if input.len() != encoded_len(out.len()) {
        return false;
    }
    let mut acc: u32 = 0;
    let mut bits: u32 = 0;
    let mut written = 0;
    for &c in input {
        let value = DECODE[usize::from(c)];
        if value == INVALID {
            return false;
        }
        acc = (acc << 5) | u32::from(value);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            // The length check above guarantees room for every full byte.
            let Some(slot) = out.get_mut(written) else {
                return false;
            };
            *slot = (acc >> bits) as u8;
            written += 1;
            acc &= (1 << bits) - 1;
        }
    }
    // Left-over bits are padding inside the last character: they must be zero
    // or two strings would decode to the same bytes.
    written == out.len() && acc == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(data: &[u8]) -> String {
        let mut s = String::new();
        encode_into(data, &mut s);
        s
    }

    #[test]
    fn rfc4648_vectors_without_padding() {
        let cases: [(&[u8], &str); 7] = [
            (b"", ""),
            (b"f", "MY"),
            (b"fo", "MZXQ"),
            (b"foo", "MZXW6"),
            (b"foob", "MZXW6YQ"),
            (b"fooba", "MZXW6YTB"),
            (b"foobar", "MZXW6YTBOI"),
        ];
        for (raw, text) in cases {
            assert_eq!(enc(raw), text);
            let mut out = vec![0u8; raw.len()];
            assert!(decode_into(text.as_bytes(), &mut out), "{text}");
            assert_eq!(out, raw);
        }
    }

    #[test]
    fn non_canonical_trailing_bits_are_refused() {
        // "MY" is "f"; "MZ" carries a stray bit in the unused tail.
        let mut out = [0u8; 1];
        assert!(decode_into(b"MY", &mut out));
        assert!(!decode_into(b"MZ", &mut out));
    }

    #[test]
    fn wrong_alphabet_and_length_are_refused() {
        let mut out = [0u8; 1];
        for bad in [&b"my"[..], b"M1", b"M=", b"M", b"MYA", b"M\xff"] {
            assert!(!decode_into(bad, &mut out), "{bad:?}");
        }
    }

    #[test]
    fn every_byte_value_round_trips() {
        let data: Vec<u8> = (0..=255u8).collect();
        for len in 0..data.len() {
            let text = enc(&data[..len]);
            assert_eq!(text.len(), encoded_len(len));
            let mut out = vec![0u8; len];
            assert!(decode_into(text.as_bytes(), &mut out));
            assert_eq!(out, &data[..len]);
        }
    }
}
