//! Free text typed by people (names, labels, notes): one rule type that both
//! validates a value and describes itself to the API contract (length and
//! pattern), so the two cannot drift.
//!
//! The rule: at most `max` characters as sent (Unicode scalar values, as
//! JSON Schema's `maxLength` counts), no control character (a line break
//! only where `multiline`), and, when `required`, something besides
//! white space. The stored value is trimmed.

use crate::{FieldCode, ValidationErrors};

/// The characters Rust's `char::is_control` refuses (Unicode `Cc`), as a
/// regular-expression class body, without and with the line feed allowed.
const CONTROL: &str = r"\x00-\x1f\x7f-\x9f";
const CONTROL_BUT_LF: &str = r"\x00-\x09\x0b-\x1f\x7f-\x9f";

/// Rust's `char::is_whitespace` (the Unicode `White_Space` property) as a
/// regular-expression class body.
pub const WHITE_SPACE: &str =
    r"\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000";

/// An event's name.
pub const EVENT_NAME: TextRule = TextRule::required(200);
/// An event's venue.
pub const VENUE: TextRule = TextRule::optional(300);
/// A ticket holder's name.
pub const HOLDER_NAME: TextRule = TextRule::required(200);
/// A ticket's category.
pub const CATEGORY: TextRule = TextRule::optional(100);
/// A ticket's note for the staff.
pub const NOTE: TextRule = TextRule::multiline(2000);
/// A person's name on an account.
pub const PERSON_NAME: TextRule = TextRule::required(100);
/// A door device's name or gate, given when it is created.
pub const DEVICE_LABEL: TextRule = TextRule::required(100);
/// The gate a scan was made at.
pub const GATE: TextRule = TextRule::optional(100);
/// The version of the door app, reported at each upload.
pub const APP_VERSION: TextRule = TextRule::optional(64);

/// How one text field is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextRule {
    /// Most characters, as sent.
    pub max: usize,
    /// Must hold something besides white space.
    pub required: bool,
    /// Line breaks (`\n`) allowed.
    pub multiline: bool,
}

impl TextRule {
    /// A required one-line text of at most `max` characters.
    pub const fn required(max: usize) -> Self {
        Self {
            max,
            required: true,
            multiline: false,
        }
    }

    /// An optional one-line text of at most `max` characters.
    pub const fn optional(max: usize) -> Self {
        Self {
            max,
            required: false,
            multiline: false,
        }
    }

    /// An optional text of at most `max` characters, line breaks allowed.
    pub const fn multiline(max: usize) -> Self {
        Self {
            max,
            required: false,
            multiline: true,
        }
    }

    /// Checks `raw` and returns it trimmed.
    pub fn check(&self, field: &str, raw: &str) -> Result<String, ValidationErrors> {
        let value = raw.trim();
        if self.required && value.is_empty() {
            return Err(ValidationErrors::one(
                field,
                FieldCode::Required,
                "must not be empty",
            ));
        }
        if raw.chars().count() > self.max {
            return Err(ValidationErrors::one(
                field,
                FieldCode::TooLong,
                format!("must be at most {} characters", self.max),
            ));
        }
        if raw
            .chars()
            .any(|c| c.is_control() && !(self.multiline && c == '\n'))
        {
            return Err(ValidationErrors::one(
                field,
                FieldCode::InvalidCharacters,
                "must not contain control characters",
            ));
        }
        Ok(value.to_owned())
    }

    /// Checks `raw`, records an error in `errors`, and returns it trimmed.
    pub fn check_into(&self, errors: &mut ValidationErrors, field: &str, raw: &str) -> String {
        errors
            .take(self.check(field, raw))
            .unwrap_or_else(|| raw.trim().to_owned())
    }

    /// The rule as a JSON Schema (ECMA-262 and Python agree on) `pattern`.
    pub fn pattern(&self) -> String {
        let control = if self.multiline {
            CONTROL_BUT_LF
        } else {
            CONTROL
        };
        if self.required {
            format!("^[^{control}]*[^{control}{WHITE_SPACE}][^{control}]*$")
        } else {
            format!("^[^{control}]*$")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_counts_as_sent_and_refuses_controls() {
        let rule = TextRule::required(5);
        assert_eq!(rule.check("f", "  Ada").unwrap(), "Ada");
        assert_eq!(rule.check("f", "   ").unwrap_err().0[0].code, "required");
        assert_eq!(rule.check("f", " Ada  ").unwrap_err().0[0].code, "too_long");
        assert_eq!(
            rule.check("f", "\tAda").unwrap_err().0[0].code,
            "invalid_characters"
        );
        assert_eq!(TextRule::optional(5).check("f", "").unwrap(), "");
        assert_eq!(
            TextRule::multiline(9).check("f", "a\nb").unwrap(),
            "a\nb".to_owned()
        );
        assert!(rule.pattern().starts_with("^[^\\x00-\\x1f"));
    }

    #[test]
    fn the_white_space_class_is_rusts() {
        let listed: Vec<char> = (0..=0x3000u32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        assert_eq!(listed.len(), 25);
        for c in listed {
            let escaped = format!("\\u{:04x}", c as u32);
            let short = format!("\\x{:02x}", c as u32);
            let named = match c {
                '\t' => "\\t",
                '\n' => "\\n",
                '\r' => "\\r",
                ' ' => " ",
                _ => "",
            };
            let in_range = c as u32 >= 0x2000 && c as u32 <= 0x200a;
            assert!(
                in_range
                    || WHITE_SPACE.contains(&escaped)
                    || WHITE_SPACE.contains(&short)
                    || (!named.is_empty() && WHITE_SPACE.contains(named)),
                "{:04x} missing",
                c as u32
            );
        }
    }
}
