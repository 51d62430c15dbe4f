//! Entry point for the fuzz targets (`fuzz/`): every JSON body of the door,
//! device, invitation and auth endpoints, parsed exactly as the server parses
//! them. Any input must give a value or a problem, never a panic.

use crate::extract::parse_json;
use crate::routes::{auth, devices, door, invitations};

/// Parses `data` as each request body; returns how many accepted it.
pub fn request_bodies(data: &[u8]) -> usize {
    [
        parse_json::<auth::LoginRequest>(data).is_ok(),
        parse_json::<auth::RegisterRequest>(data).is_ok(),
        parse_json::<auth::PasswordChangeRequest>(data).is_ok(),
        parse_json::<door::ScanRequest>(data).is_ok(),
        parse_json::<door::AdmitRequest>(data).is_ok(),
        parse_json::<door::SyncRequest>(data).is_ok(),
        parse_json::<devices::CreateDeviceRequest>(data).is_ok(),
        parse_json::<devices::EnrolRequest>(data).is_ok(),
        parse_json::<invitations::AddMemberRequest>(data).is_ok(),
        parse_json::<invitations::TokenRequest>(data).is_ok(),
    ]
    .into_iter()
    .filter(|ok| *ok)
    .count()
}
