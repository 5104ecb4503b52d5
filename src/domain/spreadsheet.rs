//! The one CSV writer for every export. A cell that a spreadsheet would read
//! as a formula (`=`, `+`, `-`, `@`, tab, carriage return first) gets a
//! leading `'`, as OWASP advises against CSV injection: names, acronyms,
//! notes and any other text typed by someone else reach the secretariat's
//! spreadsheet as text. The directory import takes that `'` off again, so an
//! exported file still reads back as the same entries.

use std::borrow::Cow;

use serde::Serialize;

/// Characters that make a spreadsheet evaluate a cell.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `text` safe for a spreadsheet cell.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if text.starts_with(FORMULA_START) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A cell as it was before [`neutralise`]: the `'` it added is taken off.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_START) => rest,
        _ => cell,
    }
}

/// Writes rows of cells into memory, every cell through [`neutralise`].
pub struct CsvWriter(csv::Writer<Vec<u8>>);

impl Default for CsvWriter {
    fn default() -> CsvWriter {
        CsvWriter::new()
    }
}

impl CsvWriter {
    pub fn new() -> CsvWriter {
        CsvWriter(
            csv::WriterBuilder::new()
                .has_headers(false)
                .from_writer(Vec::new()),
        )
    }

    /// One row (the header row too).
    pub fn row<I, S>(&mut self, cells: I) -> csv::Result<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let cells: Vec<String> = cells
            .into_iter()
            .map(|c| neutralise(c.as_ref()).into_owned())
            .collect();
        self.0.write_record(&cells)
    }

    /// One record, its fields in declaration order, each neutralised.
    pub fn record<T: Serialize>(&mut self, record: &T) -> csv::Result<()> {
        let mut one = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(Vec::new());
        one.serialize(record)?;
        let bytes = one
            .into_inner()
            .map_err(|e| csv::Error::from(e.into_error()))?;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(bytes.as_slice());
        for cells in reader.records() {
            self.row(cells?.iter())?;
        }
        Ok(())
    }

    pub fn into_bytes(self) -> csv::Result<Vec<u8>> {
        self.0
            .into_inner()
            .map_err(|e| csv::Error::from(e.into_error()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Row {
        name: String,
        count: u32,
    }

    #[test]
    fn formula_cells_are_written_as_text_and_read_back_as_typed() {
        let mut out = CsvWriter::new();
        out.row(["name", "count"]).expect("header");
        out.record(&Row {
            name: "=HYPERLINK(\"x\")".into(),
            count: 3,
        })
        .expect("record");
        out.row(["@SUM(A1)", "-1"]).expect("row");
        out.row(["+1", "plain"]).expect("row");
        let text = String::from_utf8(out.into_bytes().expect("bytes")).expect("utf-8");
        assert_eq!(
            text,
            "name,count\n\"'=HYPERLINK(\"\"x\"\")\",3\n'@SUM(A1),'-1\n'+1,plain\n"
        );
        assert_eq!(restore("'=1+1"), "=1+1");
        assert_eq!(restore("'quoted"), "'quoted");
        assert_eq!(restore("plain"), "plain");
    }
}
