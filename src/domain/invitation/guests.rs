//! The extra addresses of an invitee list, as typed one per line.

use super::LANGUAGES;
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

/// Parses the extra addresses, one per line: `address`, `Name <address>`,
/// either optionally followed by `, fr` or `, es` (English otherwise). Blank
/// lines are skipped; an address given twice is kept once.
pub fn parse_guests(input: &str) -> Result<Vec<Guest>, Vec<GuestLineError>> {
    let mut guests: Vec<Guest> = Vec::new();
    let mut errors = Vec::new();
    for (i, raw) in input.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let (person, language) = match line.rsplit_once(',') {
            Some((rest, tag)) if LANGUAGES.contains(&tag.trim().to_ascii_lowercase().as_str()) => {
                (rest.trim(), tag.trim().to_ascii_lowercase())
            }
            // A language tag invitations are not written in: say so, rather
            // than blame the address's form.
            Some((_, tag)) if looks_like_language(tag.trim()) => {
                errors.push(GuestLineError {
                    line: i + 1,
                    text: line.to_owned(),
                    reason: "invitations are written in English, French (fr) or Spanish (es): write fr or es, or nothing for English",
                });
                continue;
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

/// Whether `tag` reads as a language code (`de`, `pt-BR`, `zh`), not as
/// part of a name or an address.
fn looks_like_language(tag: &str) -> bool {
    let primary = tag.split(['-', '_']).next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && tag.len() <= 8
        && !tag.contains(['@', '<', '>', ' '])
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
    fn an_unsupported_language_is_named_as_such() {
        let errors =
            parse_guests("Hans Muster <hans@example.org>, de\nAna <ana@example.org>, pt-BR")
                .expect_err("German and Portuguese are not offered");
        assert_eq!(errors.len(), 2);
        for e in &errors {
            assert!(
                e.reason.starts_with("invitations are written in English"),
                "{e:?}"
            );
        }
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
