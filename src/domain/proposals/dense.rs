//! An answer's units as a row indexed like the window's units, read
//! straight from the stored map of unit key to availability.
//!
//! Answers are stored as a map from unit key to availability, which a page
//! of proposals used to parse into a `BTreeMap<String, _>` per group: one
//! allocated key per unit, dropped again at the end of the request, about
//! half the page's time for a year of half-days. Here each key is matched
//! against the window's units as it is read (a key is 16 bytes on the
//! stack, written by hand, compared in two 8-byte words) and only the
//! availability is kept, in the unit's slot.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use chrono::Datelike;
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};

use crate::domain::answer::Availability;
use crate::domain::units::{Half, Unit};

/// Each unit's answer, in the window's order; `None` where the answer does
/// not name the unit (the engine counts that as *no*).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Says(pub Vec<Option<Availability>>);

impl Says {
    /// The answer for the `unit`-th unit of the window.
    pub fn get(&self, unit: usize) -> Option<Availability> {
        self.0.get(unit).copied().flatten()
    }
}

impl From<Vec<Option<Availability>>> for Says {
    fn from(row: Vec<Option<Availability>>) -> Says {
        Says(row)
    }
}

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

    /// The key as text: ASCII, as written by [`Key::of`].
    fn as_str(&self) -> &str {
        std::str::from_utf8(self.as_bytes()).unwrap_or_default()
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

/// The window's unit keys, built once per request and shared by every
/// group's answer.
pub struct UnitIndex {
    keys: Vec<Key>,
    /// `None` when the units are in strictly increasing key order, as a
    /// window's units are (unless it reaches past year 9999). Otherwise the
    /// unit indices in key order, units with one key side by side.
    order: Option<Vec<usize>>,
}

impl UnitIndex {
    pub fn new(units: &[Unit]) -> UnitIndex {
        let keys: Vec<Key> = units.iter().map(Key::of).collect();
        if keys.is_sorted_by(|a, b| a.as_bytes() < b.as_bytes()) {
            return UnitIndex { keys, order: None };
        }
        let mut order: Vec<usize> = (0..keys.len()).collect();
        order.sort_by(|a, b| keys[*a].as_bytes().cmp(keys[*b].as_bytes()));
        UnitIndex {
            keys,
            order: Some(order),
        }
    }

    /// The `unit`-th unit's key, as [`Unit::key`] spells it, without
    /// allocating.
    pub fn key(&self, unit: usize) -> &str {
        self.keys[unit].as_str()
    }

    /// An answer already held as a map (a form, a test).
    pub fn says<'a>(&self, units: impl IntoIterator<Item = (&'a str, Availability)>) -> Says {
        let mut row = Row::new(self);
        for (key, availability) in units {
            row.put(key, availability);
        }
        Says(row.says)
    }

    /// The same from a map keyed by owned strings.
    pub fn says_of_map(&self, units: &BTreeMap<String, Availability>) -> Says {
        self.says(units.iter().map(|(k, a)| (k.as_str(), *a)))
    }
}

/// One answer being read into its row.
struct Row<'a> {
    index: &'a UnitIndex,
    says: Vec<Option<Availability>>,
    /// The unit the next key most likely names: keys come in order.
    next: usize,
}

impl<'a> Row<'a> {
    fn new(index: &'a UnitIndex) -> Row<'a> {
        Row {
            index,
            says: vec![None; index.keys.len()],
            next: 0,
        }
    }

    /// Records the availability for the unit(s) named `text`; a key naming
    /// no unit of the window is passed over.
    fn put(&mut self, text: &str, availability: Availability) {
        let keys = &self.index.keys;
        let Some(order) = &self.index.order else {
            if self.next < keys.len() && keys[self.next].matches(text) {
                self.says[self.next] = Some(availability);
                self.next += 1;
            } else if let Ok(unit) = keys.binary_search_by(|k| k.as_bytes().cmp(text.as_bytes())) {
                self.says[unit] = Some(availability);
                self.next = unit + 1;
            }
            return;
        };
        let first = order.partition_point(|&u| keys[u].as_bytes() < text.as_bytes());
        for &unit in &order[first..] {
            if !keys[unit].matches(text) {
                break;
            }
            self.says[unit] = Some(availability);
        }
    }
}

/// Reads a stored answer's units (a JSON object of unit key to
/// availability, as [`crate::domain::answer::Answer`] serialises them)
/// into its row: `seed.deserialize(&mut serde_json::Deserializer::from_str(…))`.
impl<'de> DeserializeSeed<'de> for &UnitIndex {
    type Value = Says;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Says, D::Error> {
        deserializer.deserialize_map(RowVisitor(self))
    }
}

struct RowVisitor<'a>(&'a UnitIndex);

