//! Keyset pagination: `?limit=&cursor=` in, `{items, next_cursor}` out.
//! Cursors are opaque to clients (base64url of a small JSON key).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use qr_event_domain::FieldCode;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::ApiError;

/// Default and largest page sizes.
pub const DEFAULT_LIMIT: u32 = 50;
/// Largest page size.
pub const MAX_LIMIT: u32 = 100;

/// A page of results.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// Checks `limit`: 1 to 100, 50 when absent.
pub fn limit(raw: Option<u32>) -> Result<u32, ApiError> {
    match raw {
        None => Ok(DEFAULT_LIMIT),
        Some(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
        Some(_) => Err(ApiError::invalid_field(
            "limit",
            FieldCode::OutOfRange,
            format!("must be between 1 and {MAX_LIMIT}"),
        )),
    }
}

/// Encodes a cursor key.
pub fn encode<K: Serialize>(key: &K) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(key).unwrap_or_default())
}

/// Decodes a cursor sent back by a client.
pub fn decode<K: DeserializeOwned>(raw: Option<&str>) -> Result<Option<K>, ApiError> {
    let Some(raw) = raw.filter(|r| !r.is_empty()) else {
        return Ok(None);
    };
    URL_SAFE_NO_PAD
        .decode(raw)
        .ok()
        .filter(|bytes| bytes.len() <= 512)
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .map(Some)
        .ok_or_else(|| {
            ApiError::invalid_field(
                "cursor",
                FieldCode::Invalid,
                "is not a cursor returned by this list",
            )
        })
}

/// Builds a page from `limit + 1` fetched rows: the extra row only signals
/// that another page exists.
pub fn page<R, T, K: Serialize>(
    mut rows: Vec<R>,
    limit: u32,
    key: impl Fn(&R) -> K,
    item: impl Fn(R) -> T,
) -> Page<T> {
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next_cursor = if more {
        rows.last().map(|r| encode(&key(r)))
    } else {
        None
    };
    Page {
        items: rows.into_iter().map(item).collect(),
        next_cursor,
    }
}

/// `?limit=&cursor=` of list endpoints.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Page size, 1 to 100 (default 50).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u32>,
    /// Opaque cursor from a previous page's `next_cursor`.
    pub cursor: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        let c = encode(&(5, "x"));
        assert_eq!(
            decode::<(i32, String)>(Some(&c)).unwrap(),
            Some((5, "x".into()))
        );
        assert!(decode::<(i32, String)>(Some("!!")).is_err());
        assert!(decode::<(i32, String)>(None).unwrap().is_none());
    }

    #[test]
    fn limit_bounds() {
        assert_eq!(limit(None).unwrap(), 50);
        assert!(limit(Some(0)).is_err());
        assert!(limit(Some(101)).is_err());
    }

    #[test]
    fn page_marks_more() {
        let p = page(vec![1, 2, 3], 2, |r| *r, |r| r);
        assert_eq!(p.items, vec![1, 2]);
        assert_eq!(p.next_cursor.as_deref(), Some(encode(&2).as_str()));
        let p = page(vec![1, 2], 2, |r| *r, |r| r);
        assert!(p.next_cursor.is_none());
    }
}
