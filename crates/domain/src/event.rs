use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::{text, FieldCode, Locale, ValidationErrors};

/// An event's display name: [`text::EVENT_NAME`], trimmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct EventName(String);

impl EventName {
    /// Parses and trims `raw`.
    pub fn parse(field: &str, raw: &str) -> Result<Self, ValidationErrors> {
        text::EVENT_NAME.check(field, raw).map(Self)
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Takes the inner string.
    pub fn into_inner(self) -> String {
        self.0
    }
}

/// An IANA time zone name such as `Europe/Paris`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Timezone(String);

impl Timezone {
    /// Parses an IANA zone name.
    pub fn parse(field: &str, raw: &str) -> Result<Self, ValidationErrors> {
        raw.parse::<chrono_tz::Tz>()
            .map(|tz| Self(tz.name().to_owned()))
            .map_err(|_| {
                ValidationErrors::one(
                    field,
                    FieldCode::InvalidTimezone,
                    "must be an IANA time zone such as Europe/Paris",
                )
            })
    }

    /// Every zone name `parse` takes, as sent (case matters).
    pub fn names() -> impl Iterator<Item = &'static str> {
        chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name())
    }

    /// The zone name.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Takes the inner string.
    pub fn into_inner(self) -> String {
        self.0
    }
}

/// The validated, user-editable fields of an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventDetails {
    /// Display name.
    pub name: EventName,
    /// When doors open (UTC).
    pub starts_at: DateTime<Utc>,
    /// When it ends (UTC); always after `starts_at`.
    pub ends_at: DateTime<Utc>,
    /// Where it takes place (free text, may be empty).
    pub venue: String,
    /// The zone the event's local times are shown in.
    pub timezone: Timezone,
    /// The language of its tickets, unless a ticket names its own; `None`
    /// prints them in English.
    pub locale: Option<Locale>,
}

impl EventDetails {
    /// Checks the cross-field rules (end after start, venue length); no
    /// locale (set [`EventDetails::locale`] after).
    pub fn new(
        name: EventName,
        starts_at: DateTime<Utc>,
        ends_at: DateTime<Utc>,
        venue: &str,
        timezone: Timezone,
    ) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        if ends_at <= starts_at {
            errors.push("ends_at", FieldCode::BeforeStart, "must be after starts_at");
        }
        let venue = text::VENUE.check_into(&mut errors, "venue", venue);
        errors.into_result()?;
        Ok(Self {
            name,
            starts_at,
            ends_at,
            venue,
            timezone,
            locale: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timezone_must_be_iana() {
        assert_eq!(
            Timezone::parse("tz", "Europe/Paris").unwrap().as_str(),
            "Europe/Paris"
        );
        assert!(Timezone::parse("tz", "Mars/Olympus").is_err());
    }

    #[test]
    fn end_must_follow_start() {
        let name = EventName::parse("name", "Gala").unwrap();
        let tz = Timezone::parse("tz", "UTC").unwrap();
        let t = Utc::now();
        let err = EventDetails::new(name, t, t, "", tz).unwrap_err();
        assert_eq!(err.0[0].field, "ends_at");
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(
            EventName::parse("name", "  Gala ").unwrap().as_str(),
            "Gala"
        );
        assert!(EventName::parse("name", "   ").is_err());
        assert!(EventName::parse("name", &"x".repeat(201)).is_err());
    }
}
