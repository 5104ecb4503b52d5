//! The directory's CSV files: one record type per kind, the same columns for
//! export and import so that an exported file imports unchanged.
//!
//! An import is read in full before anything is written: every row is parsed
//! into its entry or refused with its line number and the reason, duplicates
//! within the file are refused, and the file is importable only when no row
//! is refused. What "importing" then does to the store is the store's job
//! (see `db::directory::import`).

use std::collections::HashMap;
use std::hash::Hash;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::codes::CountryCode;
use super::entries::{Affiliation, ContactEntry, ContactInput, OrganisationEntry, StateEntry};
use super::fields::parse_flag;
use super::index::DirectoryIndex;
use crate::domain::spreadsheet::{CsvWriter, restore};

/// More rows than any real directory has; beyond it the file is refused whole.
pub const MAX_ROWS: usize = 10_000;

/// The three kinds of file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvKind {
    States,
    Organisations,
    Contacts,
}

impl CsvKind {
    /// From the URL segment (`/directory/states.csv`, `/directory/import/contacts`).
    pub fn parse(slug: &str) -> Option<CsvKind> {
        match slug {
            "states" => Some(CsvKind::States),
            "organisations" => Some(CsvKind::Organisations),
            "contacts" => Some(CsvKind::Contacts),
            _ => None,
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            CsvKind::States => "states",
            CsvKind::Organisations => "organisations",
            CsvKind::Contacts => "contacts",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CsvKind::States => "Member states",
            CsvKind::Organisations => "Organisations",
            CsvKind::Contacts => "Contacts",
        }
    }

    pub fn headers(self) -> &'static [&'static str] {
        match self {
            CsvKind::States => StateRecord::HEADERS,
            CsvKind::Organisations => OrganisationRecord::HEADERS,
            CsvKind::Contacts => ContactRecord::HEADERS,
        }
    }

    /// Columns a file must have; the others default to empty.
    fn required(self) -> &'static [&'static str] {
        match self {
            CsvKind::States => &["code", "name"],
            CsvKind::Organisations => &["name", "kind"],
            CsvKind::Contacts => &["name", "email"],
        }
    }
}

/// A member state as a CSV row. `group` is a group's name or short name.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct StateRecord {
    pub code: String,
    pub name: String,
    pub group: String,
    pub group_confidence: String,
    pub group_note: String,
}

impl StateRecord {
    pub const HEADERS: &'static [&'static str] =
        &["code", "name", "group", "group_confidence", "group_note"];
}

/// An organisation as a CSV row; `kind` is IGO or NGO, `observer` yes or no.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct OrganisationRecord {
    pub name: String,
    pub acronym: String,
    pub kind: String,
    pub observer: String,
}

impl OrganisationRecord {
    pub const HEADERS: &'static [&'static str] = &["name", "acronym", "kind", "observer"];
}

/// A contact as a CSV row: `state` is an ISO code, `organisation` a name (one
/// of the two), `coordinator_of` a group's name or short name.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactRecord {
    pub name: String,
    pub email: String,
    pub language: String,
    pub state: String,
    pub organisation: String,
    pub coordinator_of: String,
    pub invitation_recipient: String,
}

impl ContactRecord {
    pub const HEADERS: &'static [&'static str] = &[
        "name",
        "email",
        "language",
        "state",
        "organisation",
        "coordinator_of",
        "invitation_recipient",
    ];
}

/// Writes records under a header row (present even when there are none).
/// Cells are neutralised against formula injection ([`CsvWriter`]); the
/// import reads them back as typed.
pub fn write<T: Serialize>(headers: &[&str], records: &[T]) -> Result<String, csv::Error> {
    let mut writer = CsvWriter::new();
    writer.row(headers)?;
    for record in records {
        writer.record(record)?;
    }
    let bytes = writer.into_bytes()?;
    String::from_utf8(bytes)
        .map_err(|e| csv::Error::from(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))
}

/// One line of a file as the preview shows it.
#[derive(Debug, Clone)]
pub struct PreviewRow {
    pub line: u64,
    pub cells: Vec<String>,
    pub error: Option<String>,
}

/// A file read in full: its rows, what is wrong with each, and the entries of
/// the good ones.
#[derive(Debug, Clone)]
pub struct Preview<T> {
    pub headers: Vec<String>,
    pub rows: Vec<PreviewRow>,
    pub entries: Vec<T>,
    /// A problem with the file as a whole (no header, missing column).
    pub problem: Option<String>,
}

impl<T> Preview<T> {
    fn refused(problem: String) -> Preview<T> {
        Preview {
            headers: Vec::new(),
            rows: Vec::new(),
            entries: Vec::new(),
            problem: Some(problem),
        }
    }

    pub fn bad_rows(&self) -> usize {
        self.rows.iter().filter(|r| r.error.is_some()).count()
    }

    /// All rows or none: importable only when every row is good.
    pub fn is_importable(&self) -> bool {
        self.problem.is_none() && !self.entries.is_empty() && self.bad_rows() == 0
    }
}

