//! The extra addresses of an invitee list, as typed one per line.

use crate::domain::directory::LanguageCode;
use crate::domain::email::EmailAddress;
use crate::domain::text::{Kind, Text};

/// A person invited in their own name (an "extra address").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guest {
    pub name: String,
    pub email: String,
    pub language: String,
}

/// Why a line of the extra addresses was refused (1-based line number).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuestLineError {
    pub line: usize,
    pub text: String,
    pub reason: &'static str,
}

/// Why a language after a comma was refused: it names what is accepted.
pub const LANGUAGE_REASON: &str = "write the language as ar, en, es, fr, ru or zh (Arabic, English, Spanish, French, Russian, Chinese), or another BCP 47 tag such as pt-BR, which reads English; nothing means English";

/// Parses the extra addresses, one per line: `address`, `Name <address>`,
/// either optionally followed by `, ` and a language: one of the six
/// (`, fr`, `, zh`) or another BCP 47 tag (`, pt-BR`), stored in canonical
/// case; English when none is given. Blank lines are skipped; an address
/// given twice is kept once.
pub fn parse_guests(input: &str) -> Result<Vec<Guest>, Vec<GuestLineError>> {
    let mut guests: Vec<Guest> = Vec::new();
    let mut errors = Vec::new();
    for (i, raw) in input.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let (person, language) = match line.rsplit_once(',') {
            Some((rest, tag)) if looks_like_language(tag.trim()) => {
                match LanguageCode::parse(tag) {
                    Ok(code) => (rest.trim(), code.as_str().to_owned()),
                    // A language that is not a well-formed tag: say so,
                    // rather than blame the address's form.
                    Err(_) => {
                        errors.push(GuestLineError {
                            line: i + 1,
                            text: line.to_owned(),
                            reason: LANGUAGE_REASON,
                        });
                        continue;
                    }
                }
            }
            _ => (line, "en".to_owned()),
        };
        let (name, address) = match (person.find('<'), person.rfind('>')) {
            (Some(open), Some(close)) if open < close && close == person.len() - 1 => (
                person[..open].trim().trim_matches('"').trim(),
                &person[open + 1..close],
            ),
            (None, None) => ("", person),
            _ => {
                errors.push(GuestLineError {
                    line: i + 1,
                    text: line.to_owned(),
                    reason: "write it as Name <address>",
                });
                continue;
            }
        };
        if Text::parse(Kind::Name, name).is_err() {
            errors.push(GuestLineError {
                line: i + 1,
                text: line.to_owned(),
                reason: "a name has at most 200 characters and no control characters",
            });
            continue;
        }
        match EmailAddress::parse(address) {
            Ok(email) => {
                if !guests
                    .iter()
                    .any(|g| g.email.eq_ignore_ascii_case(email.as_str()))
                {
                    guests.push(Guest {
                        name: name.to_owned(),
                        email: email.as_str().to_owned(),
                        language,
                    });
                }
            }
            Err(_) => errors.push(GuestLineError {
                line: i + 1,
                text: line.to_owned(),
                reason: "not an email address",
            }),
        }
    }
    if errors.is_empty() {
        Ok(guests)
    } else {
        Err(errors)
    }
}

/// Whether `tag` is meant as a language (`de`, `pt-BR`, `zh-Hant`, or a
/// mistyped `pt--BR`), not as part of a name or an address: a short word of
/// letters, digits and hyphens starting with two or three letters.
fn looks_like_language(tag: &str) -> bool {
    let primary = tag.split(['-', '_']).next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && tag.len() <= 20
        && tag
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The extra addresses written back one per line, as [`parse_guests`] reads them.
pub fn format_guests(guests: &[Guest]) -> String {
    guests
        .iter()
        .map(|g| {
            let person = if g.name.is_empty() {
                g.email.clone()
            } else {
                format!("{} <{}>", g.name, g.email)
            };
            if g.language == "en" {
                person
            } else {
                format!("{person}, {}", g.language)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guests_are_read_one_per_line_with_an_optional_name_and_language() {
        let guests = parse_guests(
            "ana@example.org\n\n  Jean Dupont <Jean@Example.ORG>, fr\n\"Sol\" <sol@example.org>,ES\nana@example.org\n",
        )
        .expect("valid");
        assert_eq!(
            guests,
            vec![
                Guest {
                    name: String::new(),
                    email: "ana@example.org".into(),
                    language: "en".into()
                },
                Guest {
                    name: "Jean Dupont".into(),
                    email: "Jean@example.org".into(),
                    language: "fr".into()
                },
                Guest {
                    name: "Sol".into(),
                    email: "sol@example.org".into(),
                    language: "es".into()
                },
            ]
        );
        assert_eq!(parse_guests(&format_guests(&guests)), Ok(guests));
    }

    #[test]
    fn the_six_languages_and_other_bcp47_tags_are_accepted() {
        let guests = parse_guests(
            "a@example.org, AR\nb@example.org, zh\nc@example.org, ru\nd@example.org, pt_br\ne@example.org, zh-hant\nf@example.org, de",
        )
        .expect("valid");
        assert_eq!(
            guests
                .iter()
                .map(|g| g.language.as_str())
                .collect::<Vec<_>>(),
            vec!["ar", "zh", "ru", "pt-BR", "zh-Hant", "de"]
        );
    }

    #[test]
    fn a_malformed_language_is_refused_naming_the_accepted_ones() {
        let errors = parse_guests(
            "Hans Muster <hans@example.org>, pt--BR\nAna <ana@example.org>, xyz-123456789",
        )
        .expect_err("neither is a tag");
        assert_eq!(errors.len(), 2);
        for e in &errors {
            assert_eq!(e.reason, LANGUAGE_REASON, "{e:?}");
            assert!(e.reason.contains("ar, en, es, fr, ru or zh"));
        }
        // A comma inside a name is not taken for a language.
        let guests = parse_guests("\"Dupont, Jean\" <jean@example.org>").expect("valid");
        assert_eq!(guests[0].language, "en");
    }

    #[test]
    fn bad_guest_lines_are_named_by_number() {
        let errors = parse_guests("ok@example.org\nnot an address\nAna <ana@example.org\n")
            .expect_err("two bad lines");
        assert_eq!(
            errors.iter().map(|e| e.line).collect::<Vec<_>>(),
            vec![2, 3]
        );
    }
}
