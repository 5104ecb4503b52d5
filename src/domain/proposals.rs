//! The proposal engine: from a consultation's settings and each consulted
//! group's current answer, every possible slot, ranked, each explaining itself.
//!
//! A pure, deterministic function (no I/O, no clock). Definitions:
//! - A *slot* is a start unit plus a duration of `k` consecutive units. It
//!   never covers an excluded date or a non-working day and, unless spanning
//!   is allowed, never runs across one (a three-day meeting does not span a
//!   weekend).
//! - For one slot a group is **able** when it answered *yes* or *if need be*
//!   on every unit and accepts the duration; **unable** when it answered and
//!   says *no* on some unit (or left it blank) or does not accept the
//!   duration; **unknown** when it has not answered. Unknown never counts as able.
//! - A slot **meets the quorum** when the able groups number at least the
//!   quorum (by default every consulted group).
//!
//! Ranking, best first, a total order: (a) meets the quorum; (b) larger sum
//! of the able groups' weights; (c) fewer *if need be* unit-answers among the
//! able groups; (d) more *able* groups preferring that duration (a group that
//! cannot come does not pull a slot up); (e) earlier start;
//! (f) shorter duration. When no slot meets the quorum the best near-misses
//! still come first, each naming the groups and units that block it.
//!
//! Cost: each group's answer arrives as a row indexed by unit (read from
//! its stored keys once, see [`dense`]); its prefix sums of *no* and *if need be* answers
//! make each (slot, group) pair O(1), so ranking is at most
//! O(units × durations × groups). Only the best `limit` slots are kept as
//! they come, and a duration whose best conceivable slot cannot make the
//! cut is passed over; only the kept slots are explained in full.
//! BENCHMARKS.md has the measured times.

use std::cmp::Ordering;

use super::answer::Availability;
use super::units::Unit;

mod dense;
#[cfg(test)]
mod reference;
mod rows;

pub use dense::{Says, UnitIndex};
use rows::Rows;

/// One consulted group as the engine sees it.
#[derive(Debug, Clone)]
pub struct GroupInput {
    pub id: i64,
    pub weight: u32,
    /// `None` when the group has not answered.
    pub answer: Option<GroupAnswer>,
}

#[derive(Debug, Clone)]
pub struct GroupAnswer {
    /// Each unit's answer, indexed like [`EngineInput::units`] (read with
    /// the window's [`UnitIndex`]); a unit without one counts as *no*.
    pub units: Says,
    pub accepted_durations: Vec<u32>,
    pub preferred_duration: Option<u32>,
}

#[derive(Debug, Clone)]
pub struct EngineInput {
    /// The window's working units, in order.
    pub units: Vec<Unit>,
    /// Candidate durations, in units.
    pub durations: Vec<u32>,
    pub groups: Vec<GroupInput>,
    /// Groups that must be able; `None` means all consulted groups.
    pub quorum: Option<u32>,
    /// Whether a slot may run across non-working or excluded days.
    pub allow_spanning: bool,
}

/// Why a group cannot take a slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blocker {
    pub group: i64,
    /// Units of the slot the group said *no* to (or left blank).
    pub units: Vec<Unit>,
    /// The group does not accept this duration.
    pub duration_refused: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub start: Unit,
    pub duration: u32,
    pub units: Vec<Unit>,
    pub meets_quorum: bool,
    pub able_weight: u32,
    pub if_need_be_answers: u32,
    /// Able groups that prefer this slot's duration.
    pub preferring: u32,
    /// Able on every unit with *yes*.
    pub available: Vec<i64>,
    /// Able, but only *if need be* on these units.
    pub if_need_be: Vec<(i64, Vec<Unit>)>,
    pub unable: Vec<Blocker>,
    pub not_answered: Vec<i64>,
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

