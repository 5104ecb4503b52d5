//! The outbox worker: claims due rows, renders and sends them with a bounded
//! number in flight and a rate limit, and records each outcome on its row.
//!
//! Crash safety comes from the claim, not from memory: a row is `sending`
//! only under a lease, so rows of a worker that died are claimed again once
//! the lease has passed (sent again rather than lost), while a live worker's
//! rows are never taken from it.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Semaphore, watch};
use tokio::task::JoinSet;
use tokio::time::Instant;

use super::MailError;
use super::message::{self, Addressing, Extra};
use super::render::render;
use super::transport::{SendError, Transport};
use crate::config::Settings;
use crate::db::outbox::{self, Message};
use crate::db::{DbPool, now};
use crate::domain::seal::SealKey;
use crate::domain::token::Token;

/// Longest wait between two attempts of one message.
const MAX_BACKOFF: Duration = Duration::from_secs(3600);
/// How long a stopping worker waits for the messages it is sending.
const DRAIN: Duration = Duration::from_secs(30);

/// Everything a send needs; cloned into each send task.
#[derive(Clone)]
pub struct Worker {
    pool: DbPool,
    settings: Arc<Settings>,
    seal: SealKey,
    transport: Arc<Transport>,
    id: Arc<str>,
}

/// A worker running in the background; [`Running::stop`] ends it.
pub struct Running {
    stop: watch::Sender<bool>,
    task: tokio::task::JoinHandle<()>,
}

impl Running {
    /// Stops claiming, lets the messages in flight finish (bounded), and returns.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        if let Err(error) = self.task.await {
            tracing::error!(%error, "outbox worker ended abnormally");
        }
    }
}

/// The wait before the next attempt after `attempts_made` failed ones:
/// `base`, then doubling, at most an hour.
pub fn backoff(base: Duration, attempts_made: i32) -> Duration {
    let exponent = u32::try_from(attempts_made.saturating_sub(1))
        .unwrap_or(0)
        .min(20);
    base.saturating_mul(2u32.saturating_pow(exponent))
        .min(MAX_BACKOFF)
}

/// How an outcome is written to the row.
#[derive(Clone)]
enum Write {
    Sent,
    Retry {
        reply: String,
        at: chrono::NaiveDateTime,
    },
    Failed(String),
}

/// What became of one attempt.
enum Outcome {
    Sent,
    Transient(SendError),
    Permanent { code: Option<u16>, reason: String },
}

impl Worker {
    /// A worker with the transport the settings ask for. Fails on an SMTP URL
    /// lettre cannot use, so that a bad setting stops the program at start.
    pub fn new(pool: DbPool, settings: Arc<Settings>, seal: SealKey) -> anyhow::Result<Worker> {
        let transport = Transport::from_settings(&settings)?;
        let id = format!(
            "{}-{}",
            std::process::id(),
            &Token::generate().expose()[..8]
        );
        Ok(Worker {
            pool,
            settings,
            seal,
            transport: Arc::new(transport),
            id: id.into(),
        })
    }

    /// The name this worker's claims carry.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Runs in the background until [`Running::stop`].
    pub fn spawn(self) -> Running {
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(self.run(stopped));
        Running { stop, task }
    }

    async fn run(self, mut stopped: watch::Receiver<bool>) {
        let mail = &self.settings.mail;
        tracing::info!(
            worker = %self.id,
            transport = %self.transport.describe(),
            concurrency = mail.concurrency,
            rate = mail.rate_per_second,
            "outbox worker started"
        );
        let slots = Arc::new(Semaphore::new(mail.concurrency));
        let mut pacer = Pacer::new(mail.rate_per_second);
        let mut in_flight = JoinSet::new();
        loop {
            if *stopped.borrow() {
                break;
            }
            while in_flight.try_join_next().is_some() {}
            let free = slots.available_permits();
            let claimed = if free == 0 {
                Vec::new()
            } else {
                self.claim(free).await
            };
            let full = free > 0 && claimed.len() == free;
            for row in claimed {
                let Ok(permit) = slots.clone().acquire_owned().await else {
                    break;
                };
                pacer.wait().await;
                let worker = self.clone();
                in_flight.spawn(async move {
                    worker.deliver(row).await;
                    drop(permit);
                });
            }
            if full {
                continue;
            }
            self.transport.tidy().await;
            tokio::select! {
                _ = tokio::time::sleep(mail.poll) => {}
                _ = stopped.changed() => {}
                Some(_) = in_flight.join_next(), if !in_flight.is_empty() => {}
            }
        }
        let drained = tokio::time::timeout(DRAIN, async {
            while in_flight.join_next().await.is_some() {}
        })
        .await;
        if drained.is_err() {
            tracing::warn!(
                worker = %self.id,
                "stopped with messages still in flight; they will be claimed again after the lease"
            );
        }
        self.transport.shutdown().await;
        tracing::info!(worker = %self.id, "outbox worker stopped");
    }

    async fn claim(&self, limit: usize) -> Vec<Message> {
        let pool = self.pool.clone();
        let worker = self.id.clone();
        let lease = chrono::Duration::from_std(self.settings.mail.lease)
            .unwrap_or(chrono::Duration::minutes(5));
        let limit = i64::try_from(limit).unwrap_or(1);
        let result = tokio::task::spawn_blocking(move || -> anyhow::Result<Vec<Message>> {
            let mut conn = pool.get()?;
            Ok(outbox::claim(&mut conn, &worker, limit, lease)?)
        })
        .await;
        match result {
            Ok(Ok(rows)) => rows,
            Ok(Err(error)) => {
                tracing::warn!(worker = %self.id, error = %error, "cannot claim outbox rows");
                Vec::new()
            }
            Err(error) => {
                tracing::error!(worker = %self.id, %error, "claim task failed");
                Vec::new()
            }
        }
    }

