//! The outbox worker: claims due rows, renders and sends them with a bounded
//! number in flight and a rate limit, and records each outcome on its row.
//!
//! Crash safety comes from the claim, not from memory: a row is `sending`
//! only under a lease, so rows of a worker that died are claimed again once
//! the lease has passed (sent again rather than lost), while a live worker
//! renews the lease of every row it holds (see `lease`), so they are never
//! taken from it. A row becomes `sent` only after the server accepted its
//! message; outcomes are written in batches (see `recorder`), so a crash can
//! send again the messages of the last ~100 ms, never lose one.
//!
//! Three tasks share the work: a claimer keeps a short queue of claimed rows
//! (claims are batched, bounded by the concurrency and the rate), the
//! dispatcher starts one send per free slot at the paced rate, and the
//! recorder writes the outcomes. Each send builds its message on a blocking
//! thread, one per core at a time (see `prepare`), so that rendering uses
//! every core whatever runtime the worker runs on.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Semaphore, mpsc, watch};
use tokio::task::JoinSet;

use super::recorder::{Record, Recorder};
use super::transport::{Outgoing, SendError, Transport};
use crate::config::Settings;
use crate::db::outbox::Message;
use crate::db::{DbPool, now};
use crate::domain::seal::SealKey;
use crate::domain::token::Token;
use claimer::claim_size;
pub(crate) use lease::Held;
use pacer::Pacer;
use prepare::Builders;

mod claimer;
mod lease;
mod pacer;
mod prepare;

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
    /// The rows claimed and not yet written back, whose leases are renewed.
    held: Arc<Held>,
    /// Turns to build a message, one per core (see `prepare`).
    builders: Builders,
}

/// A worker running in the background; [`Running::stop`] ends it.
pub struct Running {
    stop: watch::Sender<bool>,
    task: tokio::task::JoinHandle<()>,
}

impl Running {
    /// Stops claiming, hands back the rows claimed but not started, lets the
    /// messages in flight finish (bounded), writes their outcomes, and returns.
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

/// Returns once the worker has been asked to stop (or its handle is gone).
async fn stop_requested(stopped: &mut watch::Receiver<bool>) {
    loop {
        if *stopped.borrow_and_update() {
            return;
        }
        if stopped.changed().await.is_err() {
            return;
        }
    }
}

/// What became of one attempt.
enum Outcome {
    Sent,
    Transient(SendError),
    Permanent {
        code: Option<u16>,
        reason: String,
    },
    /// Not attempted: the server is being left alone for `wait`.
    Deferred {
        wait: Duration,
        reply: String,
    },
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
            held: Arc::default(),
            builders: Builders::per_core(),
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

    async fn run(self, stopped: watch::Receiver<bool>) {
        let mail = &self.settings.mail;
        tracing::info!(
            worker = %self.id,
            transport = %self.transport.describe(),
            concurrency = mail.concurrency,
            rate = mail.rate_per_second,
            "outbox worker started"
        );
        let (queue, mut claimed) = mpsc::channel(claim_size(mail));
        let claimer = tokio::spawn(self.clone().claim_loop(queue, stopped.clone()));
        let renewer = tokio::spawn(self.clone().renew_loop());
        let recorder = Recorder::spawn(self.pool.clone(), self.id.clone(), self.held.clone());
        let slots = Arc::new(Semaphore::new(mail.concurrency));
        let mut pacer = Pacer::new(mail.rate_per_second);
        let mut in_flight = JoinSet::new();
        let mut unstarted = Vec::new();
        let mut stop = stopped.clone();
        loop {
            let row = tokio::select! {
                row = claimed.recv() => row,
                _ = stop_requested(&mut stop) => None,
            };
            let Some(row) = row else { break };
            let permit = tokio::select! {
                permit = slots.clone().acquire_owned() => permit.ok(),
                _ = stop_requested(&mut stop) => None,
            };
            let Some(permit) = permit else {
                unstarted.push(row.id);
                break;
            };
            pacer.wait().await;
            let (worker, outcomes) = (self.clone(), recorder.sender());
            in_flight.spawn(async move {
                let record = worker.deliver(row).await;
                if outcomes.send(record).await.is_err() {
                    tracing::error!("the outbox recorder is gone; the row stays `sending`");
                }
                // Held until the recorder has the outcome: a recorder behind
                // on its writes slows the sending instead of piling up tasks.
                drop(permit);
            });
            while in_flight.try_join_next().is_some() {}
        }

        // Rows claimed but not started go back to the queue at once.
        claimed.close();
        while let Some(row) = claimed.recv().await {
            unstarted.push(row.id);
        }
        unstarted.extend(claimer.await.unwrap_or_default());
        self.release(unstarted).await;
        let drained = tokio::time::timeout(DRAIN, async {
            while in_flight.join_next().await.is_some() {}
        })
        .await;
        if drained.is_err() {
            tracing::warn!(
                worker = %self.id,
                "stopped with messages still in flight; they will be claimed again after the lease"
            );
            in_flight.shutdown().await;
        }
        recorder.finish().await;
        renewer.abort();
        self.transport.shutdown().await;
        tracing::info!(worker = %self.id, "outbox worker stopped");
    }

