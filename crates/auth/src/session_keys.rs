//! The keys derived from the session secrets in force (access tokens of
//! people and of door devices, CSRF tokens), replaceable at run time so that
//! `qr-event keys rotate-session` reaches every instance without a restart.

use std::sync::{Arc, RwLock};

use crate::{CsrfSigner, JwtKeys};

/// One generation of session keys: the newest secret signs, earlier ones in
/// their grace period only verify.
#[derive(Clone)]
pub struct SessionKeySet {
    /// People's access tokens.
    pub access: JwtKeys,
    /// Door devices' access tokens (own key and audience).
    pub device: JwtKeys,
    /// CSRF tokens.
    pub csrf: CsrfSigner,
}

/// The session keys in force, shared by the services that use them.
#[derive(Clone)]
pub struct SessionKeys {
    inner: Arc<RwLock<Arc<SessionKeySet>>>,
}

impl SessionKeys {
    /// Holds `set`.
    pub fn new(set: SessionKeySet) -> Self {
        Self {
            inner: Arc::new(RwLock::new(Arc::new(set))),
        }
    }

    /// The keys now.
    pub fn current(&self) -> Arc<SessionKeySet> {
        self.inner.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Swaps in a reloaded set.
    pub fn replace(&self, set: SessionKeySet) {
        *self.inner.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(set);
    }
}
