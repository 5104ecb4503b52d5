//! Group commit for coordinators' saves. A save is durable only once its
//! transaction is committed (SQLite runs `synchronous=FULL`; PostgreSQL's
//! default `synchronous_commit=on`), and a commit costs a flush to disk. So
//! one thread takes the saves that are waiting, writes them all in one
//! transaction ([`save_batch`]), commits once, and only then tells each
//! request its version: many saves for the price of one flush, and none
//! acknowledged before it is on disk. Under no load a batch holds one save
//! and waits for nothing.
//!
//! If a batch fails as a whole (a database error), each of its saves is tried
//! again alone, so one bad save cannot sink the others and each request gets
//! its own error.

use std::panic::{AssertUnwindSafe, catch_unwind};

use tokio::sync::{mpsc, oneshot};

use super::{Save, save_batch, save_one};
use crate::db::DbPool;
use crate::db::consultation::ConsultationError;

/// The most saves written in one transaction.
const MAX_BATCH: usize = 256;
/// Saves waiting for the writer before new ones wait to be queued.
const QUEUE: usize = 4096;

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error(transparent)]
    Refused(#[from] ConsultationError),
    #[error("no database connection: {0}")]
    Unavailable(String),
    #[error("the answer writer has stopped")]
    Stopped,
}

struct Job {
    save: Save,
    reply: oneshot::Sender<Result<i32, SaveError>>,
}

/// The handle requests save through; cheap to clone. The writer thread ends
/// when the last handle is dropped.
#[derive(Clone)]
pub struct AnswerSaver {
    queue: mpsc::Sender<Job>,
}

impl AnswerSaver {
    /// Starts the writer thread on `pool`.
    pub fn start(pool: DbPool) -> std::io::Result<AnswerSaver> {
        let (queue, jobs) = mpsc::channel(QUEUE);
        std::thread::Builder::new()
            .name("answer-writer".into())
            .spawn(move || write_loop(&pool, jobs))?;
        Ok(AnswerSaver { queue })
    }

    /// Saves one answer; resolves with its version once committed.
    pub async fn save(&self, save: Save) -> Result<i32, SaveError> {
        let (reply, answer) = oneshot::channel();
        self.queue
            .send(Job { save, reply })
            .await
            .map_err(|_| SaveError::Stopped)?;
        answer.await.map_err(|_| SaveError::Stopped)?
    }
}

fn write_loop(pool: &DbPool, mut jobs: mpsc::Receiver<Job>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while jobs.blocking_recv().map(|job| batch.push(job)).is_some() {
        while batch.len() < MAX_BATCH {
            match jobs.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        // A panic drops the batch's reply senders (each request then gets
        // `Stopped`, a 500); the writer carries on with the next batch.
        let jobs_now = std::mem::take(&mut batch);
        if catch_unwind(AssertUnwindSafe(|| write(pool, jobs_now))).is_err() {
            tracing::error!("the answer writer panicked; its batch was not saved");
        }
    }
}

fn write(pool: &DbPool, jobs: Vec<Job>) {
    let (saves, replies): (Vec<Save>, Vec<_>) = jobs.into_iter().map(|j| (j.save, j.reply)).unzip();
    let mut conn = match pool.get() {
        Ok(conn) => conn,
        Err(e) => {
            for reply in replies {
                let _ = reply.send(Err(SaveError::Unavailable(e.to_string())));
            }
            return;
        }
    };
    match save_batch(&mut conn, &saves) {
        Ok(outcomes) => {
            if saves.len() > 1 {
                tracing::debug!(saves = saves.len(), "answers saved in one commit");
            }
            for (reply, outcome) in replies.into_iter().zip(outcomes) {
                let _ = reply.send(outcome.map_err(SaveError::from));
            }
        }
        Err(e) if saves.len() == 1 => {
            if let Some(reply) = replies.into_iter().next() {
                let _ = reply.send(Err(e.into()));
            }
        }
        Err(_) => {
            for (save, reply) in saves.iter().zip(replies) {
                let _ = reply.send(save_one(&mut conn, save).map_err(SaveError::from));
            }
        }
    }
}
