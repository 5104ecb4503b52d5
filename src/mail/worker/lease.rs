//! A live worker keeps its claims. Every row it holds — claimed and waiting
//! its turn, being sent, or sent with its outcome not yet written — has its
//! lease renewed long before it runs out, however slow the server or long
//! the queue. Only a worker that stopped renewing (it died, or lost the
//! database for longer than the lease) has its rows claimed again, so a
//! message goes twice only after a crash.

use std::collections::HashSet;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use super::Worker;
use crate::db::outbox;

/// The rows this worker holds.
#[derive(Default)]
pub(crate) struct Held(Mutex<HashSet<i64>>);

impl Held {
    pub(crate) fn add(&self, ids: impl IntoIterator<Item = i64>) {
        self.lock().extend(ids);
    }

    pub(crate) fn remove<'a>(&self, ids: impl IntoIterator<Item = &'a i64>) {
        let mut held = self.lock();
        for id in ids {
            held.remove(id);
        }
    }

    fn snapshot(&self) -> Vec<i64> {
        self.lock().iter().copied().collect()
    }

    fn lock(&self) -> MutexGuard<'_, HashSet<i64>> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// How often leases are renewed: a third of the lease, so that a renewal
/// may be late or fail once and the lease still holds.
pub(super) fn renew_every(lease: Duration) -> Duration {
    (lease / 3).max(Duration::from_millis(100))
}

impl Worker {
    /// Renews the lease of every row this worker holds, until aborted.
    pub(super) async fn renew_loop(self) {
        let every = renew_every(self.settings.mail.lease);
        loop {
            tokio::time::sleep(every).await;
            let ids = self.held.snapshot();
            if ids.is_empty() {
                continue;
            }
            let (pool, worker) = (self.pool.clone(), self.id.clone());
            let result = tokio::task::spawn_blocking(move || -> anyhow::Result<usize> {
                let mut conn = pool.get()?;
                Ok(outbox::renew(&mut conn, &ids, &worker)?)
            })
            .await;
            match result {
                Ok(Ok(_)) => {}
                Ok(Err(error)) => {
                    tracing::warn!(worker = %self.id, error = %error, "cannot renew the lease of claimed rows")
                }
                Err(error) => tracing::error!(worker = %self.id, %error, "lease renewal failed"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leases_are_renewed_three_times_per_lease() {
        assert_eq!(
            renew_every(Duration::from_secs(300)),
            Duration::from_secs(100)
        );
        assert_eq!(renew_every(Duration::from_secs(3)), Duration::from_secs(1));
    }
}
