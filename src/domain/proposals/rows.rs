//! Every answered group's answer read once into a dense row indexed like the
//! window's units, with counts of *no* and *if need be* before each unit so
//! that any range of units costs O(1).
//!
//! Answers arrive as maps from unit key to availability. Formatting each
//! unit's key as a `String` and comparing it with `memcmp` cost most of the
//! engine's time; a key here is 16 bytes on the stack, written by hand, and
//! matched against an answer's key with two 8-byte comparisons.

use chrono::Datelike;

use super::{EngineInput, GroupAnswer};
use crate::domain::answer::Availability;
use crate::domain::units::{Half, Unit};

/// A unit's key, exactly as [`Unit::key`] spells it, in a fixed buffer. The
/// longest key chrono's date range allows is 16 bytes (`-262143-12-31.am`),
/// the shortest 10 (`2027-03-01`).
#[derive(Clone, Copy)]
struct Key {
    bytes: [u8; 16],
    len: usize,
    /// The first and the last eight bytes, which together cover the key.
    head: [u8; 8],
    tail: [u8; 8],
}

impl Key {
    fn of(unit: &Unit) -> Key {
        let mut key = Key {
            bytes: [0; 16],
            len: 0,
            head: [0; 8],
            tail: [0; 8],
        };
        let year = unit.date.year();
        if (0..=9999).contains(&year) {
            let [y0, y1] = two_digits((year / 100) as u32);
            let [y2, y3] = two_digits((year % 100) as u32);
            let [m0, m1] = two_digits(unit.date.month());
            let [d0, d1] = two_digits(unit.date.day());
            key.push(&[y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1]);
            match unit.half {
                None => {}
                Some(Half::Am) => key.push(b".am"),
                Some(Half::Pm) => key.push(b".pm"),
            }
        } else {
            // A signed year: rare enough to let chrono spell it.
            key.push(unit.key().as_bytes());
        }
        let bytes = key.as_bytes();
        if let (Some(head), Some(tail)) = (bytes.first_chunk(), bytes.last_chunk()) {
            (key.head, key.tail) = (*head, *tail);
        }
        key
    }

    fn push(&mut self, bytes: &[u8]) {
        self.bytes[self.len..self.len + bytes.len()].copy_from_slice(bytes);
        self.len += bytes.len();
    }

    fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }

    /// Whether an answer's key is this one: two 8-byte comparisons.
    fn matches(&self, text: &str) -> bool {
        let text = text.as_bytes();
        text.len() == self.len
            && match (text.first_chunk::<8>(), text.last_chunk::<8>()) {
                (Some(head), Some(tail)) => *head == self.head && *tail == self.tail,
                _ => text == self.as_bytes(),
            }
    }
}

fn two_digits(n: u32) -> [u8; 2] {
    [b'0' + (n / 10) as u8, b'0' + (n % 10) as u8]
}

/// The answered groups' rows, one after the other.
pub(super) struct Rows {
    units: usize,
    /// For each group of the input, in order, its row; `None` when it has
    /// not answered.
    row_of: Vec<Option<usize>>,
    /// `units` availabilities per row.
    says: Vec<Availability>,
    /// `units + 1` counts per row: *no* answers before each unit index.
    no: Vec<u32>,
    /// The same for *if need be*.
    maybe: Vec<u32>,
}

impl Rows {
    pub(super) fn read(input: &EngineInput) -> Rows {
        let n = input.units.len();
        let keys = Keys::new(&input.units);
        let answered = input.groups.iter().filter(|g| g.answer.is_some()).count();
        let mut rows = Rows {
            units: n,
            row_of: Vec::with_capacity(input.groups.len()),
            says: vec![Availability::No; answered * n],
            no: Vec::with_capacity(answered * (n + 1)),
            maybe: Vec::with_capacity(answered * (n + 1)),
        };
        let mut row = 0;
        for group in &input.groups {
            let Some(answer) = &group.answer else {
                rows.row_of.push(None);
                continue;
            };
            let says = &mut rows.says[row * n..(row + 1) * n];
            keys.read(answer, says);
            for (counts, counted) in [
                (&mut rows.no, Availability::No),
                (&mut rows.maybe, Availability::IfNeedBe),
            ] {
                let mut sum = 0;
                counts.push(sum);
                counts.extend(says.iter().map(|says| {
                    sum += u32::from(*says as u8 == counted as u8);
                    sum
                }));
            }
            rows.row_of.push(Some(row));
            row += 1;
        }
        rows
    }

    /// The row of the input's `group`-th group, `None` when it has not answered.
    pub(super) fn row(&self, group: usize) -> Option<usize> {
        self.row_of[group]
    }

    pub(super) fn says(&self, row: usize) -> &[Availability] {
        &self.says[row * self.units..(row + 1) * self.units]
    }

    /// *No* answers before each unit index, `units + 1` of them.
    pub(super) fn no(&self, row: usize) -> &[u32] {
        &self.no[row * (self.units + 1)..(row + 1) * (self.units + 1)]
    }

