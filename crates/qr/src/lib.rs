//! QR ticket codes for QR Event: the signed code format, the key ring that
//! issues and verifies codes, and the SVG, PNG and PDF renderers.
//!
//! A code is `QRE1:` followed by 162 base32 characters carrying the event id,
//! the ticket id, a key id and an Ed25519 signature (`docs/qr-code-format.md`).
//! Pure library: no I/O, and no function panics on any input.
//!
//! ```
//! use qr_event_qr::{KeyRing, SigningKeyPair, TicketCodec};
//! use uuid::Uuid;
//!
//! let ring = KeyRing::new(Some(SigningKeyPair::generate()), vec![]).unwrap();
//! let (event, ticket) = (Uuid::new_v4(), Uuid::new_v4());
//! let text = ring.encode(event, ticket).unwrap();
//! assert!(text.starts_with("QRE1:") && text.len() == 167);
//! let code = ring.decode(&text).unwrap();
//! assert_eq!((code.event_id, code.ticket_id), (event, ticket));
//! ```

mod base32;
mod code;
mod keys;
mod matrix;
mod pdf;
mod raster;
mod svg;

pub use code::{
    claim, Claim, CodeError, KeyId, ParseKeyIdError, SignError, TicketCode, TicketCodec, CODE_LEN,
};
pub use keys::{InvalidKey, KeyRing, SigningKeyPair};
pub use matrix::{qr_matrix, EcLevel, ParseEcLevelError, QrMatrix, RenderError, RenderOptions};
pub use pdf::{render_pdf, ParseLayoutError, PdfLayout, SheetLabels, TicketSheet};
pub use raster::render_png;
pub use svg::render_svg;
