//! Free-text fields and the per-field errors a form shows next to its inputs.

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

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("this field is required")]
    Missing,
    #[error("at most {0} characters")]
    TooLong(usize),
    #[error("line breaks and control characters are not allowed")]
    Control,
}

/// A one-line text, trimmed, without control characters, of bounded length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text(String);

impl Text {
    pub const NAME_MAX: usize = 200;

    /// A required name.
    pub fn name(input: &str) -> Result<Text, TextError> {
        let text = Text::optional(input, Text::NAME_MAX)?;
        if text.0.is_empty() {
            Err(TextError::Missing)
        } else {
            Ok(text)
        }
    }

    /// A text that may be empty.
    pub fn optional(input: &str, max: usize) -> Result<Text, TextError> {
        let trimmed = input.trim();
        if trimmed.chars().any(char::is_control) {
            return Err(TextError::Control);
        }
        if trimmed.chars().count() > max {
            return Err(TextError::TooLong(max));
        }
        Ok(Text(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

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
    fn a_name_is_trimmed_required_bounded_and_one_line() {
        assert_eq!(Text::name("  Group B ").expect("valid").as_str(), "Group B");
        assert_eq!(Text::name("   "), Err(TextError::Missing));
        assert_eq!(Text::name("a\nb"), Err(TextError::Control));
        assert_eq!(
            Text::name(&"x".repeat(201)),
            Err(TextError::TooLong(Text::NAME_MAX))
        );
        assert_eq!(Text::optional("", 5).expect("may be empty").as_str(), "");
    }

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
