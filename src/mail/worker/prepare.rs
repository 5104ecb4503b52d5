//! Composition off the async threads. Turning a row into the bytes a server
//! receives (opening its sealed token, the templates, the calendar file,
//! the MIME encoding) is most of a send's CPU; done inside the send task it
//! all ran on the runtime's threads, and under `serve` that is actix's one
//! thread. Here each message is built on a blocking thread, at most one per
//! core at a time, while the sends' network I/O stays on the runtime.

use std::sync::Arc;

use tokio::sync::Semaphore;

use super::Worker;
use crate::config::Settings;
use crate::db::outbox::Message;
use crate::domain::seal::SealKey;
use crate::mail::MailError;
use crate::mail::compose::compose;
use crate::mail::transport::Outgoing;

/// How many messages are built at once: one per core. More would only
/// queue on the cores; the number waiting is bounded by the worker's
/// concurrency, since a message is built after it has its send slot.
#[derive(Clone)]
pub(super) struct Builders(Arc<Semaphore>);

impl Builders {
    pub(super) fn new(cores: usize) -> Builders {
        Builders(Arc::new(Semaphore::new(cores.max(1))))
    }

    /// One per core this process may use.
    pub(super) fn per_core() -> Builders {
        Builders::new(std::thread::available_parallelism().map_or(1, |n| n.get()))
    }
}

impl Worker {
    /// Builds `row`'s message on a blocking thread. A build that panics
    /// fails the row like an invalid one (with the panic as its reason)
    /// rather than leaving it claimed.
    pub(super) async fn prepare(&self, row: Arc<Message>) -> Result<Outgoing, MailError> {
        let Ok(_turn) = self.builders.0.acquire().await else {
            return Err(MailError::Build("the message builders are closed".into()));
        };
        let (seal, settings) = (self.seal.clone(), self.settings.clone());
        let id = row.id;
        tokio::task::spawn_blocking(move || build(&row, &seal, &settings))
            .await
            .unwrap_or_else(|error| {
                tracing::error!(id, %error, "building a message failed unexpectedly");
                Err(MailError::Build(format!(
                    "it stopped unexpectedly: {error}"
                )))
            })
    }
}

/// The row's message, encoded for the wire.
fn build(row: &Message, seal: &SealKey, settings: &Settings) -> Result<Outgoing, MailError> {
    let secret = match &row.sealed_secret {
        Some(sealed) => Some(seal.open(sealed).ok_or(MailError::MissingSecret)?),
        None => None,
    };
    let email = compose(row, secret.as_deref(), settings)?;
    Ok(Outgoing::from(&email))
}
