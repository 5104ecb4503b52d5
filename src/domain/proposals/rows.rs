//! Every answered group's answer held once in a dense row indexed like the
//! window's units, with counts of *no* and *if need be* before each unit so
//! that any range of units costs O(1). The answers arrive already indexed by
//! unit (see [`super::dense`]); a unit without an answer counts as *no*.

use super::EngineInput;
use crate::domain::answer::Availability;

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
            for (unit, says) in says.iter_mut().enumerate() {
                *says = answer.units.get(unit).unwrap_or(Availability::No);
            }
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
