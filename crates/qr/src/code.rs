//! The ticket code: its binary layout, its text form, and the codec trait.
//!
//! See `docs/qr-code-format.md`; the constants below are that document.

use std::fmt;
use std::str::FromStr;

use uuid::Uuid;

use crate::base32;

/// Text prefix; its digit is the format version.
pub(crate) const PREFIX: &str = "QRE1:";
/// Value of byte 0.
pub(crate) const VERSION: u8 = 1;
/// What the signature covers besides the signed bytes, so that a signature
/// made by the same key for anything else can never pass as a ticket.
pub(crate) const SIGNING_DOMAIN: &[u8] = b"qr-event/ticket/v1\0";
/// Bytes 0..37: version, event id, ticket id, key id.
pub(crate) const SIGNED_LEN: usize = 37;
/// The whole binary payload: the signed bytes and a 64-byte signature.
pub(crate) const PAYLOAD_LEN: usize = SIGNED_LEN + 64;
/// Length of the text form: 5 + 162 = 167 characters.
pub const CODE_LEN: usize = PREFIX.len() + base32::encoded_len(PAYLOAD_LEN);

/// Identifies a signing key; carried in every code so keys can rotate.
///
/// Written as 8 lower-case hexadecimal characters.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyId(pub [u8; 4]);

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for byte in self.0 {
            write!(f, "{byte:02x}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KeyId({self})")
    }
}

/// A key id that is not exactly 8 lower-case hexadecimal characters.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a key id is 8 lower-case hexadecimal characters")]
pub struct ParseKeyIdError;

impl FromStr for KeyId {
    type Err = ParseKeyIdError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let digits = s.as_bytes();
        if digits.len() != 8 {
            return Err(ParseKeyIdError);
        }
        let nibble = |c: u8| match c {
            b'0'..=b'9' => Ok(c - b'0'),
            b'a'..=b'f' => Ok(c - b'a' + 10),
            _ => Err(ParseKeyIdError),
        };
        let mut out = [0u8; 4];
        for (byte, pair) in out.iter_mut().zip(digits.chunks_exact(2)) {
            *byte = (nibble(pair[0])? << 4) | nibble(pair[1])?;
        }
        Ok(KeyId(out))
    }
}

/// What a valid code says: which ticket of which event, signed by which key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TicketCode {
    /// The event the ticket admits to.
    pub event_id: Uuid,
    /// The ticket itself (random, unguessable).
    pub ticket_id: Uuid,
    /// The key that signed the code.
    pub kid: KeyId,
}

/// Why a code was refused. Callers answer all three the same way
/// (`invalid_code`) so a prober learns nothing from the difference.
#[derive(Debug, Clone, Copy, thiserror::Error, PartialEq, Eq)]
pub enum CodeError {
    /// Not a well-formed code of a known version.
    #[error("malformed ticket code")]
    Malformed,
    /// Well formed, but signed by a key this ring does not hold.
    #[error("ticket code signed by an unknown key")]
    UnknownKey,
    /// Well formed, known key, but the signature does not verify.
    #[error("ticket code signature does not verify")]
    BadSignature,
}

/// Why a code could not be issued.
#[derive(Debug, Clone, Copy, thiserror::Error, PartialEq, Eq)]
pub enum SignError {
    /// The ring only verifies; it holds no signing key.
    #[error("no signing key configured")]
    NoSigningKey,
}

/// Issues and checks ticket codes. Held as `Arc<dyn TicketCodec>` by callers.
pub trait TicketCodec: Send + Sync {
    /// The text form of a new signed code for this ticket.
    fn encode(&self, event_id: Uuid, ticket_id: Uuid) -> Result<String, SignError>;
    /// Parses and verifies a code; never panics, whatever the input.
    fn decode(&self, text: &str) -> Result<TicketCode, CodeError>;

    /// [`TicketCodec::decode`] of each text, in order: the same answers,
    /// computed together where that is cheaper (one batch verification of
    /// the signatures).
    fn decode_many(&self, texts: &[&str]) -> Vec<Result<TicketCode, CodeError>> {
        texts.iter().map(|text| self.decode(text)).collect()
    }
}

/// The bytes a signature covers, after [`SIGNING_DOMAIN`].
pub(crate) fn signed_bytes(event_id: Uuid, ticket_id: Uuid, kid: KeyId) -> [u8; SIGNED_LEN] {
    let mut out = [0u8; SIGNED_LEN];
    out[0] = VERSION;
    out[1..17].copy_from_slice(event_id.as_bytes());
    out[17..33].copy_from_slice(ticket_id.as_bytes());
    out[33..37].copy_from_slice(&kid.0);
    out
}

