//! The rate limit: at most `rate` sends a second.

use std::time::Duration;

use tokio::time::Instant;

/// How early a send may go compared with an even spacing. Timers tick in
/// milliseconds, so a pacer that sleeps for each 100 µs gap at 10,000 a
/// second wakes late every time and falls to about 2,000 a second; with
/// this slack it sends the few that are due together and keeps the rate.
const SLACK: Duration = Duration::from_millis(5);

/// Keeps sends to `rate` a second on average (a "generic cell rate"
/// schedule): each send books the next slot `1/rate` later, and a caller
/// waits until at most [`SLACK`] before its slot.
pub(super) struct Pacer {
    period: Duration,
    /// The slot of the next send; behind `now` when sending has been slower
    /// than the rate (no credit is kept for that).
    next: Instant,
}

impl Pacer {
    pub(super) fn new(rate_per_second: u32) -> Pacer {
        Pacer {
            period: Duration::from_secs(1) / rate_per_second.max(1),
            next: Instant::now(),
        }
    }

    pub(super) async fn wait(&mut self) {
        let now = Instant::now();
        let earliest = self.next.checked_sub(SLACK).unwrap_or(self.next);
        if earliest > now {
            tokio::time::sleep_until(earliest).await;
        }
        self.next = self.next.max(now) + self.period;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn time_of(rate: u32, sends: u32) -> Duration {
        let mut pacer = Pacer::new(rate);
        let start = Instant::now();
        for _ in 0..sends {
            pacer.wait().await;
        }
        start.elapsed()
    }

    #[tokio::test]
    async fn the_pacer_keeps_to_a_low_rate() {
        // 21 sends at 100 a second: 20 gaps of 10 ms, less the slack.
        let elapsed = time_of(100, 21).await;
        assert!(elapsed >= Duration::from_millis(195), "{elapsed:?}");
        assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");
    }

    #[tokio::test]
    async fn the_pacer_reaches_a_high_rate_despite_millisecond_timers() {
        // 2,000 sends at 10,000 a second: 200 ms, not the 1 s that sleeping
        // for every 100 µs gap would take.
        let elapsed = time_of(10_000, 2_001).await;
        assert!(elapsed >= Duration::from_millis(194), "{elapsed:?}");
        assert!(elapsed < Duration::from_millis(400), "{elapsed:?}");
    }
}
