//! The proposals page's per-unit HTML: the heat map (a header per unit, a
//! cell per group and unit) and the options of the own-slot selector.
//!
//! A year of half-days is 522 units and, for seven groups, 3,654 cells, on
//! every view of the page. Through the template each cell was two escaped
//! writes and each option a key and a label formatted through chrono; here
//! each is a few appends of fixed text to one buffer per row, passed to the
//! template as markup. Nothing written here comes from a person: weekday and
//! month names, digits and the fixed words of the legend, so nothing needs
//! escaping. The bytes are the ones the template wrote before.

use chrono::Datelike;

use crate::db::proposals::ProposalData;
use crate::domain::answer::Availability;
use crate::domain::units::{Half, Unit};

pub struct HeatRow {
    /// The group's name, escaped by the template.
    pub group: String,
    /// The row's cells, as markup.
    pub cells: String,
}

/// The heat map's header rows (months with their spans; each unit's
/// column) and one row per group.
pub struct HeatMap {
    pub months: Vec<(String, usize)>,
    /// A header per unit, as markup: "Mon<br/>1", and "Mon<br/>1 AM" for a
    /// half-day, readable without hovering and narrow; the month is the
    /// header above.
    pub columns: String,
    pub rows: Vec<HeatRow>,
}

/// One cell: its class (colour and symbol, from the stylesheet) and the
/// word a screen reader reads. The group and the unit are the cell's row
/// and column headers, not repeated in every cell. The end tag is left out,
/// as HTML allows before another cell.
fn cell(answer: Option<Availability>) -> &'static str {
    match answer {
        Some(Availability::Yes) => r#"<td class="yes"><i>available</i>"#,
        Some(Availability::IfNeedBe) => r#"<td class="maybe"><i>if need be</i>"#,
        Some(Availability::No) => r#"<td class="no"><i>unavailable</i>"#,
        None => r#"<td class="none"><i>no answer</i>"#,
    }
}

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

fn push_number(out: &mut String, n: u32) {
    if n >= 10 {
        push_number(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

pub fn heat_map(data: &ProposalData) -> HeatMap {
    let units = &data.input.units;
    let mut months: Vec<(String, usize)> = Vec::new();
    let mut current = None;
    for unit in units {
        let month = (unit.date.year(), unit.date.month());
        match months.last_mut() {
            Some((_, span)) if current == Some(month) => *span += 1,
            _ => {
                current = Some(month);
                months.push((unit.date.format("%b %Y").to_string(), 1));
            }
        }
    }
    let mut columns = String::with_capacity(units.len() * 16);
    for unit in units {
        columns.push_str("<th>");
        columns.push_str(WEEKDAYS[unit.date.weekday().num_days_from_monday() as usize]);
        columns.push_str("<br/>");
        push_number(&mut columns, unit.date.day());
        columns.push_str(match unit.half {
            None => "",
            Some(Half::Am) => " AM",
            Some(Half::Pm) => " PM",
        });
    }
    let rows = data
        .groups
        .iter()
        .map(|g| {
            let answer = data.answers.get(&g.id);
            let mut cells = String::with_capacity(units.len() * 36);
            for i in 0..units.len() {
                cells.push_str(cell(answer.and_then(|a| a.units.get(i))));
            }
            HeatRow {
                group: g.name.clone(),
                cells,
            }
        })
        .collect();
    HeatMap {
        months,
        columns,
        rows,
    }
}

/// The own-slot selector's options, as markup: each unit's key as the
/// value, its label as the text.
pub fn unit_options(units: &[Unit]) -> String {
    let mut options = String::with_capacity(units.len() * 56);
    for unit in units {
        options.push_str(r#"<option value=""#);
        options.push_str(&unit.key());
        options.push_str(r#"">"#);
        unit.write_label(&mut options);
        options.push_str("</option>");
    }
    options
}
