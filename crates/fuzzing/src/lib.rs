//! What each fuzz target does with its input. The libFuzzer harnesses in
//! `fuzz/` (nightly) call these; `tests/smoke.rs` runs them on stable over
//! the seed corpus and pseudo-random inputs, so CI keeps them honest.

use std::sync::OnceLock;

use qr_event_qr::{
    render_pdf, KeyId, KeyRing, PdfLayout, SigningKeyPair, TicketCodec, TicketSheet,
};
use uuid::Uuid;

const EVENT: Uuid = Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0001);
const TICKET: Uuid = Uuid::from_u128(0x1234_5678_9abc_4def_8123_4567_89ab_cdef);

fn ring() -> &'static (KeyRing, String) {
    static RING: OnceLock<(KeyRing, String)> = OnceLock::new();
    RING.get_or_init(|| {
        let pair = SigningKeyPair::from_secret(KeyId([1, 2, 3, 4]), [7; 32]);
        let ring = KeyRing::new(Some(pair), Vec::new()).expect("valid key");
        let code = ring.encode(EVENT, TICKET).expect("signing key");
        (ring, code)
    })
}

/// The ticket code parser: any text, and any change to a genuine code, must
/// be refused or decode to exactly what was signed; never a panic.
pub fn code(data: &[u8]) {
    let (ring, genuine) = ring();
    let _ = ring.decode(&String::from_utf8_lossy(data));
    if data.is_empty() {
        return;
    }
    // Structure-aware: flip bytes of a genuine code (positions and values
    // from the input), so the search starts past the length check.
    let mut bytes = genuine.clone().into_bytes();
    for pair in data.chunks(2) {
        let at = usize::from(pair[0]) % bytes.len();
        bytes[at] ^= pair.get(1).copied().unwrap_or(1);
    }
    if let Ok(text) = String::from_utf8(bytes) {
        if let Ok(decoded) = ring.decode(&text) {
            assert_eq!(
                (decoded.event_id, decoded.ticket_id),
                (EVENT, TICKET),
                "a changed code verified as another ticket: {text:?}"
            );
        }
    }
}

/// The printable ticket: any text in any field (mixed scripts, bidi
/// controls, lone marks, missing glyphs, endless lines) lays out and
/// renders, in the layout the first byte picks; never a panic.
pub fn ticket_text(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut fields = text.splitn(4, '\n').map(str::to_owned);
    let mut next = || fields.next().unwrap_or_default();
    let sheet = TicketSheet {
        holder: next(),
        category: next(),
        event_name: next(),
        venue: next(),
        when: text.chars().rev().take(80).collect(),
        code: ring().1.clone(),
        labels: Default::default(),
    };
    let layout = PdfLayout::ALL[data.first().map_or(0, |b| usize::from(*b) % 4)];
    let pdf = render_pdf(&text, &[sheet], layout).expect("a genuine code always renders");
    assert!(pdf.starts_with(b"%PDF-"));
}

/// The CSV import parser: linear, bounded, never a panic.
pub fn csv_import(data: &[u8]) {
    let (drafts, errors) = qr_event_service::parse_csv(data, 1_000);
    assert!(drafts.len() <= 1_000);
    assert!(errors.len() <= qr_event_service::MAX_IMPORT_ERRORS + 1);
}

/// JSON bodies of the door, device, invitation and auth endpoints.
pub fn request_bodies(data: &[u8]) {
    qr_event_http::fuzzing::request_bodies(data);
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = qr_event_domain::Email::parse("email", text);
    }
}
