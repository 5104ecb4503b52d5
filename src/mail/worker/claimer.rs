//! The worker's claims: a short queue of claimed rows kept ahead of the
//! sends, and the rows handed back when the worker stops.

use tokio::sync::{mpsc, watch};

use super::{Worker, stop_requested};
use crate::config::MailSettings;
use crate::db::outbox::{self, Message};

/// Most rows claimed at once.
const MAX_CLAIM: usize = 500;

/// Rows claimed at once: enough to keep every slot busy while the next claim
/// runs (twice the concurrency), but no more than a second's worth at the
/// rate limit, so that claimed rows never wait long and other workers get
/// their share.
pub(super) fn claim_size(mail: &MailSettings) -> usize {
    let rate = usize::try_from(mail.rate_per_second).unwrap_or(usize::MAX);
    (2 * mail.concurrency).min(rate).clamp(1, MAX_CLAIM)
}

impl Worker {
    /// Claims due rows into `queue` until stopped; returns the ids of rows
    /// claimed that the dispatcher would no longer take.
    pub(super) async fn claim_loop(
        self,
        queue: mpsc::Sender<Message>,
        mut stopped: watch::Receiver<bool>,
    ) -> Vec<i64> {
        let size = claim_size(&self.settings.mail);
        loop {
            if *stopped.borrow() {
                return Vec::new();
            }
            // Nothing is claimed while the SMTP server is left alone: the
            // rows would only be deferred.
            if let Some(until) = self.transport.resting_until() {
                tokio::select! {
                    _ = tokio::time::sleep_until(until) => {}
                    _ = stop_requested(&mut stopped) => {}
                }
                continue;
            }
            let rows = self.claim(size).await;
            let full = rows.len() == size;
            let mut rows = rows.into_iter();
            while let Some(row) = rows.next() {
                if let Err(mpsc::error::SendError(row)) = queue.send(row).await {
                    return std::iter::once(row).chain(rows).map(|r| r.id).collect();
                }
            }
            if !full {
                self.transport.tidy().await;
                tokio::select! {
                    _ = tokio::time::sleep(self.settings.mail.poll) => {}
                    _ = stop_requested(&mut stopped) => {}
                }
            }
        }
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
            Ok(Ok(rows)) => {
                self.held.add(rows.iter().map(|row| row.id));
                rows
            }
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

    /// Puts rows this worker claimed but did not start back in the queue. If
    /// that fails they stay `sending` and are claimed again after the lease.
    pub(super) async fn release(&self, ids: Vec<i64>) {
        if ids.is_empty() {
            return;
        }
        self.held.remove(&ids);
        let (pool, worker) = (self.pool.clone(), self.id.clone());
        let result = tokio::task::spawn_blocking(move || -> anyhow::Result<usize> {
            let mut conn = pool.get()?;
            Ok(outbox::release(&mut conn, &ids, &worker)?)
        })
        .await;
        match result {
            Ok(Ok(released)) => {
                tracing::info!(worker = %self.id, released, "unstarted rows handed back")
            }
            Ok(Err(error)) => {
                tracing::warn!(worker = %self.id, error = %error, "cannot hand back unstarted rows")
            }
            Err(error) => tracing::error!(worker = %self.id, %error, "release task failed"),
        }
    }
}
