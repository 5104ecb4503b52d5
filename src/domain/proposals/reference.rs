//! The engine as it was before issue 11 (goal 5), kept verbatim as an oracle:
//! the faster engine must return exactly the same proposals, explanations
//! included, on any input (see the property at the end).

use std::cmp::Ordering;
use std::collections::BTreeMap;

use super::{Availability, Blocker, Proposal, Unit, UnitIndex};

/// The engine's input as it was then: each answer a map from unit key to
/// availability. [`EngineInput::dense`] gives the engine's own input, each
/// answer read into its row by the window's [`UnitIndex`], so that the
/// comparison covers that reading too.
#[derive(Debug, Clone)]
pub struct EngineInput {
    pub units: Vec<Unit>,
    pub durations: Vec<u32>,
    pub groups: Vec<GroupInput>,
    pub quorum: Option<u32>,
    pub allow_spanning: bool,
}

#[derive(Debug, Clone)]
pub struct GroupInput {
    pub id: i64,
    pub weight: u32,
    pub answer: Option<GroupAnswer>,
}

#[derive(Debug, Clone)]
pub struct GroupAnswer {
    /// Unit key → availability; a unit absent here counts as *no*.
    pub units: BTreeMap<String, Availability>,
    pub accepted_durations: Vec<u32>,
    pub preferred_duration: Option<u32>,
}

impl EngineInput {
    pub fn dense(&self) -> super::EngineInput {
        let index = UnitIndex::new(&self.units);
        super::EngineInput {
            units: self.units.clone(),
            durations: self.durations.clone(),
            groups: self
                .groups
                .iter()
                .map(|g| super::GroupInput {
                    id: g.id,
                    weight: g.weight,
                    answer: g.answer.as_ref().map(|a| super::GroupAnswer {
                        units: index.says_of_map(&a.units),
                        accepted_durations: a.accepted_durations.clone(),
                        preferred_duration: a.preferred_duration,
                    }),
                })
                .collect(),
            quorum: self.quorum,
            allow_spanning: self.allow_spanning,
        }
    }
}

/// The numbers a slot is ranked by; compared best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Score {
    meets_quorum: bool,
    able_weight: u32,
    if_need_be: u32,
    preferring: u32,
    start: usize,
    duration: u32,
}

impl Score {
    fn rank(&self, other: &Score) -> Ordering {
        other
            .meets_quorum
            .cmp(&self.meets_quorum)
            .then(other.able_weight.cmp(&self.able_weight))
            .then(self.if_need_be.cmp(&other.if_need_be))
            .then(other.preferring.cmp(&self.preferring))
            .then(self.start.cmp(&other.start))
            .then(self.duration.cmp(&other.duration))
    }
}

/// One answered group's availability indexed like the window's units, with
/// counts before each unit index so that a range costs O(1).
struct Table {
    says: Vec<Availability>,
    no: Vec<u32>,
    maybe: Vec<u32>,
}

impl Table {
    /// `keys` holds every unit's key with its index, sorted by key: one pass
    /// over the answer (a map ordered by key) then finds every unit, with no
    /// key formatted or looked up per group. A unit absent counts as *no*.
    fn new(keys: &[(String, usize)], answer: &GroupAnswer) -> Table {
        let n = keys.len();
        let mut says = vec![Availability::No; n];
        let mut answers = answer.units.iter();
        let mut current = answers.next();
        for (key, index) in keys {
            while current.is_some_and(|(k, _)| k.as_str() < key.as_str()) {
                current = answers.next();
            }
            if let Some((k, availability)) = current
                && k == key
            {
                says[*index] = *availability;
            }
        }
        let mut no = Vec::with_capacity(n + 1);
        let mut maybe = Vec::with_capacity(n + 1);
        let (mut n_no, mut n_maybe) = (0, 0);
        no.push(0);
        maybe.push(0);
        for availability in &says {
            match availability {
                Availability::Yes => {}
                Availability::IfNeedBe => n_maybe += 1,
                Availability::No => n_no += 1,
            }
            no.push(n_no);
            maybe.push(n_maybe);
        }
        Table { says, no, maybe }
    }
}

