//! The translations are complete: every language has the same files and the
//! same messages as English, with no variable English does not pass, and
//! every message id the code or a template names exists.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast;
use fluent_syntax::parser;

use super::Language;
use super::messages::files;

/// A message's attributes and the variables it uses: all of them, and
/// those it writes out (not only reads to choose a plural form).
#[derive(Debug, Default, PartialEq)]
struct Shape {
    attributes: BTreeSet<String>,
    variables: BTreeSet<String>,
    written: BTreeSet<String>,
}

impl Shape {
    fn add(&mut self, pattern: &ast::Pattern<&str>) {
        variables(pattern, &mut self.variables, &mut self.written);
    }
}

/// Every message of a language: id → shape. A file that does not parse fails.
fn messages(language: Language) -> BTreeMap<String, Shape> {
    let mut all = BTreeMap::new();
    for (name, text) in files(language) {
        let resource = parser::parse(*text).unwrap_or_else(|(_, errors)| {
            panic!("locales/{language}/{name} does not parse: {errors:?}")
        });
        for entry in resource.body {
            match entry {
                ast::Entry::Message(message) => {
                    let mut shape = Shape::default();
                    if let Some(pattern) = &message.value {
                        shape.add(pattern);
                    }
                    for attribute in &message.attributes {
                        shape.attributes.insert(attribute.id.name.to_owned());
                        shape.add(&attribute.value);
                    }
                    let id = message.id.name.to_owned();
                    assert!(
                        all.insert(id.clone(), shape).is_none(),
                        "locales/{language}: {id} is defined twice"
                    );
                }
                ast::Entry::Junk { content } => {
                    panic!("locales/{language}/{name}: junk {content:?}")
                }
                _ => {}
            }
        }
    }
    all
}

/// Every variable of `pattern` into `found`; those written out (a
/// placeable's value rather than a selector) into `written` as well.
fn variables(
    pattern: &ast::Pattern<&str>,
    found: &mut BTreeSet<String>,
    written: &mut BTreeSet<String>,
) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, found, written);
        }
    }
}

fn expression_variables(
    expression: &ast::Expression<&str>,
    found: &mut BTreeSet<String>,
    written: &mut BTreeSet<String>,
) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            // A selector only chooses: what it reads is not written out.
            inline_variables(selector, found, &mut BTreeSet::new());
            for variant in variants {
                variables(&variant.value, found, written);
            }
        }
        ast::Expression::Inline(inline) => inline_variables(inline, found, written),
    }
}