    /// Sends one claimed row; returns what to write on it.
    async fn deliver(&self, row: Message) -> Record {
        let row = Arc::new(row);
        let outcome = match self.prepare(row.clone()).await {
            Err(error) => Outcome::Permanent {
                code: None,
                reason: error.to_string(),
            },
            Ok(message) => match self.timed_send(row.id, message).await {
                Ok(()) => Outcome::Sent,
                Err(error @ SendError::Transient { .. }) => Outcome::Transient(error),
                Err(SendError::Permanent { code, reply }) => Outcome::Permanent {
                    code,
                    reason: reply,
                },
                Err(SendError::Deferred { wait, reply }) => Outcome::Deferred { wait, reply },
            },
        };
        self.record(&row, outcome)
    }

    /// Sends, recording how long the server took (attempts it did not make
    /// are not timed).
    async fn timed_send(&self, id: i64, message: Outgoing) -> Result<(), SendError> {
        let started = std::time::Instant::now();
        let result = self.transport.send(id, message).await;
        if !matches!(result, Err(SendError::Deferred { .. })) {
            metrics::histogram!("convene_outbox_send_duration_seconds")
                .record(started.elapsed().as_secs_f64());
        }
        result
    }

    /// Logs the outcome and says how to write it.
    fn record(&self, row: &Message, outcome: Outcome) -> Record {
        let (id, kind) = (row.id, row.kind.as_str());
        let attempts = row.attempts + 1;
        let max = self.settings.mail.max_attempts;
        match outcome {
            Outcome::Sent => {
                tracing::debug!(id, kind, status = "sent", attempts, "message delivered");
                Record::Sent(id)
            }
            Outcome::Transient(error) if attempts < max => {
                let wait = backoff(self.settings.mail.retry_base, attempts);
                tracing::debug!(
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
                Record::Retry {
                    id,
                    reply: error.reply().to_owned(),
                    at: retry_at,
                }
            }
            Outcome::Transient(error) => {
                tracing::debug!(
                    id,
                    kind,
                    status = "failed",
                    code = error.code(),
                    attempts,
                    "temporary failures went on too long; giving up"
                );
                Record::Failed {
                    id,
                    reason: format!("gave up after {attempts} attempts; last: {}", error.reply()),
                }
            }
            Outcome::Permanent { code, reason } => {
                tracing::debug!(
                    id,
                    kind,
                    status = "failed",
                    code,
                    attempts,
                    "permanent failure"
                );
                Record::Failed { id, reason }
            }
            Outcome::Deferred { wait, reply } => {
                tracing::debug!(id, kind, "the SMTP server is unreachable; not attempted");
                Record::Defer {
                    id,
                    reply,
                    at: now()
                        + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::zero()),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