/// Every slot of the window, ranked best first; at most `limit` returned,
/// each explained. `only_duration` restricts the slots to one duration.
pub fn propose(input: &EngineInput, limit: usize, only_duration: Option<u32>) -> Vec<Proposal> {
    let units = &input.units;
    let n = units.len();
    // Index of the run each unit belongs to: a slot must stay within one run.
    let mut run = Vec::with_capacity(n);
    for (i, unit) in units.iter().enumerate() {
        let same = i > 0 && (input.allow_spanning || units[i - 1].is_followed_by(unit));
        let id = if same { run[i - 1] } else { i };
        run.push(id);
    }
    let tables = tables(input);
    let quorum = input.quorum.map_or(input.groups.len(), |q| q as usize);

    let mut durations = input.durations.clone();
    durations.sort_unstable();
    durations.dedup();
    let mut scores = Vec::with_capacity(limit.min(durations.len() * n) + n);
    // Per start of the current duration: able groups, their weight, their
    // *if need be* answers. Filled group by group, so each group's counts are
    // read in order and a group refusing the duration costs nothing.
    let (mut able, mut able_weight, mut if_need_be, mut preferring) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for &duration in durations
        .iter()
        .filter(|d| only_duration.is_none_or(|o| o == **d))
    {
        let k = duration as usize;
        if k == 0 || k > n {
            continue;
        }
        let starts = n - k + 1;
        for v in [
            &mut able,
            &mut able_weight,
            &mut if_need_be,
            &mut preferring,
        ] {
            v.clear();
            v.resize(starts, 0u32);
        }
        for (group, table) in input.groups.iter().zip(&tables) {
            let (Some(table), Some(answer)) = (table, &group.answer) else {
                continue;
            };
            let prefers = u32::from(answer.preferred_duration == Some(duration));
            if !answer.accepted_durations.contains(&duration) {
                continue;
            }
            // Slices zipped rather than indexed: no bounds checks, so the
            // loop vectorises.
            let no = table.no[..starts].iter().zip(&table.no[k..]);
            let maybe = table.maybe[..starts].iter().zip(&table.maybe[k..]);
            let sums = able
                .iter_mut()
                .zip(&mut able_weight)
                .zip(&mut if_need_be)
                .zip(&mut preferring);
            for ((((able, weight), if_need_be), preferring), ((no0, no1), (maybe0, maybe1))) in
                sums.zip(no.zip(maybe))
            {
                let ok = u32::from(no0 == no1);
                *able += ok;
                *weight += ok * group.weight;
                *if_need_be += ok * (maybe1 - maybe0);
                *preferring += ok * prefers;
            }
        }
        for start in 0..starts {
            if run[start] != run[start + k - 1] {
                continue;
            }
            scores.push(Score {
                meets_quorum: able[start] as usize >= quorum,
                able_weight: able_weight[start],
                if_need_be: if_need_be[start],
                preferring: preferring[start],
                start,
                duration,
            });
        }
        // Only the best `limit` so far can make the cut: the scores held
        // stay within one duration's slots plus `limit`.
        keep_best(&mut scores, limit);
    }
    scores.sort_unstable_by(Score::rank);
    scores
        .into_iter()
        .map(|score| explain(input, &tables, score))
        .collect()
}

/// Each answered group's availability table over the window's units.
fn tables(input: &EngineInput) -> Vec<Option<Table>> {
    let mut keys: Vec<(String, usize)> = input
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.key(), i))
        .collect();
    keys.sort_unstable();
    input
        .groups
        .iter()
        .map(|g| g.answer.as_ref().map(|a| Table::new(&keys, a)))
        .collect()
}

