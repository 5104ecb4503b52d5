//! The one bounded text type for every free-text field a person types:
//! trimmed, without NUL or other control characters (line breaks only where
//! the field is multi-line), and at most a maximum length per kind of field.
//! Every form parser reads its free text through [`Text::parse`], so a value
//! that a database would refuse (PostgreSQL refuses NUL) or that would break a
//! page's layout or a calendar line cannot get past the boundary.

use std::fmt;

/// What a field holds, which decides its length and whether it may break lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A person's or body's name, a delegate's function, an acronym: one line, 200.
    Name,
    /// A meeting's title: one line, 200.
    Title,
    /// A one-line value longer than a name (a venue, a change's note): 2,000.
    Line,
    /// A free comment or note: several lines, 2,000.
    Note,
    /// A meeting's purpose: several lines, 5,000.
    Purpose,
    /// A list of several lines that is parsed line by line (extra addresses,
    /// excluded dates): several lines, 20,000.
    Lines,
    /// A search box: one line, 200.
    Search,
}

impl Kind {
    /// The most characters (Unicode scalar values) the field holds.
    pub const fn max(self) -> usize {
        match self {
            Kind::Name | Kind::Title | Kind::Search => 200,
            Kind::Line | Kind::Note => 2000,
            Kind::Purpose => 5000,
            Kind::Lines => 20_000,
        }
    }

    pub const fn multiline(self) -> bool {
        matches!(self, Kind::Note | Kind::Purpose | Kind::Lines)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("this field is required")]
    Missing,
    #[error("at most {0} characters")]
    TooLong(usize),
    #[error("line breaks are not allowed here")]
    LineBreak,
    #[error("line breaks and control characters are not allowed")]
    Control,
}

impl TextError {
    /// The message as a sentence, for forms whose messages are sentences.
    pub fn sentence(&self) -> String {
        match self {
            TextError::Missing => "This field is required.".to_owned(),
            TextError::TooLong(max) => format!("At most {max} characters, please."),
            TextError::LineBreak => "Keep this on one line.".to_owned(),
            TextError::Control => {
                "Remove the control characters (such as NUL) from this text.".to_owned()
            }
        }
    }
}

/// A checked free text; it may be empty unless made with [`Text::required`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text(String);

/// Line breaks as typed in a browser (`\r\n`), a file or a paste.
fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

impl Text {
    pub const NAME_MAX: usize = Kind::Name.max();

    /// Checks `input` as a field of `kind`. Multi-line text keeps `\n` line
    /// breaks (`\r\n` and `\r` become `\n`); tabs are refused like any other
    /// control character.
    pub fn parse(kind: Kind, input: &str) -> Result<Text, TextError> {
        Text::check(input, kind.max(), kind.multiline())
    }

    /// Like [`Text::parse`], and not empty.
    pub fn required(kind: Kind, input: &str) -> Result<Text, TextError> {
        let text = Text::parse(kind, input)?;
        if text.0.is_empty() {
            Err(TextError::Missing)
        } else {
            Ok(text)
        }
    }

    /// A required name.
    pub fn name(input: &str) -> Result<Text, TextError> {
        Text::required(Kind::Name, input)
    }

    /// A one-line text that may be empty, with its own maximum.
    pub fn optional(input: &str, max: usize) -> Result<Text, TextError> {
        Text::check(input, max, false)
    }

    fn check(input: &str, max: usize, multiline: bool) -> Result<Text, TextError> {
        let trimmed = input.trim();
        let text = if multiline {
            trimmed
                .replace("\r\n", "\n")
                .replace(['\r', '\u{2028}', '\u{2029}'], "\n")
        } else {
            if trimmed.chars().any(is_line_break) {
                return Err(TextError::LineBreak);
            }
            trimmed.to_owned()
        };
        if text.chars().any(|c| c.is_control() && c != '\n') {
            return Err(TextError::Control);
        }
        if text.chars().count() > max {
            return Err(TextError::TooLong(max));
        }
        Ok(Text(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// For query structs (`#[serde(default, deserialize_with = "…")]`): a search
/// box's text, checked while the query is parsed, so that no list can forget.
pub fn search<'de, D>(deserializer: D) -> Result<Option<String>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    let raw: Option<String> = serde::Deserialize::deserialize(deserializer)?;
    raw.map(|r| {
        Text::parse(Kind::Search, &r)
            .map(Text::into_string)
            .map_err(|e| serde::de::Error::custom(format!("the search text: {e}")))
    })
    .transpose()
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_trimmed_required_bounded_and_one_line() {
        assert_eq!(Text::name("  Group B ").expect("valid").as_str(), "Group B");
        assert_eq!(Text::name("   "), Err(TextError::Missing));
        assert_eq!(Text::name("a\nb"), Err(TextError::LineBreak));
        assert_eq!(Text::name("a\u{2028}b"), Err(TextError::LineBreak));
        assert_eq!(
            Text::name(&"x".repeat(201)),
            Err(TextError::TooLong(Text::NAME_MAX))
        );
        assert_eq!(Text::optional("", 5).expect("may be empty").as_str(), "");
    }

    #[test]
    fn nul_and_control_characters_are_refused_in_every_kind() {
        for kind in [
            Kind::Name,
            Kind::Title,
            Kind::Line,
            Kind::Note,
            Kind::Search,
        ] {
            assert_eq!(Text::parse(kind, "a\0b"), Err(TextError::Control));
            assert_eq!(Text::parse(kind, "a\u{7}b"), Err(TextError::Control));
            assert_eq!(Text::parse(kind, "a\tb"), Err(TextError::Control));
        }
    }

    #[test]
    fn multi_line_fields_keep_their_line_breaks_as_newlines() {
        let note = Text::parse(Kind::Note, " one\r\ntwo\rthree \n").expect("valid");
        assert_eq!(note.as_str(), "one\ntwo\nthree");
        assert_eq!(
            Text::parse(Kind::Note, &"x".repeat(2001)),
            Err(TextError::TooLong(2000))
        );
    }
}
