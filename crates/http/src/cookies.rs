//! Session cookies. The access and refresh tokens live only in `HttpOnly`
//! cookies; the CSRF token cookie is readable by the page so that it can echo
//! it in the `X-CSRF-Token` header.

use std::time::Duration;

use axum::http::{header, HeaderMap, HeaderValue};

/// Which cookie.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cookie {
    /// The short-lived JWT.
    Access,
    /// The opaque, rotating refresh token.
    Refresh,
    /// The CSRF double-submit token (readable by scripts).
    Csrf,
    /// A door device's short-lived access token.
    DeviceAccess,
    /// A door device's rotating refresh token.
    DeviceRefresh,
    /// A door device's CSRF token (readable by scripts).
    DeviceCsrf,
}

impl Cookie {
    /// The cookie name; secure mode uses the `__Host-` prefix, which browsers
    /// only accept with `Secure`, `Path=/` and no `Domain`.
    pub fn name(self, secure: bool) -> &'static str {
        match (self, secure) {
            (Cookie::Access, true) => "__Host-qre_access",
            (Cookie::Refresh, true) => "__Host-qre_refresh",
            (Cookie::Csrf, true) => "__Host-qre_csrf",
            (Cookie::DeviceAccess, true) => "__Host-qre_device",
            (Cookie::DeviceRefresh, true) => "__Host-qre_device_refresh",
            (Cookie::DeviceCsrf, true) => "__Host-qre_device_csrf",
            (Cookie::Access, false) => "qre_access",
            (Cookie::Refresh, false) => "qre_refresh",
            (Cookie::Csrf, false) => "qre_csrf",
            (Cookie::DeviceAccess, false) => "qre_device",
            (Cookie::DeviceRefresh, false) => "qre_device_refresh",
            (Cookie::DeviceCsrf, false) => "qre_device_csrf",
        }
    }

    fn http_only(self) -> bool {
        !matches!(self, Cookie::Csrf | Cookie::DeviceCsrf)
    }

    /// A `Set-Cookie` value that stores `value` for `max_age`.
    pub fn set(self, secure: bool, value: &str, max_age: Duration) -> HeaderValue {
        self.header(secure, value, max_age.as_secs())
    }

    /// A `Set-Cookie` value that deletes the cookie.
    pub fn clear(self, secure: bool) -> HeaderValue {
        self.header(secure, "", 0)
    }

    fn header(self, secure: bool, value: &str, max_age: u64) -> HeaderValue {
        let mut cookie = format!(
            "{}={value}; Path=/; Max-Age={max_age}; SameSite=Strict",
            self.name(secure)
        );
        if self.http_only() {
            cookie.push_str("; HttpOnly");
        }
        if secure {
            cookie.push_str("; Secure");
        }
        HeaderValue::from_str(&cookie).expect("cookie values are base64url and dots")
    }

    /// The value sent by the client, if any.
    pub fn read(self, secure: bool, headers: &HeaderMap) -> Option<String> {
        let name = self.name(secure);
        headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.trim_matches('"').to_owned())
            .filter(|v| !v.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secure_cookies_carry_every_attribute() {
        let v = Cookie::Access.set(true, "abc", Duration::from_secs(600));
        assert_eq!(
            v,
            "__Host-qre_access=abc; Path=/; Max-Age=600; SameSite=Strict; HttpOnly; Secure"
        );
        let csrf = Cookie::Csrf.set(true, "t", Duration::from_secs(1));
        assert!(!csrf.to_str().unwrap().contains("HttpOnly"));
    }

    #[test]
    fn reads_the_named_cookie_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; __Host-qre_csrf=tok; b=2"),
        );
        assert_eq!(Cookie::Csrf.read(true, &headers).as_deref(), Some("tok"));
        assert_eq!(Cookie::Access.read(true, &headers), None);
    }
}