/// Every slot of the window, ranked best first; at most `limit` returned,
/// each explained. `only_duration` restricts the slots to one duration.
pub fn propose(input: &EngineInput, limit: usize, only_duration: Option<u32>) -> Vec<Proposal> {
    let n = input.units.len();
    let run_end = run_ends(input);
    let rows = Rows::read(input);
    let quorum = input.quorum.map_or(input.groups.len(), |q| q as usize);

    let mut durations = input.durations.clone();
    durations.sort_unstable();
    durations.dedup();
    let mut bounds: Vec<Score> = durations
        .iter()
        .filter(|&&d| only_duration.is_none_or(|o| o == d) && (1..=n).contains(&(d as usize)))
        .map(|&d| bound(input, quorum, d))
        .collect();
    // The most promising durations first: the slots they yield soon raise
    // the bar high enough for whole durations to be passed over.
    bounds.sort_unstable_by(Score::rank);

    let mut best = Best::new(limit);
    let mut sums = Sums::default();
    for bound in bounds {
        if best.excludes(&bound) {
            continue;
        }
        let duration = bound.duration;
        let k = duration as usize;
        let starts = n - k + 1;
        sums.reset(starts);
        // Group by group, so each group's counts are read in order and a
        // group refusing the duration costs nothing.
        for (index, group) in input.groups.iter().enumerate() {
            let (Some(row), Some(answer)) = (rows.row(index), &group.answer) else {
                continue;
            };
            if !answer.accepted_durations.contains(&duration) {
                continue;
            }
            sums.add(&Part {
                no: rows.no(row),
                maybe: rows.maybe(row),
                units: k,
                weight: group.weight,
                prefers: u32::from(answer.preferred_duration == Some(duration)),
            });
        }
        for (start, &end) in run_end[..starts].iter().enumerate() {
            if start + k > end {
                continue;
            }
            best.offer(Score {
                meets_quorum: sums.able[start] as usize >= quorum,
                able_weight: sums.weight[start],
                if_need_be: sums.if_need_be[start],
                preferring: sums.preferring[start],
                start,
                duration,
            });
        }
    }
    best.into_ranked()
        .into_iter()
        .map(|score| explain(input, &rows, score))
        .collect()
}

/// Per start of slots of one duration: the groups able to come, their
/// weight, their *if need be* answers, and those of them preferring the
/// duration.
#[derive(Default)]
struct Sums {
    able: Vec<u32>,
    weight: Vec<u32>,
    if_need_be: Vec<u32>,
    preferring: Vec<u32>,
}

/// One answered group's counts, for slots of `units` units.
struct Part<'a> {
    no: &'a [u32],
    maybe: &'a [u32],
    units: usize,
    weight: u32,
    prefers: u32,
}

impl Sums {
    fn reset(&mut self, starts: usize) {
        for sums in [
            &mut self.able,
            &mut self.weight,
            &mut self.if_need_be,
            &mut self.preferring,
        ] {
            sums.clear();
            sums.resize(starts, 0);
        }
    }

    fn add(&mut self, part: &Part) {
        add(
            &mut self.able,
            &mut self.weight,
            &mut self.if_need_be,
            &mut self.preferring,
            part,
        );
    }
}

/// Separate `&mut` slices, so that the compiler knows they do not overlap
/// and vectorises the loop without checking; slices of one length indexed
/// alike, so without bounds checks; masks rather than branches.
fn add(
    able: &mut [u32],
    weight: &mut [u32],
    if_need_be: &mut [u32],
    preferring: &mut [u32],
    part: &Part,
) {
    let starts = able.len();
    let (weight, if_need_be, preferring) = (
        &mut weight[..starts],
        &mut if_need_be[..starts],
        &mut preferring[..starts],
    );
    let (no0, no1) = (
        &part.no[..starts],
        &part.no[part.units..part.units + starts],
    );
    let (maybe0, maybe1) = (
        &part.maybe[..starts],
        &part.maybe[part.units..part.units + starts],
    );
    for s in 0..starts {
        let ok = u32::from(no0[s] == no1[s]);
        let mask = ok.wrapping_neg();
        able[s] += ok;
        weight[s] += mask & part.weight;
        if_need_be[s] += mask & (maybe1[s] - maybe0[s]);
        preferring[s] += mask & part.prefers;
    }
}

/// For each unit, one past the last unit of its run: a slot must stay
/// within one run (unless spanning is allowed, the window is one run).
fn run_ends(input: &EngineInput) -> Vec<usize> {
    let units = &input.units;
    let mut end = vec![units.len(); units.len()];
    for i in (0..units.len().saturating_sub(1)).rev() {
        if !input.allow_spanning && !units[i].is_followed_by(&units[i + 1]) {
            end[i] = i + 1;
        } else {
            end[i] = end[i + 1];
        }
    }
    end
}

