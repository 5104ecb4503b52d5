//! The proposal engine on consultations of realistic shape, at the sizes the
//! secretariat meets and at twice them, so growth in units and in respondents
//! shows; and a fixed reference workload measured in the same run, so that
//! each figure can be given as a ratio to it on a shared, noisy machine
//! (`benches/engine.sh` runs three rounds and prints the ratios). Results
//! and method: BENCHMARKS.md.

use std::hint::black_box;
use std::time::Duration;

use chrono::{Datelike, NaiveDate, Weekday};
use convene::domain::answer::Availability;
use convene::domain::proposals::{EngineInput, GroupAnswer, GroupInput, Says, propose};
use convene::domain::units::{Granularity, enumerate};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

const WEEKDAYS: [Weekday; 5] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
];

/// SplitMix64: a fixed seed gives every run the same consultation.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        (z ^ (z >> 31)) % n
    }
}

struct Scenario {
    name: &'static str,
    /// The window, both ends inclusive.
    first: NaiveDate,
    last: NaiveDate,
    granularity: Granularity,
    durations: Vec<u32>,
    groups: usize,
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

/// Mon 4 Jan 2027 for 52 or 104 weeks.
fn window(years: i32) -> (NaiveDate, NaiveDate) {
    let first = date(2027, 1, 4);
    (
        first,
        first + chrono::Duration::weeks(52 * i64::from(years) - 1) + chrono::Duration::days(4),
    )
}

fn scenarios() -> Vec<Scenario> {
    // One to ten days in half-days, odd lengths (1.5 days…) included.
    let half_days: Vec<u32> = (2..=20).collect();
    let scenario = |name, years, granularity, durations: &Vec<u32>, groups| {
        let (first, last) = window(years);
        Scenario {
            name,
            first,
            last,
            granularity,
            durations: durations.clone(),
            groups,
        }
    };
    // The "durations 1–10 days" read literally: whole days only.
    let whole_days: Vec<u32> = (1..=10).map(|d| 2 * d).collect();
    let days = vec![1, 2, 3];
    vec![
        scenario("i_half_days_2y_7g", 2, Granularity::HalfDay, &half_days, 7),
        scenario(
            "i-d_half_days_2y_7g_whole_days",
            2,
            Granularity::HalfDay,
            &whole_days,
            7,
        ),
        scenario(
            "i-b_half_days_2y_14g",
            2,
            Granularity::HalfDay,
            &half_days,
            14,
        ),
        scenario(
            "i-c_half_days_1y_7g",
            1,
            Granularity::HalfDay,
            &half_days,
            7,
        ),
        scenario("ii_days_1y_500r", 1, Granularity::Day, &days, 500),
        scenario("ii-b_days_1y_1000r", 1, Granularity::Day, &days, 1000),
        scenario("ii-c_days_2y_500r", 2, Granularity::Day, &days, 500),
    ]
}

impl Scenario {
    /// Closed from Christmas Eve to New Year's Day; otherwise Monday to Friday.
    fn input(&self, seed: u64) -> EngineInput {
        let closed =
            |d: NaiveDate| (d.month() == 12 && d.day() >= 24) || (d.month() == 1 && d.day() == 1);
        let units = enumerate(self.first, self.last, self.granularity, &WEEKDAYS, closed);
        let mut rng = Rng(seed);
        let groups = (0..self.groups)
            .map(|id| {
                // Every sixth group has not answered yet, whatever the size.
                let answered = id % 6 != 5;
                let weight = 1 + rng.below(3) as u32;
                let answer = answered.then(|| {
                    let mut away_week = None;
                    // Indexed like the window's units, as the page hands
                    // answers over once read from their stored keys.
                    let units: Says = units
                        .iter()
                        .map(|u| {
                            // Away now and then, from some unit to the end
                            // of its week; otherwise mostly yes, some if
                            // need be, a few no.
                            let week = u.week_start();
                            if away_week != Some(week) && rng.below(40) == 0 {
                                away_week = Some(week);
                            }
                            let says = if away_week == Some(week) {
                                Availability::No
                            } else {
                                match rng.below(100) {
                                    0..80 => Availability::Yes,
                                    80..92 => Availability::IfNeedBe,
                                    _ => Availability::No,
                                }
                            };
                            Some(says)
                        })
                        .collect::<Vec<_>>()
                        .into();
                    let mut accepted: Vec<u32> = self
                        .durations
                        .iter()
                        .copied()
                        .filter(|_| rng.below(4) != 0)
                        .collect();
                    if accepted.is_empty() {
                        accepted.push(self.durations[0]);
                    }
                    let preferred = (rng.below(2) == 0)
                        .then(|| accepted[rng.below(accepted.len() as u64) as usize]);
                    GroupAnswer {
                        units,
                        accepted_durations: accepted,
                        preferred_duration: preferred,
                    }
                });
                GroupInput {
                    id: id as i64,
                    weight,
                    answer,
                }
            })
            .collect();
        EngineInput {
            units,
            durations: self.durations.clone(),
            groups,
            quorum: None,
            allow_spanning: false,
        }
    }
}

fn engine(c: &mut Criterion) {
    let mut group = c.benchmark_group("propose");
    for scenario in scenarios() {
        let input = scenario.input(0x00c0_ffee);
        let (units, respondents) = (input.units.len(), input.groups.len());
        let answered = input.groups.iter().filter(|g| g.answer.is_some()).count();
        let top = propose(&input, 10, None);
        assert_eq!(top.len(), 10, "{}: ten proposals", scenario.name);
        eprintln!(
            "{}: {units} units x {respondents} respondents ({answered} answered), {} durations",
            scenario.name,
            input.durations.len()
        );
        // Elements per second: unit × respondent pairs, so that linear growth
        // shows as a constant throughput within a family.
        group.throughput(Throughput::Elements((units * respondents) as u64));
        group.bench_with_input(
            BenchmarkId::new(scenario.name, format!("{units}x{respondents}")),
            &input,
            |b, input| b.iter(|| propose(black_box(input), 10, None)),
        );
    }
    group.finish();
}

/// The same work every run on any machine: sorting 10,000 fixed
/// pseudo-random integers (a copy of them, the copy included). Measured
/// before and after the engine, since the load on a shared machine drifts
/// during a run.
fn reference(c: &mut Criterion, when: &str) {
    let mut rng = Rng(0x5eed);
    let numbers: Vec<u64> = (0..10_000).map(|_| rng.below(u64::MAX)).collect();
    let mut group = c.benchmark_group("reference");
    group.bench_function(BenchmarkId::new("sort_10000_u64", when), |b| {
        b.iter(|| {
            let mut copy = black_box(&numbers).clone();
            copy.sort_unstable();
            copy
        })
    });
    group.finish();
}

fn reference_first(c: &mut Criterion) {
    reference(c, "first");
}

fn reference_last(c: &mut Criterion) {
    reference(c, "last");
}

criterion_group! {
    name = benches;
    // Short runs: the machine is shared, and the medians are stable enough.
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    targets = reference_first, engine, reference_last
}
criterion_main!(benches);
