use serde::Serialize;

use crate::FieldCode;

/// One invalid input field: which one, a stable machine code, and a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// JSON pointer-like field name, e.g. `email` or `tickets/3/holder_name`.
    pub field: String,
    /// Stable machine code, e.g. `too_short`.
    pub code: FieldCode,
    /// Human readable explanation (English).
    pub message: String,
}

/// A non-empty list of field errors, returned when parsing user input fails.
#[derive(Debug, Clone, Default, PartialEq, Eq, thiserror::Error)]
#[error("invalid input: {} field error(s)", .0.len())]
pub struct ValidationErrors(pub Vec<FieldError>);

impl ValidationErrors {
    /// A single-field error.
    pub fn one(field: &str, code: FieldCode, message: impl Into<String>) -> Self {
        Self(vec![FieldError {
            field: field.to_owned(),
            code,
            message: message.into(),
        }])
    }

    /// Adds an error for `field`.
    pub fn push(&mut self, field: &str, code: FieldCode, message: impl Into<String>) {
        self.0.push(FieldError {
            field: field.to_owned(),
            code,
            message: message.into(),
        });
    }

    /// Records the error of a parse result and returns its value, if any.
    pub fn take<T>(&mut self, result: Result<T, ValidationErrors>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(errors) => {
                self.0.extend(errors.0);
                None
            }
        }
    }

    /// `Ok(())` when no error was collected.
    pub fn into_result(self) -> Result<(), ValidationErrors> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }
}