fn inline_variables(
    inline: &ast::InlineExpression<&str>,
    found: &mut BTreeSet<String>,
    written: &mut BTreeSet<String>,
) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            found.insert(id.name.to_owned());
            written.insert(id.name.to_owned());
        }
        ast::InlineExpression::Placeable { expression } => {
            expression_variables(expression, found, written)
        }
        _ => {}
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_language_has_a_folder_with_the_same_files_and_nothing_else() {
    let mut folders: Vec<String> = std::fs::read_dir(root().join("locales"))
        .expect("locales/")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    folders.sort();
    let tags: Vec<&str> = Language::ALL.iter().map(|l| l.tag()).collect();
    assert_eq!(folders, tags, "one folder per language, named by its tag");
    for language in Language::ALL {
        let folder = root().join("locales").join(language.tag());
        let mut on_disk: Vec<String> = std::fs::read_dir(&folder)
            .expect("folder")
            .map(|entry| {
                entry
                    .expect("entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        on_disk.sort();
        let compiled: Vec<&str> = files(language).iter().map(|(name, _)| *name).collect();
        assert_eq!(
            on_disk, compiled,
            "locales/{language}: every file compiled in"
        );
    }
}

#[test]
fn every_language_defines_the_messages_of_english_and_no_other() {
    let english = messages(Language::En);
    assert!(!english.is_empty());
    for language in Language::ALL {
        let other = messages(language);
        let missing: Vec<&String> = english
            .keys()
            .filter(|id| !other.contains_key(*id))
            .collect();
        let extra: Vec<&String> = other
            .keys()
            .filter(|id| !english.contains_key(*id))
            .collect();
        assert!(missing.is_empty(), "locales/{language} lacks {missing:?}");
        assert!(extra.is_empty(), "locales/{language} has unknown {extra:?}");
        for (id, shape) in &other {
            let reference = &english[id];
            assert_eq!(
                shape.attributes, reference.attributes,
                "locales/{language}: {id}'s attributes"
            );
            // A translation may leave a value out (French greets without
            // the name; Chinese has one form for any number of dates), but
            // a variable English does not pass would never be filled.
            let unknown: Vec<&String> = shape.variables.difference(&reference.variables).collect();
            assert!(
                unknown.is_empty(),
                "locales/{language}: {id} uses {unknown:?}"
            );
        }
    }
}

/// Values a translation leaves out on purpose: `(language, id, variable)`.
const LEFT_OUT: [(Language, &str, &str); 1] = [
    // French greets "Madame, Monsieur," whoever the reader is: a name
    // after "Madame, Monsieur" would be wrong.
    (Language::Fr, "email-greeting-named", "name"),
];

/// What a sentence names (the invitee, the recipient, a limit, a date) is
/// named in every language: a translation that drops `{ $invitee }` would
/// still read well and lose what it is about. Variables English reads only
/// to choose a plural form need not be written (Chinese has one form).
#[test]
fn every_language_writes_out_the_values_english_writes_out() {
    let english = messages(Language::En);
    for language in Language::ALL {
        for (id, shape) in messages(language) {
            // An id English lacks is the test above's to report.
            let Some(reference) = english.get(&id) else {
                continue;
            };
            let missing: Vec<&String> = reference
                .written
                .difference(&shape.written)
                .filter(|variable| !LEFT_OUT.contains(&(language, id.as_str(), variable.as_str())))
                .collect();
            assert!(
                missing.is_empty(),
                "locales/{language}: {id} leaves out {missing:?}"
            );
        }
    }
}

#[test]
fn a_value_read_only_by_a_selector_is_not_written_out() {
    let resource = parser::parse(
        "days = { $count ->\n    [one] Day\n   *[other] Days\n}\nsaid = { $count ->\n   *[other] { $count } days\n}\n",
    )
    .expect("parses");
    let shapes: Vec<Shape> = resource
        .body
        .iter()
        .filter_map(|entry| match entry {
            ast::Entry::Message(message) => {
                let mut shape = Shape::default();
                shape.add(message.value.as_ref()?);
                Some(shape)
            }
            _ => None,
        })
        .collect();
    let count = BTreeSet::from(["count".to_owned()]);
    assert_eq!(shapes[0].variables, count);
    assert!(shapes[0].written.is_empty());
    assert_eq!(shapes[1].written, count);
}

/// Every string literal in kebab case (`"email-label-venue"`) in a file.
fn kebab_literals(text: &str) -> Vec<String> {
    text.split('"')
        .skip(1)
        .step_by(2)
        .filter(|literal| {
            literal.contains('-')
                && literal.split('-').all(|part| {
                    !part.is_empty()
                        && part
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
                })
                && literal.starts_with(|c: char| c.is_ascii_lowercase())
        })
        .map(str::to_owned)
        .collect()
}

/// The parts of a template that are code (`{{ … }}` and `{% … %}`): a
/// kebab-case `id="email-error"` in its markup is not a message id.
fn template_code(text: &str) -> String {
    let mut code = String::new();
    for (open, close) in [("{{", "}}"), ("{%", "%}")] {
        for piece in text.split(open).skip(1) {
            code.push_str(piece.split(close).next().unwrap_or(""));
            code.push('\n');
        }
    }
    code
}

fn sources(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            sources(&path, found);
        } else if path
            .extension()
            .is_some_and(|ext| ["rs", "html", "txt"].contains(&ext.to_str().unwrap_or("")))
        {
            found.push(path);
        }
    }
}

/// A message id is named as a string literal wherever it is used (in
/// `t.tr("…")`, `tr_args(language, "…", …)`, or a `match` that picks one),
/// so every kebab-case literal whose first word begins a message id (`email-`,
/// `invitation-`, `dates-` …) must be an id. This catches a typo however the
/// id reaches the API, and an id removed from the files but still used.
#[test]
fn every_message_id_in_the_code_and_the_templates_exists() {
    let english = messages(Language::En);
    let namespaces: BTreeSet<&str> = english
        .keys()
        .filter_map(|id| id.split('-').next())
        .collect();
    let mut files = Vec::new();
    sources(&root().join("src"), &mut files);
    sources(&root().join("templates"), &mut files);
    let this_file = root().join("src/i18n/completeness.rs");
    let mut used = BTreeSet::new();
    let mut unknown = Vec::new();
    for path in files.iter().filter(|p| **p != this_file) {
        let mut text = std::fs::read_to_string(path).expect("readable");
        if path.extension().is_some_and(|ext| ext != "rs") {
            text = template_code(&text);
        }
        for literal in kebab_literals(&text) {
            let namespace = literal.split('-').next().unwrap_or("");
            if !namespaces.contains(namespace) {
                continue;
            }
            if english.contains_key(&literal) {
                used.insert(literal);
            } else {
                unknown.push(format!("{}: {literal}", path.display()));
            }
        }
    }
    assert!(unknown.is_empty(), "ids no locale defines: {unknown:#?}");
    let unused: Vec<&String> = english.keys().filter(|id| !used.contains(*id)).collect();
    assert!(unused.is_empty(), "messages nothing uses: {unused:?}");
}

#[test]
fn the_scan_reads_the_code_of_a_template_and_not_its_markup() {
    let template = r#"<p id="email-error">{{ t.tr("email-label-venue") }}</p>{% if x == "a-b" %}"#;
    assert_eq!(
        kebab_literals(&template_code(template)),
        ["email-label-venue", "a-b"]
    );
}

#[test]
fn the_scan_finds_ids_however_they_are_written() {
    let text = r#"t.tr("email-label-venue") tr_args(l, "dates-window", &[]) ("a-b", "x") "Not-Kebab" "-x""#;
    assert_eq!(
        kebab_literals(text),
        ["email-label-venue", "dates-window", "a-b"]
    );
}
