//! How many recipients of an invitee list read each language: what the
//! secretariat checks before sending (that the Arabic recipients are the
//! ones it expects, that no tag was mistyped into English).

use std::collections::BTreeMap;

use super::list::Plan;
use crate::domain::language::Language;

/// Recipients of one language tag as stored on their contacts or lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageCount {
    pub tag: String,
    /// The language the messages are written in: the tag's, or English.
    pub reads: Language,
    pub recipients: usize,
}

impl LanguageCount {
    /// `Arabic`, `French (fr-CA)`, `pt-BR, which reads English`.
    pub fn label(&self) -> String {
        let name = self.reads.english_name();
        if Language::ALL.iter().any(|l| l.tag() == self.tag) {
            name.to_owned()
        } else if self.reads == Language::En && !self.tag.eq_ignore_ascii_case("en") {
            format!("{}, which reads English", self.tag)
        } else {
            format!("{name} ({})", self.tag)
        }
    }
}

impl Plan {
    /// Recipients per language tag: the six first, in their order (each
    /// shown even at zero, so that a missing language shows), then the
    /// other tags alphabetically.
    pub fn languages(&self) -> Vec<LanguageCount> {
        let mut by_tag: BTreeMap<String, usize> = Language::ALL
            .iter()
            .map(|l| (l.tag().to_owned(), 0))
            .collect();
        for recipient in self.invitees.iter().flat_map(|i| &i.recipients) {
            *by_tag.entry(recipient.language.clone()).or_default() += 1;
        }
        let mut rows: Vec<LanguageCount> = by_tag
            .into_iter()
            .map(|(tag, recipients)| LanguageCount {
                reads: Language::from_tag(&tag),
                tag,
                recipients,
            })
            .collect();
        rows.sort_by_key(|row| {
            let six = Language::ALL.iter().position(|l| l.tag() == row.tag);
            (six.is_none(), six, row.tag.clone())
        });
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::invitation::{Category, Party, PlannedInvitee, PlannedRecipient};

    fn invitee(languages: &[&str]) -> PlannedInvitee {
        PlannedInvitee {
            party: Party::Guest(0),
            category: Category::Guest,
            name: String::new(),
            group_name: None,
            recipients: languages
                .iter()
                .map(|l| PlannedRecipient {
                    contact_id: None,
                    name: String::new(),
                    email: String::new(),
                    language: (*l).to_owned(),
                })
                .collect(),
        }
    }

    #[test]
    fn recipients_are_counted_per_language_the_six_first() {
        let plan = Plan {
            invitees: vec![
                invitee(&["ar", "fr", "pt-BR"]),
                invitee(&["ar", "fr-CA", "de"]),
            ],
        };
        let rows: Vec<(String, usize, String)> = plan
            .languages()
            .into_iter()
            .map(|r| (r.tag.clone(), r.recipients, r.label()))
            .collect();
        let row = |tag: &str, n: usize, label: &str| (tag.to_owned(), n, label.to_owned());
        assert_eq!(
            rows,
            vec![
                row("ar", 2, "Arabic"),
                row("en", 0, "English"),
                row("es", 0, "Spanish"),
                row("fr", 1, "French"),
                row("ru", 0, "Russian"),
                row("zh", 0, "Chinese"),
                row("de", 1, "de, which reads English"),
                row("fr-CA", 1, "French (fr-CA)"),
                row("pt-BR", 1, "pt-BR, which reads English"),
            ]
        );
    }
}
