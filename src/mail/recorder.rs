//! Writes the outbox worker's outcomes to their rows in batches: one
//! transaction every ~100 ms (or 500 outcomes) instead of one per message,
//! and says what was sent, retried and failed in one log line a minute (the
//! line per message is at debug level),
//! the deliveries in a single UPDATE; failures go out at once with whatever
//! is pending. A delivery waits here at most that long
//! before its row says `sent`; if the process dies meanwhile, the row is
//! still `sending` under its lease and the message is sent again, never lost.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio::time::Instant;

use super::worker::Held;
use crate::db::DbPool;
use crate::db::outbox;

/// Longest wait between an outcome and its write.
const FLUSH_EVERY: Duration = Duration::from_millis(100);
/// Most outcomes in one write (and ids in one `IN (…)`).
const MAX_BATCH: usize = 500;
/// Outcomes waiting for the writer before senders wait in turn.
const QUEUE: usize = 2 * MAX_BATCH;
/// How often the summary line is logged (when anything happened).
const REPORT_EVERY: Duration = Duration::from_secs(60);

/// What to write on a row the worker has finished with.
#[derive(Debug, Clone)]
pub enum Record {
    Sent(i64),
    Retry {
        id: i64,
        reply: String,
        at: chrono::NaiveDateTime,
    },
    Failed {
        id: i64,
        reason: String,
    },
    /// Not attempted (the server is unreachable): queued again for `at`,
    /// its attempts unchanged.
    Defer {
        id: i64,
        reply: String,
        at: chrono::NaiveDateTime,
    },
}

impl Record {
    fn id(&self) -> i64 {
        match self {
            Record::Sent(id)
            | Record::Retry { id, .. }
            | Record::Failed { id, .. }
            | Record::Defer { id, .. } => *id,
        }
    }
}

pub struct Recorder {
    sender: mpsc::Sender<Record>,
    task: JoinHandle<()>,
}

impl Recorder {
    /// Starts the writer for the rows claimed by `worker`; a row written
    /// (or given up on) is no longer `held`.
    pub fn spawn(pool: DbPool, worker: Arc<str>, held: Arc<Held>) -> Recorder {
        let (sender, receiver) = mpsc::channel(QUEUE);
        let writer = Writer { pool, worker, held };
        let task = tokio::spawn(run(writer, receiver));
        Recorder { sender, task }
    }

    /// Where to send outcomes; waits when the writer is behind.
    pub fn sender(&self) -> mpsc::Sender<Record> {
        self.sender.clone()
    }

    /// Writes what is pending and ends, once every sender is gone.
    pub async fn finish(self) {
        drop(self.sender);
        if let Err(error) = self.task.await {
            tracing::error!(%error, "the outbox recorder ended abnormally");
        }
    }
}

/// Where outcomes are written, and for whom.
struct Writer {
    pool: DbPool,
    worker: Arc<str>,
    held: Arc<Held>,
}

/// Outcomes since the last summary line.
#[derive(Default)]
struct Tally {
    sent: u64,
    retried: u64,
    deferred: u64,
    failed: u64,
}

impl Tally {
    fn add(&mut self, records: &[Record]) {
        for record in records {
            let (count, metric) = match record {
                Record::Sent(_) => (&mut self.sent, "convene_outbox_sent_total"),
                Record::Retry { .. } => (&mut self.retried, "convene_outbox_retried_total"),
                Record::Defer { .. } => (&mut self.deferred, "convene_outbox_deferred_total"),
                Record::Failed { .. } => (&mut self.failed, "convene_outbox_failed_total"),
            };
            *count += 1;
            metrics::counter!(metric).increment(1);
        }
    }

    /// Logs the summary, if anything happened, and starts again.
    fn report(&mut self, worker: &str) {
        let Tally {
            sent,
            retried,
            deferred,
            failed,
        } = std::mem::take(self);
        if sent + retried + deferred + failed == 0 {
            return;
        }
        if failed > 0 {
            tracing::warn!(
                worker,
                sent,
                retried,
                deferred,
                failed,
                "outbox: messages failed (see the Outbox page)"
            );
        } else {
            tracing::info!(
                worker,
                sent,
                retried,
                deferred,
                failed,
                "outbox: messages sent"
            );
        }
    }
}