/// One particular slot, explained (for a slot the secretariat picks itself).
/// `None` when the slot does not exist: unknown start, too long for the
/// window, or running across a gap while spanning is off.
pub fn evaluate(input: &EngineInput, start: &Unit, duration: u32) -> Option<Proposal> {
    let index = input.units.iter().position(|u| u == start)?;
    let k = duration as usize;
    if k == 0 || index + k > input.units.len() {
        return None;
    }
    let slot = &input.units[index..index + k];
    if !input.allow_spanning && !slot.windows(2).all(|w| w[0].is_followed_by(&w[1])) {
        return None;
    }
    let quorum = input.quorum.map_or(input.groups.len(), |q| q as usize);
    let tables = tables(input);
    let mut proposal = explain(
        input,
        &tables,
        Score {
            meets_quorum: false,
            able_weight: 0,
            if_need_be: 0,
            preferring: 0,
            start: index,
            duration,
        },
    );
    let weight = |id: i64| {
        input
            .groups
            .iter()
            .find(|g| g.id == id)
            .map_or(0, |g| g.weight)
    };
    let able: Vec<i64> = proposal
        .available
        .iter()
        .copied()
        .chain(proposal.if_need_be.iter().map(|(id, _)| *id))
        .collect();
    proposal.meets_quorum = able.len() >= quorum;
    proposal.able_weight = able.iter().map(|id| weight(*id)).sum();
    proposal.if_need_be_answers = proposal
        .if_need_be
        .iter()
        .map(|(_, u)| u.len() as u32)
        .sum();
    proposal.preferring = input
        .groups
        .iter()
        .filter(|g| {
            able.contains(&g.id)
                && g.answer
                    .as_ref()
                    .is_some_and(|a| a.preferred_duration == Some(duration))
        })
        .count() as u32;
    Some(proposal)
}

/// Keeps the best `limit` scores, in no order. The order is total, so the
/// best of the best of each part are the best of the whole, and sorting
/// them gives exactly the head of the full ranking.
fn keep_best(scores: &mut Vec<Score>, limit: usize) {
    if limit >= scores.len() {
        return;
    }
    if limit == 0 {
        scores.clear();
        return;
    }
    scores.select_nth_unstable_by(limit - 1, Score::rank);
    scores.truncate(limit);
}

fn explain(input: &EngineInput, tables: &[Option<Table>], score: Score) -> Proposal {
    let range = score.start..score.start + score.duration as usize;
    let slot: Vec<Unit> = input.units[range.clone()].to_vec();
    let mut proposal = Proposal {
        start: slot[0],
        duration: score.duration,
        units: slot.clone(),
        meets_quorum: score.meets_quorum,
        able_weight: score.able_weight,
        if_need_be_answers: score.if_need_be,
        preferring: score.preferring,
        available: Vec::new(),
        if_need_be: Vec::new(),
        unable: Vec::new(),
        not_answered: Vec::new(),
    };
    for (group, table) in input.groups.iter().zip(tables) {
        let (Some(answer), Some(table)) = (&group.answer, table) else {
            proposal.not_answered.push(group.id);
            continue;
        };
        let mut refused = Vec::new();
        let mut maybe = Vec::new();
        for (unit, says) in slot.iter().zip(&table.says[range.clone()]) {
            match says {
                Availability::Yes => {}
                Availability::IfNeedBe => maybe.push(*unit),
                Availability::No => refused.push(*unit),
            }
        }
        let duration_refused = !answer.accepted_durations.contains(&score.duration);
        if duration_refused || !refused.is_empty() {
            proposal.unable.push(Blocker {
                group: group.id,
                units: refused,
                duration_refused,
            });
        } else if maybe.is_empty() {
            proposal.available.push(group.id);
        } else {
            proposal.if_need_be.push((group.id, maybe));
        }
    }
    proposal
}

#[cfg(test)]
mod same {
    //! The engine and the reference on random consultations, wider than the
    //! brute-force oracle's: long windows (so that slots are cut back and
    //! durations passed over), units out of key order (years past 9999) or
    //! listed twice, stray and missing answer keys, weights of zero.

    use chrono::{Duration, NaiveDate, Weekday};
    use proptest::prelude::*;

    use super::super::{evaluate as fast_evaluate, propose as fast_propose};
    use super::*;
    use crate::domain::units::{Granularity, enumerate};

    /// A small deterministic generator from a seed.
    struct Draw(u64);

    impl Draw {
        fn below(&mut self, n: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % n
        }
    }