    /// *If need be* answers before each unit index, `units + 1` of them.
    pub(super) fn maybe(&self, row: usize) -> &[u32] {
        &self.maybe[row * (self.units + 1)..(row + 1) * (self.units + 1)]
    }
}

/// The window's unit keys, and the units in key order when that is not
/// the window's own order.
struct Keys {
    keys: Vec<Key>,
    /// `None` when the units are already in strictly increasing key order,
    /// as a window's units are (unless it reaches past year 9999). Otherwise
    /// the units in key order, each with whether its key repeats the
    /// previous one's (a unit listed twice).
    order: Option<Vec<(usize, bool)>>,
}

impl Keys {
    fn new(units: &[Unit]) -> Keys {
        let keys: Vec<Key> = units.iter().map(Key::of).collect();
        if keys.is_sorted_by(|a, b| a.as_bytes() < b.as_bytes()) {
            return Keys { keys, order: None };
        }
        let mut order: Vec<usize> = (0..keys.len()).collect();
        order.sort_by(|a, b| keys[*a].as_bytes().cmp(keys[*b].as_bytes()));
        let order = (0..order.len())
            .map(|p| {
                let repeats = p > 0 && keys[order[p]].as_bytes() == keys[order[p - 1]].as_bytes();
                (order[p], repeats)
            })
            .collect();
        Keys {
            keys,
            order: Some(order),
        }
    }

    /// Fills a row, *no* to begin with, from an answer: one ordered merge
    /// of the answer's keys with the units' keys. A unit the answer does not
    /// name stays *no*; a key naming no unit is passed over.
    fn read(&self, answer: &GroupAnswer, says: &mut [Availability]) {
        let keys = &self.keys[..says.len()];
        let Some(order) = &self.order else {
            // The usual case, kept short: the answer names the window's
            // units in their order, so each key matches the next unit's.
            let mut next = 0;
            for (text, availability) in &answer.units {
                if next == keys.len() {
                    break;
                }
                if keys[next].matches(text) {
                    says[next] = *availability;
                    next += 1;
                    continue;
                }
                // Units left out before this key, or a stray key.
                while next < keys.len() && keys[next].as_bytes() < text.as_bytes() {
                    next += 1;
                }
                if next < keys.len() && keys[next].matches(text) {
                    says[next] = *availability;
                    next += 1;
                }
            }
            return;
        };
        let mut entries = answer.units.iter();
        let mut entry = entries.next();
        let mut previous = Availability::No;
        for &(unit, repeats) in order {
            if repeats {
                says[unit] = previous;
                continue;
            }
            let key = &keys[unit];
            previous = Availability::No;
            while let Some((text, availability)) = entry {
                if key.matches(text) {
                    previous = *availability;
                    entry = entries.next();
                    break;
                }
                if text.as_bytes() > key.as_bytes() {
                    break;
                }
                entry = entries.next();
            }
            says[unit] = previous;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use proptest::prelude::*;

    fn unit(date: NaiveDate, half: u8) -> Unit {
        Unit {
            date,
            half: [None, Some(Half::Am), Some(Half::Pm)][usize::from(half)],
        }
    }

    #[test]
    fn the_longest_keys_chrono_allows_fit() {
        for date in [NaiveDate::MIN, NaiveDate::MAX] {
            for half in 0..3 {
                let unit = unit(date, half);
                assert_eq!(Key::of(&unit).as_bytes(), unit.key().as_bytes());
            }
        }
    }

    fn date(days: i32) -> NaiveDate {
        NaiveDate::from_num_days_from_ce_opt(days).expect("in chrono's range")
    }

    proptest! {
        #[test]
        fn a_key_is_spelt_as_the_unit_spells_it(
            days in NaiveDate::MIN.num_days_from_ce()..=NaiveDate::MAX.num_days_from_ce(),
            near in -1_000_000i32..4_000_000,
            half in 0u8..3,
        ) {
            for days in [days, near] {
                let unit = unit(date(days), half);
                let (key, text) = (Key::of(&unit), unit.key());
                prop_assert_eq!(key.as_bytes(), text.as_bytes());
                prop_assert!(key.matches(&text));
            }
        }

        /// Near misses: one byte changed, one cut off or one added.
        #[test]
        fn a_key_matches_only_its_own_text(
            days in 700_000i32..800_000,
            half in 0u8..3,
            at in any::<prop::sample::Index>(),
            byte in prop::sample::select(b"-.0123456789amp+".to_vec()),
            how in 0u8..4,
        ) {
            let unit = unit(date(days), half);
            let mut text = unit.key().into_bytes();
            let at = at.index(text.len());
            match how {
                0 => {}
                1 => text[at] = byte,
                2 => { text.remove(at); }
                _ => text.insert(at, byte),
            }
            let text = String::from_utf8(text).expect("ASCII");
            prop_assert_eq!(Key::of(&unit).matches(&text), text == unit.key());
        }
    }
}
