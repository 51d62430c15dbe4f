//! The languages tickets are printed in.

use std::fmt;

use serde::Serialize;

use crate::{FieldCode, ValidationErrors};

/// A language of the printed ticket and the attendee page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    /// English; the default.
    #[default]
    En,
    /// French.
    Fr,
}

impl Locale {
    /// Every locale, in a stable order.
    pub const ALL: [Locale; 2] = [Self::En, Self::Fr];

    /// The tag used in the API and in storage (`en`, `fr`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Fr => "fr",
        }
    }

    /// Reads a stored tag back.
    pub fn from_tag(tag: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.as_str() == tag)
    }

    /// Parses `raw`, which must be exactly a tag; `None` stays none.
    pub fn parse_optional(
        field: &str,
        raw: Option<&str>,
    ) -> Result<Option<Self>, ValidationErrors> {
        match raw {
            None => Ok(None),
            Some(tag) => Self::from_tag(tag).map(Some).ok_or_else(|| {
                ValidationErrors::one(field, FieldCode::Unknown, "must be en or fr")
            }),
        }
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_parse_exactly() {
        let parse = |raw| Locale::parse_optional("locale", raw);
        assert_eq!(parse(Some("fr")).unwrap(), Some(Locale::Fr));
        assert_eq!(parse(Some("en")).unwrap(), Some(Locale::En));
        assert_eq!(parse(None).unwrap(), None);
        for wrong in ["", " fr", "FR", "en-GB", "de"] {
            let err = parse(Some(wrong)).unwrap_err();
            assert_eq!(err.0[0].field, "locale", "{wrong:?}");
        }
    }
}
