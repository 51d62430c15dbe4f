//! The stable machine codes of the API's errors, as two closed enumerations.
//!
//! A problem (`application/problem+json`) carries one [`ProblemCode`]; each
//! invalid field in it carries one [`FieldCode`]. They are part of the API
//! contract: the OpenAPI document lists every value (generated from
//! [`ProblemCode::ALL`] and [`FieldCode::ALL`]), and the web app must have a
//! French and an English text for each. Codes are only ever added; removing
//! or renaming one is a breaking change.

use std::fmt;

use serde::{Serialize, Serializer};

macro_rules! codes {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $variant:ident = $text:literal => $help:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $( #[doc = $help] $variant, )*
        }

        impl $name {
            /// Every code, in documentation order.
            pub const ALL: &'static [$name] = &[$( $name::$variant, )*];

            /// The code as it appears on the wire.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $text, )*
                }
            }

            /// What the code means, in one English sentence (for the reference).
            pub const fn help(self) -> &'static str {
                match self {
                    $( $name::$variant => $help, )*
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    };
}

codes! {
    /// The `code` of a problem: what went wrong with the request as a whole.
    pub enum ProblemCode {
        ValidationFailed = "validation_failed" => "Some fields are invalid; `errors` lists each with its own code.",
        MalformedJson = "malformed_json" => "The body is not valid JSON or does not have the documented shape.",
        MalformedBody = "malformed_body" => "The body could not be read (interrupted upload or a broken encoding).",
        InvalidQuery = "invalid_query" => "The query string does not parse.",
        PayloadTooLarge = "payload_too_large" => "The body is larger than the operation accepts.",
        UnsupportedMediaType = "unsupported_media_type" => "The body is not of the media type the operation expects.",
        MethodNotAllowed = "method_not_allowed" => "The path exists but not with this HTTP method.",
        Unauthenticated = "unauthenticated" => "No valid session: sign in (or refresh the session) and try again.",
        InvalidCredentials = "invalid_credentials" => "The e-mail address or the password is wrong (deliberately not saying which).",
        DeviceRevoked = "device_revoked" => "This door device was signed out (revoked, expired or enrolled again); it needs a new enrolment link.",
        CsrfFailed = "csrf_failed" => "The CSRF token is missing or wrong, or the request came from another site.",
        Forbidden = "forbidden" => "Signed in, but the caller's role does not allow this.",
        RegistrationClosed = "registration_closed" => "Self-registration is closed on this instance; an organizer must invite the person.",
        NotFound = "not_found" => "No such resource, or not visible to the caller.",
        InvalidLink = "invalid_link" => "The link (enrolment, invitation or address verification) is unknown, used, expired or withdrawn.",
        Conflict = "conflict" => "The request conflicts with existing data.",
        ScanIdReused = "scan_id_reused" => "This scan id was already used for another ticket or event; each scan needs its own id.",
        LastOwner = "last_owner" => "An event must keep at least one owner.",
        EventHasTickets = "event_has_tickets" => "An event with tickets cannot be deleted; archive it instead.",
        TooManyTickets = "too_many_tickets" => "Too many tickets for one PDF; download them in smaller parts.",
        NoTickets = "no_tickets" => "The event has no active ticket to print.",
        MailNotConfigured = "mail_not_configured" => "Tickets cannot be e-mailed: this instance has no SMTP server configured (QR_EVENT_SMTP_URL).",
        WalletNotConfigured = "wallet_not_configured" => "No wallet pass of that kind: this instance has no credentials for it (see the README, wallet passes).",
        TicketRevoked = "ticket_revoked" => "The ticket is already revoked.",
        AlreadyVerified = "already_verified" => "This e-mail address is already verified.",
        InvitationAccepted = "invitation_accepted" => "The invitation was already accepted; remove the member instead.",
        DeviceEnded = "device_ended" => "The door device is revoked or expired; create a new one.",
        RateLimited = "rate_limited" => "Too many attempts; wait for the time given in Retry-After.",
        QuotaExceeded = "quota_exceeded" => "The account used up one of its quotas; wait for the time given in Retry-After.",
        Busy = "busy" => "The server is saturated; try again after Retry-After.",
        Unavailable = "unavailable" => "The database is unreachable; try again after Retry-After.",
        Internal = "internal" => "An unexpected error; the request id finds it in the server logs.",
    }
}

codes! {
    /// The `code` of one invalid field of a request.
    pub enum FieldCode {
        Required = "required" => "The field is missing or empty.",
        TooShort = "too_short" => "The value is shorter than allowed.",
        TooLong = "too_long" => "The value is longer than allowed.",
        OutOfRange = "out_of_range" => "The number or date is outside the allowed range.",
        Invalid = "invalid" => "The value does not have the expected form.",
        InvalidCharacters = "invalid_characters" => "The text holds control or other characters that are not allowed.",
        InvalidEmail = "invalid_email" => "The value is not a valid e-mail address.",
        InvalidTimezone = "invalid_timezone" => "The value is not an IANA time zone name (e.g. Europe/Paris).",
        InvalidLength = "invalid_length" => "The value does not have the required length.",
        UnknownField = "unknown_field" => "The body has a field the operation does not know.",
        Unknown = "unknown" => "The value is not one of the known values.",
        BeforeStart = "before_start" => "The end is not after the start.",
        BeforeFrom = "before_from" => "The end of the period is before its start.",
        InPast = "in_past" => "The date must be in the future.",
        TooFar = "too_far" => "The date is too far in the future.",
        Exclusive = "exclusive" => "Give only one of the fields named.",
        Duplicate = "duplicate" => "The value appears twice where it must be unique.",
        TooMany = "too_many" => "The list holds more items than allowed.",
        Taken = "taken" => "The value is already in use.",
        TooCommon = "too_common" => "The password is among the most common ones.",
        MatchesEmail = "matches_email" => "The password must not be the e-mail address.",
        Incorrect = "incorrect" => "The current password is wrong.",
        Encoding = "encoding" => "The file is not UTF-8 text.",
        Malformed = "malformed" => "The line of the file does not parse as CSV.",
        MissingColumn = "missing_column" => "The file's header lacks a required column.",
        UnknownColumn = "unknown_column" => "The file's header names a column that is not known.",
        TooManyRows = "too_many_rows" => "The file has more rows than one import takes.",
        ColumnCount = "column_count" => "The line has not as many cells as the header.",
        InvalidNumber = "invalid_number" => "The cell is not a whole number.",
        InvalidTime = "invalid_time" => "The cell is not an RFC 3339 date and time.",
        TooManyErrors = "too_many_errors" => "The file has too many errors; only the first ones are listed.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check<'a>(codes: impl Iterator<Item = (&'a str, &'a str)>) {
        let mut seen = std::collections::HashSet::new();
        for (code, help) in codes {
            assert!(
                code.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{code}"
            );
            assert!(help.ends_with('.'), "{code}: {help}");
            assert!(seen.insert(code), "{code} twice");
        }
    }

    #[test]
    fn codes_are_unique_snake_case_words_with_a_sentence() {
        check(ProblemCode::ALL.iter().map(|c| (c.as_str(), c.help())));
        check(FieldCode::ALL.iter().map(|c| (c.as_str(), c.help())));
        assert_eq!(FieldCode::TooLong.to_string(), "too_long");
    }
}
