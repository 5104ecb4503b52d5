//! The per-field errors a form shows next to its inputs.

use std::fmt;

/// Problems found in one form or CSV row, by field name, in the order found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(Vec<(&'static str, String)>);

impl FieldErrors {
    pub fn add(&mut self, field: &'static str, message: impl Into<String>) {
        self.0.push((field, message.into()));
    }

    /// The first message for `field`, for the template to show beside it.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Keeps `value` when a field parsed, records its error otherwise.
    pub fn take<T, E: fmt::Display>(
        &mut self,
        field: &'static str,
        result: Result<T, E>,
    ) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.add(field, error.to_string());
                None
            }
        }
    }
}

impl fmt::Display for FieldErrors {
    /// One line for a CSV preview: `email: …; language: …`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.0.iter().map(|(k, m)| format!("{k}: {m}")).collect();
        f.write_str(&parts.join("; "))
    }
}

pub use crate::domain::text::{Text, TextError};

/// Reads yes/no the ways spreadsheets write it; empty means `default`.
pub fn parse_flag(input: &str, default: bool) -> Result<bool, &'static str> {
    match input.trim().to_ascii_lowercase().as_str() {
        "" => Ok(default),
        "yes" | "y" | "true" | "1" | "x" => Ok(true),
        "no" | "n" | "false" | "0" => Ok(false),
        _ => Err("write yes or no"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_read_yes_and_no_and_default_when_empty() {
        assert_eq!(parse_flag("Yes", false), Ok(true));
        assert_eq!(parse_flag("false", true), Ok(false));
        assert_eq!(parse_flag(" ", true), Ok(true));
        assert!(parse_flag("maybe", true).is_err());
    }

    #[test]
    fn field_errors_keep_the_first_message_per_field() {
        let mut errors = FieldErrors::default();
        assert!(errors.take("name", Text::name("ok")).is_some());
        assert!(errors.is_empty());
        assert!(errors.take("name", Text::name("")).is_none());
        errors.add("name", "second");
        assert_eq!(errors.get("name"), Some("this field is required"));
        assert_eq!(
            errors.to_string(),
            "name: this field is required; name: second"
        );
    }
}
