use std::fmt;

use serde::Serialize;

use crate::{FieldCode, ValidationErrors};

/// A syntactically valid e-mail address, trimmed and lower-cased so that one
/// mailbox maps to one account.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    /// Most characters of an address, as sent.
    pub const MAX_CHARS: usize = 254;

    /// Parses `raw`, reporting errors against `field`.
    pub fn parse(field: &str, raw: &str) -> Result<Self, ValidationErrors> {
        let value = raw.trim().to_lowercase();
        let invalid = || {
            ValidationErrors::one(
                field,
                FieldCode::InvalidEmail,
                "is not a valid e-mail address",
            )
        };
        if raw.chars().count() > Self::MAX_CHARS {
            return Err(ValidationErrors::one(
                field,
                FieldCode::TooLong,
                format!("must be at most {} characters", Self::MAX_CHARS),
            ));
        }
        if value.is_empty() {
            return Err(ValidationErrors::one(
                field,
                FieldCode::Required,
                "must not be empty",
            ));
        }
        let (local, domain) = value.split_once('@').ok_or_else(invalid)?;
        // The dot-atom form of RFC 5322 (no quoted local parts, no comments),
        // letters beyond ASCII allowed (RFC 6531); a host name of labels of
        // letters, digits and inner hyphens, with at least one dot.
        let atext = |c: char| c.is_alphanumeric() || "!#$%&'*+/=?^_`{|}~-".contains(c);
        let dot_atom = |part: &str, ok: &dyn Fn(char) -> bool| {
            !part.is_empty()
                && part
                    .split('.')
                    .all(|atom| !atom.is_empty() && atom.chars().all(ok))
        };
        let label = |l: &str| {
            !l.is_empty()
                && l.chars().count() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        };
        if local.chars().count() > 64
            || !dot_atom(local, &atext)
            || !domain.contains('.')
            || !domain.split('.').all(label)
        {
            return Err(invalid());
        }
        Ok(Self(value))
    }

    /// Wraps a value read back from storage, which was validated on the way in.
    pub fn from_trusted(value: String) -> Self {
        Self(value)
    }

    /// The normalized address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_real_addresses() {
        for raw in [
            "ada@example.org",
            "ada.lovelace+tickets@mail.example.co.uk",
            "o'brien@example.ie",
            "=1+2@x.example",
            "zoë@exemple.fr",
            "a@b-c.example",
        ] {
            assert!(
                Email::parse("email", raw).is_ok(),
                "{raw:?} should be accepted"
            );
        }
    }

    #[test]
    fn normalizes_case_and_space() {
        let email = Email::parse("email", "  Ada@Example.ORG ").unwrap();
        assert_eq!(email.as_str(), "ada@example.org");
    }

    #[test]
    fn refuses_malformed_addresses() {
        assert_eq!(
            Email::parse("email", " ").unwrap_err().0[0].code,
            "required"
        );
        for raw in [
            "=1+2\"@x.example",
            "\"quoted\"@example.org",
            "ada.@example.org",
            ".ada@example.org",
            "a..da@example.org",
            "ada@-example.org",
            "ada@exa_mple.org",
            "ada(comment)@example.org",
            "ada",
            "@example.org",
            "ada@",
            "ada@example",
            "a b@example.org",
            "a@b@example.org",
            "ada@.example.org",
            "ada@example..org",
        ] {
            assert!(
                Email::parse("email", raw).is_err(),
                "{raw:?} should be refused"
            );
        }
    }
}
