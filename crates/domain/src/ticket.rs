//! Tickets: what an organizer issues and a scanner checks.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::{text, Email, FieldCode, Locale, ValidationErrors};

/// Largest `max_uses` of one ticket.
pub const MAX_USES_LIMIT: i32 = 1000;

/// Whether a ticket can still be admitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TicketStatus {
    /// Valid (subject to its window and uses).
    Active,
    /// Refused at the door from now on.
    Revoked,
}

impl TicketStatus {
    /// The stable name used in the API and in storage.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Revoked => "revoked",
        }
    }

    /// Reads a stable name back.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "active" => Some(Self::Active),
            "revoked" => Some(Self::Revoked),
            _ => None,
        }
    }
}

/// Why a scan was refused. The names are part of the API contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RejectReason {
    /// Used `max_uses` times already.
    AlreadyUsed,
    /// Revoked (or replaced by a reissued ticket).
    Revoked,
    /// Its validity window has ended.
    Expired,
    /// Its validity window has not started.
    NotYetValid,
    /// A genuine code of another event.
    WrongEvent,
    /// Malformed, forged, signed by an unknown or retired key, or unknown ticket.
    InvalidCode,
}

impl RejectReason {
    /// Every reason, in a stable order.
    pub const ALL: [RejectReason; 6] = [
        Self::AlreadyUsed,
        Self::Revoked,
        Self::Expired,
        Self::NotYetValid,
        Self::WrongEvent,
        Self::InvalidCode,
    ];

    /// The stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::AlreadyUsed => "already_used",
            Self::Revoked => "revoked",
            Self::Expired => "expired",
            Self::NotYetValid => "not_yet_valid",
            Self::WrongEvent => "wrong_event",
            Self::InvalidCode => "invalid_code",
        }
    }

    /// Reads a stable name back.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == name)
    }
}

/// Validated holder and validity fields of a ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketDetails {
    /// Name printed on the ticket and shown at the door.
    pub holder_name: String,
    /// Optional contact address.
    pub holder_email: Option<Email>,
    /// Free category (e.g. "VIP"), may be empty.
    pub category: String,
    /// Admitted from (inclusive).
    pub valid_from: DateTime<Utc>,
    /// Admitted until (exclusive).
    pub valid_until: DateTime<Utc>,
    /// Admissions allowed (re-entry when above 1).
    pub max_uses: i32,
    /// Free-form note for organizers (never shown at the door).
    pub note: String,
    /// Language of the printed ticket; `None` follows the event's.
    pub locale: Option<Locale>,
}

/// Unvalidated ticket fields as received; `None` window bounds default to
/// the event's window widened by a margin.
#[derive(Debug, Clone, Default)]
pub struct TicketDraft {
    /// Holder name.
    pub holder_name: String,
    /// Holder e-mail.
    pub holder_email: Option<String>,
    /// Category.
    pub category: Option<String>,
    /// Start of validity.
    pub valid_from: Option<DateTime<Utc>>,
    /// End of validity.
    pub valid_until: Option<DateTime<Utc>>,
    /// Admissions allowed.
    pub max_uses: Option<i32>,
    /// Note.
    pub note: Option<String>,
    /// Language tag (`en`, `fr`).
    pub locale: Option<String>,
}

impl TicketDraft {
    /// Validates the draft. `prefix` names the fields (e.g. `tickets[3].`);
    /// the default window is `[event_start - margin, event_end + margin)`.
    pub fn validate(
        self,
        prefix: &str,
        event_window: (DateTime<Utc>, DateTime<Utc>),
        margin: Duration,
    ) -> Result<TicketDetails, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let f = |name: &str| format!("{prefix}{name}");
        let holder_name =
            text::HOLDER_NAME.check_into(&mut errors, &f("holder_name"), &self.holder_name);
        let holder_email = match self.holder_email.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(raw) => errors.take(Email::parse(&f("holder_email"), raw)),
        };
        let category = text::CATEGORY.check_into(
            &mut errors,
            &f("category"),
            self.category.as_deref().unwrap_or(""),
        );
        let note =
            text::NOTE.check_into(&mut errors, &f("note"), self.note.as_deref().unwrap_or(""));
        let locale = errors
            .take(Locale::parse_optional(&f("locale"), self.locale.as_deref()))
            .flatten();
        let valid_from = self.valid_from.unwrap_or(event_window.0 - margin);
        let valid_until = self.valid_until.unwrap_or(event_window.1 + margin);
        if valid_until <= valid_from {
            errors.push(
                &f("valid_until"),
                FieldCode::BeforeStart,
                "must be after valid_from",
            );
        }
        let max_uses = self.max_uses.unwrap_or(1);
        if !(1..=MAX_USES_LIMIT).contains(&max_uses) {
            errors.push(
                &f("max_uses"),
                FieldCode::OutOfRange,
                format!("must be between 1 and {MAX_USES_LIMIT}"),
            );
        }
        errors.into_result()?;
        Ok(TicketDetails {
            holder_name,
            holder_email,
            category,
            valid_from,
            valid_until,
            max_uses,
            note,
            locale,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn window() -> (DateTime<Utc>, DateTime<Utc>) {
        let start = DateTime::parse_from_rfc3339("2030-05-01T18:00:00Z")
            .unwrap()
            .to_utc();
        (start, start + Duration::hours(5))
    }

    #[test]
    fn defaults_to_the_event_window_with_margin() {
        let draft = TicketDraft {
            holder_name: " Ada ".into(),
            ..Default::default()
        };
        let t = draft.validate("", window(), Duration::hours(2)).unwrap();
        assert_eq!(t.holder_name, "Ada");
        assert_eq!(t.valid_from, window().0 - Duration::hours(2));
        assert_eq!(t.valid_until, window().1 + Duration::hours(2));
        assert_eq!(t.max_uses, 1);
    }

    #[test]
    fn reports_every_bad_field_with_prefix() {
        let draft = TicketDraft {
            holder_name: "".into(),
            holder_email: Some("nope".into()),
            max_uses: Some(0),
            valid_from: Some(window().1),
            valid_until: Some(window().0),
            ..Default::default()
        };
        let errs = draft
            .validate("tickets[2].", window(), Duration::zero())
            .unwrap_err();
        let fields: Vec<&str> = errs.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "tickets[2].holder_name",
                "tickets[2].holder_email",
                "tickets[2].valid_until",
                "tickets[2].max_uses"
            ]
        );
    }

    #[test]
    fn reasons_round_trip() {
        for r in RejectReason::ALL {
            assert_eq!(RejectReason::parse(r.as_str()), Some(r));
        }
    }
}
