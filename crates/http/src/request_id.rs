//! The request id of the request being served, readable from anywhere in
//! its task (error bodies, audit entries).

tokio::task_local! {
    static REQUEST_ID: String;
}

/// Runs `fut` with `id` as the current request id.
pub async fn scope<F: std::future::Future>(id: String, fut: F) -> F::Output {
    REQUEST_ID.scope(id, fut).await
}

/// The current request id, when inside a request.
pub fn current() -> Option<String> {
    REQUEST_ID.try_with(Clone::clone).ok()
}

/// Accepts a caller-supplied id only when it is short and plain; otherwise a
/// fresh one is made.
pub fn accept_or_generate(incoming: Option<&str>) -> String {
    match incoming {
        Some(id)
            if !id.is_empty()
                && id.len() <= 64
                && id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') =>
        {
            id.to_owned()
        }
        _ => uuid::Uuid::now_v7().simple().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_odd_ids() {
        assert_eq!(accept_or_generate(Some("abc-123")), "abc-123");
        assert_ne!(accept_or_generate(Some("a b\n")), "a b\n");
        assert_eq!(accept_or_generate(None).len(), 32);
    }
}