    fn consultation(seed: u64) -> EngineInput {
        let mut draw = Draw(seed | 1);
        let start = match draw.below(8) {
            // Across the end of year 9999, where keys stop sorting by date.
            0 => NaiveDate::from_ymd_opt(9999, 11, 1),
            1 => NaiveDate::from_ymd_opt(-40, 3, 1),
            _ => NaiveDate::from_ymd_opt(2027, 1, 1),
        }
        .expect("date")
            + Duration::days(draw.below(60) as i64);
        let end = start + Duration::days(draw.below(150) as i64);
        let granularity = if draw.below(2) == 0 {
            Granularity::Day
        } else {
            Granularity::HalfDay
        };
        let days = [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ];
        let holidays: Vec<NaiveDate> = (0..draw.below(4))
            .map(|_| start + Duration::days(draw.below(150) as i64))
            .collect();
        let mut units = enumerate(start, end, granularity, &days, |d| holidays.contains(&d));
        if !units.is_empty() && draw.below(6) == 0 {
            let twice = units[draw.below(units.len() as u64) as usize];
            let at = draw.below(units.len() as u64 + 1) as usize;
            units.insert(at, twice);
        }
        if units.len() > 1 && draw.below(8) == 0 {
            let (a, b) = (
                draw.below(units.len() as u64) as usize,
                draw.below(units.len() as u64) as usize,
            );
            units.swap(a, b);
        }
        let durations: Vec<u32> = (0..1 + draw.below(6))
            .map(|_| draw.below(12) as u32)
            .collect();
        let everyone_easy = draw.below(4) == 0;
        let groups = (0..draw.below(14))
            .map(|id| {
                let mut answer = BTreeMap::new();
                // Some groups can come at any time and accept any length:
                // ties on weight and on *if need be* answers, left to
                // preferences to break.
                let easy = everyone_easy || draw.below(3) == 0;
                for unit in &units {
                    if easy {
                        answer.insert(unit.key(), Availability::Yes);
                    } else if draw.below(25) != 0 {
                        let says = match draw.below(10) {
                            0..7 => Availability::Yes,
                            7..9 => Availability::IfNeedBe,
                            _ => Availability::No,
                        };
                        answer.insert(unit.key(), says);
                    }
                }
                for _ in 0..draw.below(3) {
                    let stray = match draw.below(3) {
                        0 => format!("{}.noon", start + Duration::days(draw.below(9) as i64)),
                        1 => (end + Duration::days(1 + draw.below(9) as i64)).to_string(),
                        _ => format!("{}", draw.below(1_000_000)),
                    };
                    answer.insert(stray, Availability::Yes);
                }
                let accepted = durations
                    .iter()
                    .copied()
                    .filter(|_| easy || draw.below(4) != 0)
                    .collect();
                let preferred = (draw.below(2) == 0)
                    .then(|| durations[draw.below(durations.len() as u64) as usize]);
                GroupInput {
                    id: id as i64 * 7 - 20,
                    weight: draw.below(5) as u32,
                    answer: (draw.below(5) != 0).then_some(GroupAnswer {
                        units: answer,
                        accepted_durations: accepted,
                        preferred_duration: preferred,
                    }),
                }
            })
            .collect();
        EngineInput {
            units,
            durations,
            groups,
            quorum: (draw.below(2) == 0).then(|| draw.below(10) as u32),
            allow_spanning: draw.below(3) == 0,
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1500))]
        #[test]
        fn the_engine_proposes_exactly_what_the_reference_proposes(
            seed in any::<u64>(),
            limit in prop_oneof![0usize..15, Just(usize::MAX)],
            only in prop::option::of(0u32..12),
        ) {
            let input = consultation(seed);
            prop_assert_eq!(
                fast_propose(&input.dense(), limit, only),
                propose(&input, limit, only)
            );
        }

        #[test]
        fn a_slot_of_ones_own_is_explained_as_the_reference_explains_it(
            seed in any::<u64>(),
            start in any::<prop::sample::Index>(),
            duration in 0u32..12,
        ) {
            let input = consultation(seed);
            prop_assume!(!input.units.is_empty());
            let start = input.units[start.index(input.units.len())];
            prop_assert_eq!(
                fast_evaluate(&input.dense(), &start, duration),
                evaluate(&input, &start, duration)
            );
        }
    }
}