/// Reads a file of `kind` against what the directory holds.
pub fn preview_states(text: &str, index: &DirectoryIndex) -> Preview<StateEntry> {
    read(
        text,
        CsvKind::States,
        |r: StateRecord| {
            StateEntry::parse(
                &r.code,
                &r.name,
                &r.group,
                &r.group_confidence,
                &r.group_note,
                index,
            )
            .map_err(|e| e.to_string())
        },
        |e| e.code.clone(),
    )
}

pub fn preview_organisations(text: &str) -> Preview<OrganisationEntry> {
    read(
        text,
        CsvKind::Organisations,
        |r: OrganisationRecord| {
            OrganisationEntry::parse(&r.name, &r.acronym, &r.kind, &r.observer)
                .map_err(|e| e.to_string())
        },
        |e| e.name.as_str().to_lowercase(),
    )
}

pub fn preview_contacts(text: &str, index: &DirectoryIndex) -> Preview<ContactEntry> {
    read(
        text,
        CsvKind::Contacts,
        |r: ContactRecord| contact_from(&r, index),
        ContactEntry::natural_key,
    )
}

fn contact_from(r: &ContactRecord, index: &DirectoryIndex) -> Result<ContactEntry, String> {
    let affiliation = match (r.state.trim(), r.organisation.trim()) {
        ("", "") => Err("give a member state code or an organisation name".to_owned()),
        (state, "") => CountryCode::parse(state)
            .map_err(|e| e.to_string())
            .and_then(|code| {
                index
                    .state_coded(&code)
                    .map(Affiliation::State)
                    .ok_or_else(|| format!("no member state has the code {code}"))
            }),
        ("", organisation) => index
            .organisation_named(organisation)
            .map(Affiliation::Organisation)
            .ok_or_else(|| format!("no organisation is called {organisation:?}")),
        _ => Err("give a member state or an organisation, not both".to_owned()),
    };
    let coordinator_of = match r.coordinator_of.trim() {
        "" => Ok(None),
        group => index
            .group_named(group)
            .map(Some)
            .ok_or_else(|| format!("no regional group is called {group:?}")),
    };
    ContactEntry::parse(ContactInput {
        name: &r.name,
        email: &r.email,
        language: &r.language,
        affiliation,
        coordinator_of,
        invitation_recipient: parse_flag(&r.invitation_recipient, true).map_err(str::to_owned),
    })
    .map_err(|e| e.to_string())
}

/// Spreadsheets in some locales save with semicolons; the header tells.
fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    if header.contains(';') && !header.contains(',') {
        b';'
    } else {
        b','
    }
}

