use std::fmt;

use serde::Serialize;

use crate::ValidationErrors;

/// A syntactically valid e-mail address, trimmed and lower-cased so that one
/// mailbox maps to one account.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    /// Parses `raw`, reporting errors against `field`.
    pub fn parse(field: &str, raw: &str) -> Result<Self, ValidationErrors> {
        let value = raw.trim().to_lowercase();
        let invalid =
            || ValidationErrors::one(field, "invalid_email", "is not a valid e-mail address");
        if value.len() > 254 {
            return Err(ValidationErrors::one(
                field,
                "too_long",
                "must be at most 254 characters",
            ));
        }
        let (local, domain) = value.split_once('@').ok_or_else(invalid)?;
        let bad_char =
            |c: char| c.is_whitespace() || c.is_control() || c == '@' || c == '<' || c == '>';
        if local.is_empty()
            || local.len() > 64
            || domain.len() < 3
            || !domain.contains('.')
            || domain.starts_with('.')
            || domain.ends_with('.')
            || domain.contains("..")
            || value.chars().filter(|c| *c == '@').count() != 1
            || local.chars().any(bad_char)
            || domain.chars().any(|c| bad_char(c) || c == '_')
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
    fn normalizes_case_and_space() {
        let email = Email::parse("email", "  Ada@Example.ORG ").unwrap();
        assert_eq!(email.as_str(), "ada@example.org");
    }

    #[test]
    fn refuses_malformed_addresses() {
        for raw in [
            "",
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