/// A score no slot of `duration` can beat: every group accepting the
/// duration able, none *if need be*, from the first unit.
fn bound(input: &EngineInput, quorum: usize, duration: u32) -> Score {
    let (mut accepting, mut weight, mut preferring) = (0, 0u32, 0);
    for group in &input.groups {
        let Some(answer) = &group.answer else {
            continue;
        };
        if answer.accepted_durations.contains(&duration) {
            accepting += 1;
            weight = weight.saturating_add(group.weight);
            preferring += u32::from(answer.preferred_duration == Some(duration));
        }
    }
    Score {
        meets_quorum: accepting >= quorum,
        able_weight: weight,
        if_need_be: 0,
        preferring,
        start: 0,
        duration,
    }
}

/// The best `limit` scores offered so far. Scores are kept in a buffer
/// beyond `limit` and cut back to the best `limit` when it fills, so each
/// offer costs O(1) on average; once cut, the worst kept score is the bar
/// an offer must beat. The order is total, so the best of the best of each
/// part are the best of the whole.
struct Best {
    limit: usize,
    scores: Vec<Score>,
    /// The worst of the best `limit`, once `limit` scores have been kept.
    bar: Option<Score>,
}

impl Best {
    /// Scores kept beyond `limit` before cutting back; few under test, so
    /// that small consultations are cut back and passed over too.
    const SLACK: usize = if cfg!(test) { 3 } else { 256 };

    fn new(limit: usize) -> Best {
        Best {
            limit,
            scores: Vec::with_capacity(limit.saturating_add(Best::SLACK).min(4096)),
            bar: None,
        }
    }

    /// Whether no score as good as `bound` or worse can make the cut.
    fn excludes(&self, bound: &Score) -> bool {
        self.limit == 0
            || self
                .bar
                .is_some_and(|bar| bar.rank(bound) == Ordering::Less)
    }

    fn offer(&mut self, score: Score) {
        if self.excludes(&score) {
            return;
        }
        self.scores.push(score);
        if self.scores.len() >= self.limit.saturating_add(Best::SLACK) {
            self.scores
                .select_nth_unstable_by(self.limit - 1, Score::rank);
            self.scores.truncate(self.limit);
            self.bar = self.scores.last().copied();
        }
    }