/// Length of the message a code's signature covers.
pub(crate) const MESSAGE_LEN: usize = SIGNING_DOMAIN.len() + SIGNED_LEN;

/// The message actually signed: domain separator then the signed bytes.
pub(crate) fn message(signed: &[u8; SIGNED_LEN]) -> [u8; MESSAGE_LEN] {
    let mut out = [0u8; MESSAGE_LEN];
    out[..SIGNING_DOMAIN.len()].copy_from_slice(SIGNING_DOMAIN);
    out[SIGNING_DOMAIN.len()..].copy_from_slice(signed);
    out
}

/// The text form of a payload.
pub(crate) fn to_text(signed: &[u8; SIGNED_LEN], signature: &[u8; 64]) -> String {
    let mut payload = [0u8; PAYLOAD_LEN];
    payload[..SIGNED_LEN].copy_from_slice(signed);
    payload[SIGNED_LEN..].copy_from_slice(signature);
    let mut text = String::with_capacity(CODE_LEN);
    text.push_str(PREFIX);
    base32::encode_into(&payload, &mut text);
    text
}

/// A code whose shape is right but whose signature is not yet checked.
pub(crate) struct Unverified {
    pub signed: [u8; SIGNED_LEN],
    pub signature: [u8; 64],
    pub code: TicketCode,
}

/// What a well-formed code claims, its signature not checked: which ticket
/// of which event. Only to route a code to where it is verified (the door
/// verifies the codes of a scan group in one batch, ADR 0014); nothing may
/// be decided, written or answered from a claim alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Claim {
    /// The event the code claims to admit to.
    pub event_id: Uuid,
    /// The ticket it claims to be.
    pub ticket_id: Uuid,
}

/// The claim of `text` if it is well formed (nothing about its key or
/// signature): [`TicketCodec::decode`] still decides whether it is genuine.
pub fn claim(text: &str) -> Result<Claim, CodeError> {
    parse(text).map(|u| Claim {
        event_id: u.code.event_id,
        ticket_id: u.code.ticket_id,
    })
}

/// Strict syntactic parse: prefix, length, alphabet, canonical base32, version.
pub(crate) fn parse(text: &str) -> Result<Unverified, CodeError> {
    // Length first: huge inputs are refused before any other work.
    if text.len() != CODE_LEN {
        return Err(CodeError::Malformed);
    }
    let body = text.strip_prefix(PREFIX).ok_or(CodeError::Malformed)?;
    let mut payload = [0u8; PAYLOAD_LEN];
    if !base32::decode_into(body.as_bytes(), &mut payload) {
        return Err(CodeError::Malformed);
    }
    if payload[0] != VERSION {
        return Err(CodeError::Malformed);
    }
    let mut signed = [0u8; SIGNED_LEN];
    signed.copy_from_slice(&payload[..SIGNED_LEN]);
    let mut signature = [0u8; 64];
    signature.copy_from_slice(&payload[SIGNED_LEN..]);
    let mut event = [0u8; 16];
    event.copy_from_slice(&signed[1..17]);
    let mut ticket = [0u8; 16];
    ticket.copy_from_slice(&signed[17..33]);
    let mut kid = [0u8; 4];
    kid.copy_from_slice(&signed[33..37]);
    Ok(Unverified {
        signed,
        signature,
        code: TicketCode {
            event_id: Uuid::from_bytes(event),
            ticket_id: Uuid::from_bytes(ticket),
            kid: KeyId(kid),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_length_is_167() {
        assert_eq!(CODE_LEN, 167);
        assert_eq!(PAYLOAD_LEN, 101);
    }

    #[test]
    fn key_id_text_round_trip() {
        let kid = KeyId([0x01, 0xab, 0xcd, 0xef]);
        assert_eq!(kid.to_string(), "01abcdef");
        assert_eq!("01abcdef".parse::<KeyId>(), Ok(kid));
        assert_eq!(format!("{kid:?}"), "KeyId(01abcdef)");
    }

    #[test]
    fn key_id_rejects_other_spellings() {
        for bad in [
            "",
            "01abcde",
            "01abcdef0",
            "01ABCDEF",
            "0xabcdef",
            "01abcdeg",
            "é1abcde",
        ] {
            assert_eq!(bad.parse::<KeyId>(), Err(ParseKeyIdError), "{bad}");
        }
    }
}