impl<'de> Visitor<'de> for RowVisitor<'_> {
    type Value = Says;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a map of unit key to availability")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Says, A::Error> {
        let mut row = Row::new(self.0);
        while let Some(KeyText(key)) = map.next_key()? {
            let availability: Availability = map.next_value()?;
            row.put(&key, availability);
        }
        Ok(Says(row.says))
    }
}

/// A key borrowed from the input where it can be (no escapes in it),
/// copied only where it cannot.
struct KeyText<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for KeyText<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Text;
        impl<'de> Visitor<'de> for Text {
            type Value = KeyText<'de>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a unit key")
            }

            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<KeyText<'de>, E> {
                Ok(KeyText(Cow::Borrowed(v)))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<KeyText<'de>, E> {
                Ok(KeyText(Cow::Owned(v.to_owned())))
            }
        }
        deserializer.deserialize_str(Text)
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

    /// Units from a list of (day, half) pairs, in the order given: repeats
    /// and disorder included, and years past 9999 (whose keys sort apart
    /// from their dates).
    fn units_of(picks: &[(i32, u8)]) -> Vec<Unit> {
        picks.iter().map(|&(d, h)| unit(date(d), h)).collect()
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

        /// The row says for each unit what a lookup of its key in the
        /// stored map says, read from the map and from its JSON alike:
        /// whatever the units' order, with units left out of the answer and
        /// keys naming no unit.
        #[test]
        fn a_row_holds_what_the_map_says_for_each_unit(
            sorted in any::<bool>(),
            picks in prop::collection::vec((3_650_000i32..3_652_500, 0u8..3), 0..40),
            answered in prop::collection::vec((any::<prop::sample::Index>(), 0u8..3), 0..40),
            strays in prop::collection::vec((3_650_000i32..3_652_500, 0u8..3), 0..5),
        ) {
            let mut picks = picks;
            if sorted {
                picks.sort_unstable();
                picks.dedup();
            }
            let units = units_of(&picks);
            let mut map: BTreeMap<String, Availability> = BTreeMap::new();
            if !units.is_empty() {
                for (at, choice) in &answered {
                    map.insert(units[at.index(units.len())].key(), Availability::ALL[usize::from(*choice)]);
                }
            }
            for stray in units_of(&strays) {
                map.entry(stray.key()).or_insert(Availability::IfNeedBe);
            }
            let expected: Vec<Option<Availability>> =
                units.iter().map(|u| map.get(&u.key()).copied()).collect();
            let index = UnitIndex::new(&units);
            prop_assert_eq!(&index.says_of_map(&map).0, &expected);
            let json = serde_json::to_string(&map).expect("JSON");
            let read = index
                .deserialize(&mut serde_json::Deserializer::from_str(&json))
                .expect("a map");
            prop_assert_eq!(&read.0, &expected);
            for (i, u) in units.iter().enumerate() {
                prop_assert_eq!(index.key(i), u.key());
            }
        }
    }

    #[test]
    fn an_escaped_key_is_read_and_anything_but_a_map_refused() {
        let units = units_of(&[(739_000, 1)]);
        let index = UnitIndex::new(&units);
        let key = units[0].key().replace('-', "\\u002d");
        let json = format!(r#"{{"{key}":"if_need_be"}}"#);
        let read = index
            .deserialize(&mut serde_json::Deserializer::from_str(&json))
            .expect("a map");
        assert_eq!(read.0, [Some(Availability::IfNeedBe)]);
        for bad in [r#"["2027-01-04"]"#, r#"{"2027-01-04":"perhaps"}"#, "{"] {
            assert!(
                index
                    .deserialize(&mut serde_json::Deserializer::from_str(bad))
                    .is_err(),
                "{bad}"
            );
        }
    }
}