async fn run(writer: Writer, mut receiver: mpsc::Receiver<Record>) {
    let mut pending: Vec<Record> = Vec::new();
    let mut due: Option<Instant> = None;
    let mut tally = Tally::default();
    let mut report = tokio::time::interval_at(Instant::now() + REPORT_EVERY, REPORT_EVERY);
    loop {
        let flush_now = tokio::select! {
            record = receiver.recv() => match record {
                Some(record) => {
                    // Failures are written at once: they are few, and a retry's
                    // time must not pass before the row is queued again.
                    let mut failure = !matches!(record, Record::Sent(_));
                    pending.push(record);
                    while pending.len() < MAX_BATCH {
                        match receiver.try_recv() {
                            Ok(record) => {
                                failure |= !matches!(record, Record::Sent(_));
                                pending.push(record);
                            }
                            Err(_) => break,
                        }
                    }
                    due.get_or_insert_with(|| Instant::now() + FLUSH_EVERY);
                    failure || pending.len() >= MAX_BATCH
                }
                None => {
                    tally.add(&pending);
                    writer.write(std::mem::take(&mut pending)).await;
                    tally.report(&writer.worker);
                    return;
                }
            },
            _ = report.tick() => {
                tally.report(&writer.worker);
                false
            }
            _ = tokio::time::sleep_until(due.unwrap_or_else(Instant::now)), if due.is_some() => true,
        };
        if flush_now {
            tally.add(&pending);
            writer.write(std::mem::take(&mut pending)).await;
            due = None;
        }
    }
}

impl Writer {
    /// Writes the batch, then lets go of its rows: written, or left
    /// `sending` to be claimed again once their lease runs out.
    async fn write(&self, records: Vec<Record>) {
        if records.is_empty() {
            return;
        }
        let ids: Vec<i64> = records.iter().map(Record::id).collect();
        self.write_with_retries(records).await;
        self.held.remove(&ids);
    }

    /// One transaction for the batch. A delivered message must not stay
    /// `sending` because of a passing database error (that would send it
    /// again after the lease), so a failed write is tried twice more.
    async fn write_with_retries(&self, records: Vec<Record>) {
        let records = Arc::new(records);
        for attempt in 1..=3 {
            let (pool, worker, batch) = (self.pool.clone(), self.worker.clone(), records.clone());
            let result = tokio::task::spawn_blocking(move || -> anyhow::Result<(usize, usize)> {
                let mut conn = pool.get()?;
                Ok(crate::db::transaction(&mut conn, |conn| {
                    write_batch(conn, &worker, &batch)
                })?)
            })
            .await;
            match result {
                Ok(Ok((written, expected))) => {
                    if written < expected {
                        tracing::warn!(
                            rows = expected - written,
                            "outcomes for rows no longer claimed by this worker were not written"
                        );
                    }
                    return;
                }
                Ok(Err(error)) => {
                    tracing::warn!(attempt, rows = records.len(), error = %error, "cannot record outcomes")
                }
                Err(error) => tracing::error!(%error, "the outcome writer failed"),
            }
            tokio::time::sleep(Duration::from_millis(200 * attempt)).await;
        }
        tracing::error!(
            rows = records.len(),
            "outcomes not recorded; these rows stay `sending` and are sent again after the lease"
        );
    }
}

/// Returns how many rows were written and how many should have been.
fn write_batch(
    conn: &mut crate::db::DbConnection,
    worker: &str,
    records: &[Record],
) -> diesel::QueryResult<(usize, usize)> {
    let sent: Vec<i64> = records
        .iter()
        .filter_map(|r| match r {
            Record::Sent(id) => Some(*id),
            _ => None,
        })
        .collect();
    let mut written = outbox::mark_all_sent(conn, &sent)?;
    for record in records {
        let done = match record {
            Record::Sent(_) => continue,
            Record::Retry { id, reply, at } => outbox::mark_retry(conn, *id, worker, reply, *at)?,
            Record::Failed { id, reason } => outbox::mark_failed(conn, *id, worker, reason)?,
            Record::Defer { id, reply, at } => {
                outbox::mark_deferred(conn, *id, worker, reply, *at)?
            }
        };
        written += usize::from(done);
    }
    Ok((written, records.len()))
}
