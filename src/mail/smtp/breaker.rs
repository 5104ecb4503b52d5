//! Backing off at the connection level. When connecting fails (refused,
//! timed out, turned away at the greeting), the pool rests from the server
//! — one second, then doubling up to half a minute — and afterwards lets a
//! single send try to connect while the others wait for its outcome. A send
//! that finds the pool resting is not attempted: it is deferred to the end of
//! the rest. So an outage costs a handful of connection attempts, not one per
//! message at the configured rate, and messages do not use up their attempts
//! on a server that is known to be down.

use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use tokio::time::Instant;

/// The first rest after connecting failed.
const FIRST_REST: Duration = Duration::from_secs(1);
/// The longest rest: how late mail resumes after the server is back.
const LONGEST_REST: Duration = Duration::from_secs(30);

#[derive(Default)]
struct State {
    /// Failed connection attempts in a row (a burst of sends failing at once
    /// counts once).
    failures: u32,
    /// No connection is tried before this.
    until: Option<Instant>,
    /// What the last failed attempt said.
    reply: String,
}

/// The pool is resting from the server until `until`, because of `reply`.
#[derive(Debug, Clone)]
pub struct Resting {
    pub until: Instant,
    pub reply: String,
}

#[derive(Default)]
pub struct Breaker {
    state: Mutex<State>,
    /// Held by the one send that tries to connect after a failure.
    probe: tokio::sync::Mutex<()>,
}

/// Permission to connect: for a probe, the others wait until it is dropped.
pub struct Admission<'a>(
    #[expect(dead_code, reason = "held, never read")] Option<tokio::sync::MutexGuard<'a, ()>>,
);

impl Breaker {
    /// Whether a connection may be opened now, or until when the server is
    /// left alone. After a failure only one caller at a time gets through.
    pub async fn admit(&self) -> Result<Admission<'_>, Resting> {
        if self.state().failures == 0 {
            return Ok(Admission(None));
        }
        let probe = self.probe.lock().await;
        if let Some(resting) = self.resting() {
            return Err(resting);
        }
        if self.state().failures == 0 {
            return Ok(Admission(None));
        }
        Ok(Admission(Some(probe)))
    }

    /// While resting: until when, and why.
    pub fn resting(&self) -> Option<Resting> {
        let state = self.state();
        state
            .until
            .filter(|until| *until > Instant::now())
            .map(|until| Resting {
                until,
                reply: state.reply.clone(),
            })
    }

    /// A connection attempt failed with `reply`: rest, longer each time.
    pub fn failed(&self, reply: &str, server: &str) {
        let mut state = self.state();
        state.reply = reply.to_owned();
        let now = Instant::now();
        if state.until.is_some_and(|until| until > now) {
            return;
        }
        state.failures = state.failures.saturating_add(1);
        let rest = rest_after(state.failures);
        state.until = Some(now + rest);
        if state.failures == 1 {
            tracing::warn!(
                server,
                reply,
                "cannot connect to the SMTP server; mail waits, trying again after {} s, then less often",
                rest.as_secs()
            );
        } else {
            tracing::debug!(
                server,
                reply,
                rest_s = rest.as_secs(),
                "SMTP server still unreachable"
            );
        }
    }

    /// A connection was opened: the server is back.
    pub fn succeeded(&self, server: &str) {
        let mut state = self.state();
        if state.failures > 0 {
            tracing::info!(
                server,
                failures = state.failures,
                "the SMTP server answers again"
            );
            *state = State::default();
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The rest after `failures` failed attempts in a row.
fn rest_after(failures: u32) -> Duration {
    let doublings = failures.saturating_sub(1).min(16);
    FIRST_REST
        .saturating_mul(2u32.pow(doublings))
        .min(LONGEST_REST)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rests_double_from_a_second_up_to_half_a_minute() {
        let rests: Vec<u64> = (1..=7).map(|n| rest_after(n).as_secs()).collect();
        assert_eq!(rests, [1, 2, 4, 8, 16, 30, 30]);
        assert_eq!(rest_after(u32::MAX), LONGEST_REST);
    }

    #[tokio::test]
    async fn failures_at_the_same_moment_count_once_and_success_ends_the_rest() {
        let breaker = Breaker::default();
        assert!(breaker.admit().await.is_ok());
        breaker.failed("421 busy", "test");
        breaker.failed("421 busy", "test");
        let resting = breaker.resting().expect("resting");
        assert!(resting.until <= Instant::now() + FIRST_REST);
        assert_eq!(resting.reply, "421 busy");
        assert!(
            breaker.admit().await.is_err(),
            "no connection while resting"
        );
        breaker.succeeded("test");
        assert!(breaker.resting().is_none());
        assert!(breaker.admit().await.is_ok());
    }
}
