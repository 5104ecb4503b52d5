//! The browser journeys, as their own test target with a small runner of
//! their own (`harness = false` in Cargo.toml), so that `cargo test` always
//! prints what happened to them, skipped ones included:
//! `browser tests: 7 passed, 0 failed, 0 skipped`.
//!
//! Where chromium or chromedriver is missing the journeys are skipped and the
//! target passes, saying why; under CI (`CI` set) a missing browser fails,
//! since `.ci/run` installs it. Arguments that do not start with `-` filter
//! the journeys by name, as libtest's do; `--list` lists them.

#[expect(
    dead_code,
    reason = "shared with the API tests; the journeys use a part"
)]
#[path = "../api/fixtures.rs"]
mod fixtures;
#[expect(
    dead_code,
    reason = "shared with the API tests; the journeys use a part"
)]
#[path = "../api/helpers.rs"]
mod helpers;
mod journeys;
#[expect(
    dead_code,
    reason = "shared with the API tests; the journeys use a part"
)]
#[path = "../api/smtp.rs"]
mod smtp;

use std::future::Future;
use std::pin::Pin;
use std::process::ExitCode;
use std::time::{Duration, Instant};

type Journey = fn() -> Pin<Box<dyn Future<Output = ()> + Send>>;

macro_rules! journeys {
    ($($name:ident),* $(,)?) => {
        &[$((stringify!($name), || Box::pin(journeys::$name()))),*]
    };
}

const JOURNEYS: &[(&str, Journey)] = journeys![
    a_member_logs_in_through_the_form_in_a_real_browser,
    a_coordinator_fills_in_the_grid_and_saves_in_a_real_browser,
    an_arabic_coordinator_fills_in_the_grid_right_to_left_in_a_real_browser,
    an_arabic_invitee_replies_right_to_left_in_a_real_browser,
    a_coordinator_and_an_invitee_in_each_of_the_six_languages_in_a_real_browser,
    the_secretariat_reads_the_heat_map_and_approves_a_slot_in_a_real_browser,
    the_secretariat_sends_invitations_and_watches_progress_and_an_invitee_replies_in_a_real_browser,
];

/// A journey that has not finished by then is stuck, not slow.
const TIME_LIMIT: Duration = Duration::from_secs(300);

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let mut filters = Vec::new();
    let mut skips = Vec::new();
    let mut words = arguments.iter();
    while let Some(word) = words.next() {
        match word.as_str() {
            "--skip" => skips.extend(words.next().cloned()),
            "--list" => {
                for (name, _) in JOURNEYS {
                    println!("{name}: test");
                }
                return ExitCode::SUCCESS;
            }
            flag if flag.starts_with('-') => {}
            filter => filters.push(filter.to_owned()),
        }
    }
    let chosen: Vec<&(&str, Journey)> = JOURNEYS
        .iter()
        .filter(|(name, _)| filters.is_empty() || filters.iter().any(|f| name.contains(f)))
        .filter(|(name, _)| !skips.iter().any(|s| name.contains(s)))
        .collect();

    if let Some(reason) = journeys::missing() {
        println!("browser tests: 0 run, {} skipped ({reason})", chosen.len());
        if std::env::var_os("CI").is_some() && !chosen.is_empty() {
            eprintln!("CI must run the browser tests: install chromium and chromium-driver");
            return ExitCode::FAILURE;
        }
        return ExitCode::SUCCESS;
    }

    let runtime = tokio::runtime::Runtime::new().expect("a Tokio runtime");
    let mut failed = Vec::new();
    println!("\nrunning {} browser journeys", chosen.len());
    for (name, journey) in &chosen {
        let started = Instant::now();
        let outcome = runtime.block_on(async {
            let running = tokio::spawn(journey());
            let abort = running.abort_handle();
            let outcome = tokio::time::timeout(TIME_LIMIT, running).await;
            abort.abort();
            outcome
        });
        let verdict = match outcome {
            Ok(Ok(())) => "ok",
            Ok(Err(_panicked)) => "FAILED",
            Err(_elapsed) => "FAILED (timed out)",
        };
        println!(
            "test {name} ... {verdict} ({:.1} s)",
            started.elapsed().as_secs_f64()
        );
        if verdict != "ok" {
            failed.push(*name);
        }
    }
    println!(
        "browser tests: {} passed, {} failed, 0 skipped",
        chosen.len() - failed.len(),
        failed.len()
    );
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        for name in failed {
            println!("    {name}");
        }
        ExitCode::FAILURE
    }
}