    /// Sends one claimed row and records the outcome.
    async fn deliver(&self, row: Message) {
        let outcome = match self.compose(&row) {
            Err(error) => Outcome::Permanent {
                code: None,
                reason: error.to_string(),
            },
            Ok(email) => match self.transport.send(row.id, email).await {
                Ok(()) => Outcome::Sent,
                Err(error @ SendError::Transient { .. }) => Outcome::Transient(error),
                Err(SendError::Permanent { code, reply }) => Outcome::Permanent {
                    code,
                    reason: reply,
                },
            },
        };
        self.record(&row, outcome).await;
    }

    fn compose(&self, row: &Message) -> Result<lettre::Message, MailError> {
        let secret = match &row.sealed_secret {
            Some(sealed) => Some(self.seal.open(sealed).ok_or(MailError::MissingSecret)?),
            None => None,
        };
        let rendered = render(
            &row.kind,
            &row.language,
            &row.params,
            secret.as_deref(),
            &self.settings,
        )?;
        message::build(
            Addressing {
                to_email: &row.recipient_email,
                to_name: &row.recipient_name,
                message_id: &row.message_id,
            },
            &rendered,
            &self.settings.mail,
            &extras_for(row)?,
        )
    }

    async fn record(&self, row: &Message, outcome: Outcome) {
        let (id, kind) = (row.id, row.kind.as_str());
        let attempts = row.attempts + 1;
        let max = self.settings.mail.max_attempts;
        let worker = self.id.to_string();
        let write = match outcome {
            Outcome::Sent => {
                tracing::info!(id, kind, status = "sent", attempts, "message delivered");
                Write::Sent
            }
            Outcome::Transient(error) if attempts < max => {
                let wait = backoff(self.settings.mail.retry_base, attempts);
                tracing::warn!(
                    id,
                    kind,
                    status = "queued",
                    code = error.code(),
                    attempts,
                    retry_in_ms = wait.as_millis() as u64,
                    "temporary failure; will retry"
                );
                let retry_at =
                    now() + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::hours(1));
                Write::Retry {
                    reply: error.reply().to_owned(),
                    at: retry_at,
                }
            }
            Outcome::Transient(error) => {
                tracing::warn!(
                    id,
                    kind,
                    status = "failed",
                    code = error.code(),
                    attempts,
                    "temporary failures went on too long; giving up"
                );
                Write::Failed(format!(
                    "gave up after {attempts} attempts; last: {}",
                    error.reply()
                ))
            }
            Outcome::Permanent { code, reason } => {
                tracing::warn!(
                    id,
                    kind,
                    status = "failed",
                    code,
                    attempts,
                    "permanent failure"
                );
                Write::Failed(reason)
            }
        };
        // A delivered message must not stay `sending` because of a passing
        // database error: that would send it again after the lease.
        for attempt in 1..=3 {
            let pool = self.pool.clone();
            let (write, worker) = (write.clone(), worker.clone());
            let result = tokio::task::spawn_blocking(move || -> anyhow::Result<bool> {
                let mut conn = pool.get()?;
                Ok(match write {
                    Write::Sent => outbox::mark_sent(&mut conn, id)?,
                    Write::Retry { reply, at } => {
                        outbox::mark_retry(&mut conn, id, &worker, &reply, at)?
                    }
                    Write::Failed(reason) => outbox::mark_failed(&mut conn, id, &worker, &reason)?,
                })
            })
            .await;
            match result {
                Ok(Ok(true)) => return,
                Ok(Ok(false)) => {
                    tracing::warn!(id, kind, "the row was no longer claimed by this worker");
                    return;
                }
                Ok(Err(error)) => {
                    tracing::warn!(id, kind, attempt, error = %error, "cannot record the outcome")
                }
                Err(error) => tracing::error!(id, kind, %error, "record task failed"),
            }
            tokio::time::sleep(Duration::from_millis(200 * attempt)).await;
        }
    }
}

/// Parts added to a kind's text and HTML. None yet: invitations will add
/// their iCalendar request here.
fn extras_for(_row: &Message) -> Result<Vec<Extra>, MailError> {
    Ok(Vec::new())
}

/// How early a send may go compared with an even spacing. Timers tick in
/// milliseconds, so a pacer that sleeps for each 100 µs gap at 10,000 a
/// second wakes late every time and falls to about 2,000 a second; with
/// this slack it sends the few that are due together and keeps the rate.
const SLACK: Duration = Duration::from_millis(5);

/// Keeps sends to `rate` a second on average (a "generic cell rate"
/// schedule): each send books the next slot `1/rate` later, and a caller
/// waits until at most [`SLACK`] before its slot.
struct Pacer {
    period: Duration,
    /// The slot of the next send; behind `now` when sending has been slower
    /// than the rate (no credit is kept for that).
    next: Instant,
}

impl Pacer {
    fn new(rate_per_second: u32) -> Pacer {
        Pacer {
            period: Duration::from_secs(1) / rate_per_second.max(1),
            next: Instant::now(),
        }
    }

    async fn wait(&mut self) {
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

    #[test]
    fn backoff_doubles_from_the_base_up_to_an_hour() {
        let base = Duration::from_secs(30);
        assert_eq!(backoff(base, 1), Duration::from_secs(30));
        assert_eq!(backoff(base, 2), Duration::from_secs(60));
        assert_eq!(backoff(base, 4), Duration::from_secs(240));
        assert_eq!(backoff(base, 8), Duration::from_secs(3600));
        assert_eq!(backoff(base, 60), Duration::from_secs(3600));
    }

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