    /// The best `limit`, best first.
    fn into_ranked(mut self) -> Vec<Score> {
        if self.scores.len() > self.limit {
            self.scores
                .select_nth_unstable_by(self.limit - 1, Score::rank);
            self.scores.truncate(self.limit);
        }
        self.scores.sort_unstable_by(Score::rank);
        self.scores
    }
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
    let rows = Rows::read(input);
    let mut proposal = explain(
        input,
        &rows,
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

fn explain(input: &EngineInput, rows: &Rows, score: Score) -> Proposal {
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
    for (index, group) in input.groups.iter().enumerate() {
        let (Some(answer), Some(row)) = (&group.answer, rows.row(index)) else {
            proposal.not_answered.push(group.id);
            continue;
        };
        let (mut refused, mut maybe) = (Vec::new(), Vec::new());
        let (no, if_need_be) = (rows.no(row), rows.maybe(row));
        // Most groups say *yes* to every unit of a good slot.
        if no[range.end] != no[range.start] || if_need_be[range.end] != if_need_be[range.start] {
            for (unit, says) in slot.iter().zip(&rows.says(row)[range.clone()]) {
                match says {
                    Availability::Yes => {}
                    Availability::IfNeedBe => maybe.push(*unit),
                    Availability::No => refused.push(*unit),
                }
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
mod tests {
    use super::*;
    use crate::domain::units::{Granularity, enumerate};
    use chrono::{NaiveDate, Weekday};

    const WEEKDAYS: [Weekday; 5] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ];

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    /// Mon 1 Mar 2027 .. Fri 12 Mar 2027, whole days.
    fn two_weeks() -> Vec<Unit> {
        enumerate(
            date("2027-03-01"),
            date("2027-03-12"),
            Granularity::Day,
            &WEEKDAYS,
            |_| false,
        )
    }

    fn answer(
        units: &[Unit],
        f: impl Fn(&Unit) -> Availability,
        accepted: &[u32],
        preferred: Option<u32>,
    ) -> Option<GroupAnswer> {
        Some(GroupAnswer {
            units: Says(units.iter().map(|u| Some(f(u))).collect()),
            accepted_durations: accepted.to_vec(),
            preferred_duration: preferred,
        })
    }

    fn group(id: i64, answer: Option<GroupAnswer>) -> GroupInput {
        GroupInput {
            id,
            weight: 1,
            answer,
        }
    }

    #[test]
    fn a_three_day_meeting_never_spans_the_weekend() {
        let units = two_weeks();
        let input = EngineInput {
            units: units.clone(),
            durations: vec![3],
            groups: vec![group(1, answer(&units, |_| Availability::Yes, &[3], None))],
            quorum: None,
            allow_spanning: false,
        };
        let all = propose(&input, usize::MAX, None);
        assert_eq!(all.len(), 6, "Mon–Wed, Tue–Thu, Wed–Fri in each week");
        assert!(
            all.iter()
                .all(|p| p.units.windows(2).all(|w| w[0].is_followed_by(&w[1])))
        );
        let spanning = propose(
            &EngineInput {
                allow_spanning: true,
                ..input
            },
            usize::MAX,
            None,
        );
        assert_eq!(spanning.len(), 8);
    }

    #[test]
    fn a_no_on_one_day_blocks_and_is_named() {
        let units = two_weeks();
        let tuesday = units[1];
        let input = EngineInput {
            units: units.clone(),
            durations: vec![2],
            groups: vec![
                group(
                    1,
                    answer(
                        &units,
                        |u| {
                            if *u == tuesday {
                                Availability::No
                            } else {
                                Availability::Yes
                            }
                        },
                        &[2],
                        None,
                    ),
                ),
                group(2, answer(&units, |_| Availability::Yes, &[2], None)),
            ],
            quorum: None,
            allow_spanning: false,
        };
        let all = propose(&input, usize::MAX, None);
        let mon_tue = all
            .iter()
            .find(|p| p.start == units[0])
            .expect("Mon–Tue slot");
        assert!(!mon_tue.meets_quorum);
        assert_eq!(
            mon_tue.unable,
            vec![Blocker {
                group: 1,
                units: vec![tuesday],
                duration_refused: false
            }]
        );
        assert_eq!(
            all[0].start, units[2],
            "the earliest slot without Tuesday wins: Wed–Thu"
        );
    }

    #[test]
    fn a_group_that_has_not_answered_is_unknown_never_able() {
        let units = two_weeks();
        let input = EngineInput {
            units: units.clone(),
            durations: vec![1],
            groups: vec![
                group(1, answer(&units, |_| Availability::Yes, &[1], None)),
                group(2, None),
            ],
            quorum: None,
            allow_spanning: false,
        };
        let best = &propose(&input, 1, None)[0];
        assert!(!best.meets_quorum, "two groups consulted, one unknown");
        assert_eq!(best.not_answered, vec![2]);
        let with_quorum_one = propose(
            &EngineInput {
                quorum: Some(1),
                ..input
            },
            1,
            None,
        );
        assert!(with_quorum_one[0].meets_quorum);
    }

    #[test]
    fn fewer_if_need_be_answers_rank_higher_then_preference_then_earlier() {
        let units = two_weeks();
        let monday = units[0];
        let input = EngineInput {
            units: units.clone(),
            durations: vec![1, 2],
            groups: vec![group(
                1,
                answer(
                    &units,
                    |u| {
                        if *u == monday {
                            Availability::IfNeedBe
                        } else {
                            Availability::Yes
                        }
                    },
                    &[1, 2],
                    Some(2),
                ),
            )],
            quorum: None,
            allow_spanning: false,
        };
        let ranked = propose(&input, 3, None);
        // Tuesday has no "if need be": 2 days preferred beats 1 day.
        assert_eq!((ranked[0].start, ranked[0].duration), (units[1], 2));
        assert_eq!((ranked[1].start, ranked[1].duration), (units[2], 2));
        assert_eq!(ranked[0].available, vec![1]);
        let monday_slot = propose(&input, usize::MAX, Some(1))
            .into_iter()
            .find(|p| p.start == monday)
            .expect("Monday");
        assert_eq!(monday_slot.if_need_be, vec![(1, vec![monday])]);
    }

    #[test]
    fn only_able_groups_preferences_count() {
        let units = two_weeks();
        let monday = units[0];
        let input = EngineInput {
            units: units.clone(),
            durations: vec![1, 2],
            groups: vec![
                group(1, answer(&units, |_| Availability::Yes, &[1, 2], Some(1))),
                group(
                    2,
                    answer(
                        &units,
                        |u| {
                            if *u == monday {
                                Availability::No
                            } else {
                                Availability::Yes
                            }
                        },
                        &[1, 2],
                        Some(2),
                    ),
                ),
            ],
            quorum: Some(1),
            allow_spanning: false,
        };
        let slot = |start: Unit| {
            propose(&input, usize::MAX, Some(2))
                .into_iter()
                .find(|p| p.start == start)
                .expect("slot")
        };
        // Group 2 cannot come on Monday: its liking for two days does not
        // pull Monday–Tuesday up.
        assert_eq!(slot(monday).preferring, 0);
        assert_eq!(slot(units[1]).preferring, 1, "from Tuesday both can come");
        let picked = evaluate(&input, &monday, 2).expect("a slot");
        assert_eq!(
            picked.preferring, 0,
            "the same rule for a slot of one's own"
        );
    }

    #[test]
    fn a_duration_nobody_accepts_blocks_every_slot_of_it() {
        let units = two_weeks();
        let input = EngineInput {
            units: units.clone(),
            durations: vec![4],
            groups: vec![group(
                1,
                answer(&units, |_| Availability::Yes, &[1, 2], None),
            )],
            quorum: None,
            allow_spanning: false,
        };
        let all = propose(&input, usize::MAX, None);
        assert!(all.iter().all(|p| !p.meets_quorum));
        assert!(all[0].unable[0].duration_refused && all[0].unable[0].units.is_empty());
    }

    #[test]
    fn weights_decide_between_slots_missing_different_groups() {
        let units = two_weeks();
        let (monday, tuesday) = (units[0], units[1]);
        let input = EngineInput {
            units: units[..2].to_vec(),
            durations: vec![1],
            groups: vec![
                GroupInput {
                    id: 1,
                    weight: 3,
                    answer: answer(
                        &units,
                        |u| {
                            if *u == tuesday {
                                Availability::No
                            } else {
                                Availability::Yes
                            }
                        },
                        &[1],
                        None,
                    ),
                },
                GroupInput {
                    id: 2,
                    weight: 1,
                    answer: answer(
                        &units,
                        |u| {
                            if *u == monday {
                                Availability::No
                            } else {
                                Availability::Yes
                            }
                        },
                        &[1],
                        None,
                    ),
                },
            ],
            quorum: Some(1),
            allow_spanning: false,
        };
        let ranked = propose(&input, 2, None);
        assert_eq!(ranked[0].start, monday, "the heavier group's day first");
        assert_eq!(ranked[0].able_weight, 3);
    }

    #[test]
    fn half_day_slots_cross_midday_and_the_night_but_not_an_excluded_day() {
        let units = enumerate(
            date("2027-03-01"),
            date("2027-03-03"),
            Granularity::HalfDay,
            &WEEKDAYS,
            |d| d == date("2027-03-03"),
        );
        let input = EngineInput {
            units: units.clone(),
            durations: vec![3],
            groups: vec![group(1, answer(&units, |_| Availability::Yes, &[3], None))],
            quorum: None,
            allow_spanning: false,
        };
        let all = propose(&input, usize::MAX, None);
        let starts: Vec<String> = all.iter().map(|p| p.start.key()).collect();
        assert_eq!(
            starts,
            ["2027-03-01.am", "2027-03-01.pm"],
            "Mon am–Tue am and Mon pm–Tue pm; Wednesday is excluded"
        );
    }

    #[test]
    fn an_excluded_last_day_of_the_window_is_never_covered() {
        // Mon 1 .. Fri 5 Mar 2027 with Friday excluded: no slot may reach it.
        let units = enumerate(
            date("2027-03-01"),
            date("2027-03-05"),
            Granularity::Day,
            &WEEKDAYS,
            |d| d == date("2027-03-05"),
        );
        let input = EngineInput {
            units: units.clone(),
            durations: vec![1, 2],
            groups: vec![group(
                1,
                answer(&units, |_| Availability::Yes, &[1, 2], None),
            )],
            quorum: None,
            allow_spanning: true,
        };
        let all = propose(&input, usize::MAX, None);
        assert_eq!(all.len(), 4 + 3);
        assert!(
            all.iter()
                .all(|p| p.units.iter().all(|u| u.date != date("2027-03-05")))
        );
    }

    #[test]
    fn a_quorum_of_five_of_seven_accepts_two_groups_away() {
        let units = two_weeks();
        let monday = units[0];
        let groups: Vec<GroupInput> = (1..=7)
            .map(|id| {
                let away_monday = id <= 2;
                group(
                    id,
                    answer(
                        &units,
                        |u| {
                            if away_monday && *u == monday {
                                Availability::No
                            } else {
                                Availability::Yes
                            }
                        },
                        &[1],
                        None,
                    ),
                )
            })
            .collect();
        let input = EngineInput {
            units: units.clone(),
            durations: vec![1],
            groups,
            quorum: Some(5),
            allow_spanning: false,
        };
        let monday_slot = propose(&input, usize::MAX, None)
            .into_iter()
            .find(|p| p.start == monday)
            .expect("Monday");
        assert!(monday_slot.meets_quorum, "five of seven are able");
        assert_eq!(monday_slot.unable.len(), 2);
        let stricter = EngineInput {
            quorum: Some(6),
            ..input
        };
        let monday_slot = propose(&stricter, usize::MAX, None)
            .into_iter()
            .find(|p| p.start == monday)
            .expect("Monday");
        assert!(!monday_slot.meets_quorum);
    }

    #[test]
    fn exact_ties_fall_to_the_earlier_start_then_the_shorter_duration() {
        let units = two_weeks();
        let input = EngineInput {
            units: units.clone(),
            durations: vec![1, 2],
            groups: vec![group(
                1,
                answer(&units, |_| Availability::Yes, &[1, 2], None),
            )],
            quorum: None,
            allow_spanning: false,
        };
        let ranked = propose(&input, 3, None);
        let order: Vec<(Unit, u32)> = ranked.iter().map(|p| (p.start, p.duration)).collect();
        assert_eq!(order, vec![(units[0], 1), (units[0], 2), (units[1], 1)]);
        // And the same input always gives the same answer.
        assert_eq!(propose(&input, 3, None), ranked);
    }
}

#[cfg(test)]
mod oracle {
    //! The engine against a deliberately naive brute force on random
    //! consultations: every slot checked unit by unit, every group by hand,
    //! then sorted by the documented rule written out as a tuple.

    use super::*;
    use crate::domain::units::{Granularity, enumerate};
    use chrono::{Duration, NaiveDate, Weekday};
    use proptest::prelude::*;

    /// start index, duration, meets quorum, able weight, if-need-be answers,
    /// groups preferring, groups blocking.
    type Row = (usize, u32, bool, u32, u32, u32, Vec<i64>);

    fn naive(input: &EngineInput) -> Vec<Row> {
        let quorum = input.quorum.map_or(input.groups.len(), |q| q as usize);
        let mut rows = Vec::new();
        for &d in &input.durations {
            for start in 0..input.units.len() {
                let end = start + d as usize;
                if d == 0 || end > input.units.len() {
                    continue;
                }
                let slot = &input.units[start..end];
                let contiguous =
                    input.allow_spanning || slot.windows(2).all(|w| w[0].is_followed_by(&w[1]));
                if !contiguous {
                    continue;
                }
                let (mut able, mut weight, mut maybe, mut preferring, mut blocked) =
                    (0, 0, 0, 0, Vec::new());
                for g in &input.groups {
                    let Some(a) = &g.answer else { continue };
                    let says = |u: usize| a.units.get(u).unwrap_or(Availability::No);
                    if a.accepted_durations.contains(&d)
                        && (start..end).all(|u| says(u) != Availability::No)
                    {
                        able += 1;
                        weight += g.weight;
                        if a.preferred_duration == Some(d) {
                            preferring += 1;
                        }
                        maybe += (start..end)
                            .filter(|&u| says(u) == Availability::IfNeedBe)
                            .count() as u32;
                    } else {
                        blocked.push(g.id);
                    }
                }
                rows.push((start, d, able >= quorum, weight, maybe, preferring, blocked));
            }
        }
        rows.sort_by(|a, b| {
            (
                !a.2,
                std::cmp::Reverse(a.3),
                a.4,
                std::cmp::Reverse(a.5),
                a.0,
                a.1,
            )
                .cmp(&(
                    !b.2,
                    std::cmp::Reverse(b.3),
                    b.4,
                    std::cmp::Reverse(b.5),
                    b.0,
                    b.1,
                ))
        });
        rows
    }

    fn consultation() -> impl Strategy<Value = EngineInput> {
        (
            0i64..28,
            1i64..40,
            any::<bool>(),
            prop::collection::vec(1u32..7, 1..4),
            prop::collection::vec(0u8..7, 0..3),
            1usize..6,
            any::<u64>(),
            any::<bool>(),
            prop::option::of(1u32..6),
        )
            .prop_map(
                |(offset, len, half, durations, holidays, groups, seed, spanning, quorum)| {
                    let start =
                        NaiveDate::from_ymd_opt(2027, 1, 1).expect("date") + Duration::days(offset);
                    let end = start + Duration::days(len);
                    let holidays: Vec<NaiveDate> = holidays
                        .iter()
                        .map(|h| start + Duration::days(i64::from(*h) * 3))
                        .collect();
                    let granularity = if half {
                        Granularity::HalfDay
                    } else {
                        Granularity::Day
                    };
                    let days = [
                        Weekday::Mon,
                        Weekday::Tue,
                        Weekday::Wed,
                        Weekday::Thu,
                        Weekday::Fri,
                    ];
                    let units =
                        enumerate(start, end, granularity, &days, |d| holidays.contains(&d));
                    // A small deterministic generator from the seed.
                    let mut state = seed | 1;
                    let mut next = move |n: u64| {
                        state ^= state << 13;
                        state ^= state >> 7;
                        state ^= state << 17;
                        state % n
                    };
                    let groups = (0..groups)
                        .map(|id| GroupInput {
                            id: id as i64,
                            weight: 1 + next(3) as u32,
                            answer: (next(5) != 0).then(|| GroupAnswer {
                                units: Says(
                                    units
                                        .iter()
                                        .map(|_| {
                                            let skip = next(20) == 0;
                                            let choice = [
                                                Availability::Yes,
                                                Availability::IfNeedBe,
                                                Availability::No,
                                            ][next(3) as usize];
                                            (!skip).then_some(choice)
                                        })
                                        .collect(),
                                ),
                                accepted_durations: durations
                                    .iter()
                                    .copied()
                                    .filter(|_| next(4) != 0)
                                    .collect(),
                                preferred_duration: (next(2) == 0)
                                    .then(|| durations[next(durations.len() as u64) as usize]),
                            }),
                        })
                        .collect();
                    EngineInput {
                        units,
                        durations,
                        groups,
                        quorum,
                        allow_spanning: spanning,
                    }
                },
            )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn the_engine_ranks_exactly_as_the_brute_force(input in consultation()) {
            let mut durations = input.durations.clone();
            durations.sort_unstable();
            durations.dedup();
            let input = EngineInput { durations, ..input };
            let expected = naive(&input);
            let got = propose(&input, usize::MAX, None);
            prop_assert_eq!(got.len(), expected.len());
            for (p, e) in got.iter().zip(&expected) {
                let start = input.units.iter().position(|u| *u == p.start).expect("start unit");
                let blocked: Vec<i64> = p.unable.iter().map(|b| b.group).collect();
                prop_assert_eq!((start, p.duration, p.meets_quorum, p.able_weight, p.if_need_be_answers, p.preferring, blocked), e.clone());
            }
        }

        /// The engine picks the best few before sorting them: they must be
        /// the head of the full ranking, explanations included.
        #[test]
        fn the_best_few_are_the_head_of_the_full_ranking(
            input in consultation(),
            limit in 0usize..12,
            only in prop::option::of(1u32..7),
        ) {
            let all = propose(&input, usize::MAX, only);
            let best = propose(&input, limit, only);
            prop_assert_eq!(&best[..], &all[..limit.min(all.len())]);
        }
    }
}