fn read<R, T, K>(
    text: &str,
    kind: CsvKind,
    parse: impl Fn(R) -> Result<T, String>,
    key: impl Fn(&T) -> K,
) -> Preview<T>
where
    R: DeserializeOwned,
    K: Eq + Hash,
{
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Preview::refused("The file is empty.".to_owned());
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.to_lowercase()).collect::<Vec<_>>(),
        Err(e) => return Preview::refused(format!("Line 1: the header cannot be read ({e}).")),
    };
    let missing: Vec<&str> = kind
        .required()
        .iter()
        .copied()
        .filter(|h| !headers.iter().any(|c| c == h))
        .collect();
    if !missing.is_empty() {
        return Preview::refused(format!(
            "Line 1 must name the columns; missing: {}. Expected: {}.",
            missing.join(", "),
            kind.headers().join(",")
        ));
    }
    let header_record = csv::StringRecord::from(headers.clone());
    let mut preview = Preview {
        headers,
        rows: Vec::new(),
        entries: Vec::new(),
        problem: None,
    };
    let mut seen: HashMap<K, u64> = HashMap::new();
    for result in reader.records() {
        if preview.rows.len() >= MAX_ROWS {
            preview.problem = Some(format!("The file has more than {MAX_ROWS} rows."));
            break;
        }
        let record = match result {
            Ok(record) => record,
            Err(e) => {
                let line = e.position().map_or(0, csv::Position::line);
                preview.rows.push(PreviewRow {
                    line,
                    cells: Vec::new(),
                    error: Some(format!("cannot be read: {e}")),
                });
                continue;
            }
        };
        let line = record.position().map_or(0, csv::Position::line);
        let record: csv::StringRecord = record.iter().map(restore).collect();
        let cells: Vec<String> = record.iter().map(str::to_owned).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        let error = if record.len() != header_record.len() {
            Some(format!(
                "has {} fields where the header has {}",
                record.len(),
                header_record.len()
            ))
        } else {
            match record.deserialize::<R>(Some(&header_record)) {
                Err(e) => Some(format!("cannot be read: {e}")),
                Ok(raw) => match parse(raw) {
                    Err(why) => Some(why),
                    Ok(entry) => match seen.get(&key(&entry)) {
                        Some(first) => Some(format!("duplicate of line {first}")),
                        None => {
                            seen.insert(key(&entry), line);
                            preview.entries.push(entry);
                            None
                        }
                    },
                },
            }
        };
        preview.rows.push(PreviewRow { line, cells, error });
    }
    preview
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::directory::ids::{GroupId, OrganisationId, StateId};

    fn index() -> DirectoryIndex {
        DirectoryIndex {
            groups: vec![(GroupId(1), "Group B".into(), "B".into())],
            states: vec![(StateId(7), "CH".into())],
            organisations: vec![(OrganisationId(3), "European Union".into())],
        }
    }

    #[test]
    fn a_good_contacts_file_gives_one_entry_per_row() {
        let text = "name,email,language,state,organisation,coordinator_of,invitation_recipient\n\
                    Ann,ann@example.ch,fr,ch,,B,yes\n\
                    Bob,bob@eu.int,,,European Union,,no\n";
        let preview = preview_contacts(text, &index());
        assert!(preview.is_importable(), "{preview:?}");
        assert_eq!(preview.entries.len(), 2);
        assert_eq!(preview.entries[0].coordinator_of, Some(GroupId(1)));
        assert!(!preview.entries[1].invitation_recipient);
    }

    #[test]
    fn contacts_may_read_any_of_the_six_languages_or_another_bcp47_tag() {
        let text = "name,email,language,state\n\
                    A,a@example.ch,ar,CH\n\
                    B,b@example.ch,ZH,CH\n\
                    C,c@example.ch,ru,CH\n\
                    D,d@example.ch,pt_br,CH\n\
                    E,e@example.ch,zh-hant,CH\n\
                    F,f@example.ch,english,CH\n";
        let preview = preview_contacts(text, &index());
        let languages: Vec<&str> = preview
            .entries
            .iter()
            .map(|e| e.language.as_str())
            .collect();
        assert_eq!(languages, vec!["ar", "zh", "ru", "pt-BR", "zh-Hant"]);
        let bad: Vec<String> = preview
            .rows
            .iter()
            .filter_map(|r| r.error.clone())
            .collect();
        assert_eq!(bad.len(), 1, "{bad:?}");
        assert!(bad[0].contains("ar, en, es, fr, ru or zh"), "{bad:?}");
    }

    #[test]
    fn bad_rows_are_named_by_line_and_reason() {
        let text = "name,email,state\n\
                    Ann,ann@example.ch,CH\n\
                    Bob,not-an-email,CH\n\
                    Cy,cy@example.org,ZZ\n\
                    Ann again,ANN@example.ch,CH\n";
        let preview = preview_contacts(text, &index());
        assert!(!preview.is_importable());
        let bad: Vec<(u64, String)> = preview
            .rows
            .iter()
            .filter_map(|r| r.error.clone().map(|e| (r.line, e)))
            .collect();
        assert_eq!(bad.len(), 3, "{bad:?}");
        assert_eq!(bad[0].0, 3);
        assert!(bad[0].1.contains("email"));
        assert_eq!(bad[1].0, 4);
        assert!(bad[1].1.contains("ZZ"));
        assert_eq!(bad[2].0, 5);
        assert!(bad[2].1.contains("duplicate of line 2"));
    }

    #[test]
    fn a_file_without_its_key_columns_is_refused_whole() {
        let preview = preview_states("name,group\nSwitzerland,B\n", &index());
        assert!(!preview.is_importable());
        assert!(preview.problem.expect("refused").contains("code"));
        assert!(!preview_states("", &index()).is_importable());
    }

    #[test]
    fn semicolons_and_a_byte_order_mark_are_understood() {
        let text = "\u{feff}name;kind;observer\nEuropean Union;IGO;yes\n";
        let preview = preview_organisations(text);
        assert!(preview.is_importable(), "{preview:?}");
    }

    #[test]
    fn an_exported_file_reads_back_as_the_same_entries() {
        let records = vec![StateRecord {
            code: "CH".into(),
            name: "Switzerland, Swiss Confederation".into(),
            group: "Group B".into(),
            group_confidence: "sourced".into(),
            group_note: "S2 \"quoted\"".into(),
        }];
        let mut records = records;
        records.push(StateRecord {
            code: "FR".into(),
            name: "=France".into(),
            group: "Group B".into(),
            group_confidence: "sourced".into(),
            group_note: "-".into(),
        });
        let text = write(StateRecord::HEADERS, &records).expect("writes");
        assert!(text.contains("'=France"), "{text}");
        assert!(text.starts_with("code,name,group,group_confidence,group_note\n"));
        let preview = preview_states(&text, &index());
        assert!(preview.is_importable(), "{preview:?}");
        let entry = &preview.entries[0];
        assert_eq!(entry.name.as_str(), "Switzerland, Swiss Confederation");
        assert_eq!(entry.note.as_str(), "S2 \"quoted\"");
        assert_eq!(preview.entries[1].name.as_str(), "=France");
        assert_eq!(
            write::<StateRecord>(StateRecord::HEADERS, &[]).expect("writes"),
            "code,name,group,group_confidence,group_note\n"
        );
    }
}
