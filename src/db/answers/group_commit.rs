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
//!
//! A coordinator's form is handed over as it was submitted ([`AnswerSaver::
//! submit`]): a reader thread opens the links of the whole batch in one
//! query and each meeting once, checks and parses each answer, and hands the
//! saves to the writer thread, which commits them. On PostgreSQL the two work
//! side by side: while one batch is written and committed the next is read,
//! so the database and the threads wait on each other less (a batch's reads
//! and writes are a dozen round trips, each an idle moment for one side:
//! half the machine was idle under a save load; 3 to 18 % more saves a
//! second). On SQLite, where reads and writes are work in this process, not
//! waits, one thread does both: a second only added handoffs (7 % fewer
//! saves a second on one core). So a save
//! costs the request no trip of its own to the database (each trip is a hop
//! to a blocking thread and back, measured at a fifth of a save's CPU on one
//! core), and a batch of saves for one meeting reads that meeting once.

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

use tokio::sync::{mpsc, oneshot};

use super::{Save, save_batch, save_one};
use crate::db::consultation::{self, ConsultationError, LinkRefusal};
use crate::db::meetings::{self, Meeting};
use crate::db::{Backend, DbConnection, DbPool, now};
use crate::domain::answer::{Answer, AnswerInput};
use crate::domain::meeting::FieldErrors;
use crate::domain::token;

/// The most saves written in one transaction.
const MAX_BATCH: usize = 256;
/// Saves waiting for the reader before new ones wait to be queued.
const QUEUE: usize = 4096;
/// Batches read and waiting for the writer before the reader waits.
const RESOLVED: usize = 4;

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error(transparent)]
    Refused(#[from] ConsultationError),
    #[error("the personal link opens nothing: {0:?}")]
    Link(LinkRefusal),
    #[error("the consultation takes no more answers")]
    Closed,
    /// The answer as submitted, given back with what is wrong in it.
    #[error("the answer is incomplete or invalid")]
    Invalid(Box<(FieldErrors, AnswerInput)>),
    #[error("no database connection: {0}")]
    Unavailable(String),
    #[error("the answer writer has stopped")]
    Stopped,
}

/// A form as a coordinator submitted it through their personal link.
struct Submission {
    token: String,
    input: AnswerInput,
}

enum Work {
    Save(Save),
    Submit(Submission),
}

struct Job {
    work: Work,
    reply: oneshot::Sender<Result<i32, SaveError>>,
}

/// The handle requests save through; cheap to clone. The writer thread ends
/// when the last handle is dropped.
#[derive(Clone)]
pub struct AnswerSaver {
    queue: mpsc::Sender<Job>,
}

impl AnswerSaver {
    /// Starts the reader and writer threads on `pool`, a pool of `backend`.
    pub fn start(pool: DbPool, backend: Backend) -> std::io::Result<AnswerSaver> {
        let (queue, jobs) = mpsc::channel(QUEUE);
        let reading = pool.clone();
        if backend == Backend::Sqlite {
            std::thread::Builder::new()
                .name("answer-writer".into())
                .spawn(move || {
                    read_loop(&reading, jobs, |saves| {
                        write_caught(&pool, saves);
                        true
                    });
                })?;
        } else {
            let (resolved, to_write) = std::sync::mpsc::sync_channel(RESOLVED);
            std::thread::Builder::new()
                .name("answer-reader".into())
                .spawn(move || read_loop(&reading, jobs, |saves| resolved.send(saves).is_ok()))?;
            std::thread::Builder::new()
                .name("answer-writer".into())
                .spawn(move || write_loop(&pool, &to_write))?;
        }
        Ok(AnswerSaver { queue })
    }

    /// Saves one answer; resolves with its version once committed.
    pub async fn save(&self, save: Save) -> Result<i32, SaveError> {
        self.send(Work::Save(save)).await
    }

    /// Saves the answer a coordinator submitted through the link `token`:
    /// the link must open, its meeting take answers and the answer be
    /// complete and valid; resolves with its version once committed.
    pub async fn submit(&self, token: String, input: AnswerInput) -> Result<i32, SaveError> {
        self.send(Work::Submit(Submission { token, input })).await
    }

    async fn send(&self, work: Work) -> Result<i32, SaveError> {
        let (reply, answer) = oneshot::channel();
        self.queue
            .send(Job { work, reply })
            .await
            .map_err(|_| SaveError::Stopped)?;
        answer.await.map_err(|_| SaveError::Stopped)?
    }
}

/// The reader: takes the submissions waiting, opens their links, checks
/// and parses them ([`resolve`]) and hands the saves on (`write`: false
/// when the writer has stopped).
fn read_loop(
    pool: &DbPool,
    mut jobs: mpsc::Receiver<Job>,
    mut write: impl FnMut(Vec<(Save, Reply)>) -> bool,
) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while jobs.blocking_recv().map(|job| batch.push(job)).is_some() {
        while batch.len() < MAX_BATCH {
            match jobs.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        // A panic drops the batch's reply senders (each request then gets
        // `Stopped`, a 500); the reader carries on with the next batch.
        let jobs_now = std::mem::take(&mut batch);
        let Ok(saves) = catch_unwind(AssertUnwindSafe(|| read(pool, jobs_now))) else {
            tracing::error!("the answer reader panicked; its batch was not saved");
            continue;
        };
        if !saves.is_empty() && !write(saves) {
            return;
        }
    }
}

/// Resolves one batch on a connection of its own, given back to the pool
/// before the saves are handed on.
fn read(pool: &DbPool, jobs: Vec<Job>) -> Vec<(Save, Reply)> {
    match pool.get() {
        Ok(mut conn) => resolve(&mut conn, jobs),
        Err(e) => {
            for job in jobs {
                let _ = job.reply.send(Err(SaveError::Unavailable(e.to_string())));
            }
            Vec::new()
        }
    }
}

/// The writer: takes every resolved save waiting and commits them together
/// ([`write`]).
fn write_loop(pool: &DbPool, batches: &std::sync::mpsc::Receiver<Vec<(Save, Reply)>>) {
    while let Ok(mut batch) = batches.recv() {
        while batch.len() < MAX_BATCH {
            match batches.try_recv() {
                Ok(more) => batch.extend(more),
                Err(_) => break,
            }
        }
        write_caught(pool, batch);
    }
}

/// Writes a batch; a panic drops its reply senders (each request then gets
/// `Stopped`, a 500) and the writer carries on with the next batch.
fn write_caught(pool: &DbPool, batch: Vec<(Save, Reply)>) {
    if catch_unwind(AssertUnwindSafe(|| write(pool, batch))).is_err() {
        tracing::error!("the answer writer panicked; its batch was not saved");
    }
}

fn write(pool: &DbPool, batch: Vec<(Save, Reply)>) {
    let (saves, replies): (Vec<Save>, Vec<Reply>) = batch.into_iter().unzip();
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

type Reply = oneshot::Sender<Result<i32, SaveError>>;

/// Turns the batch's submissions into saves, answering at once those whose
/// link, meeting or answer refuses them. The links come in one query and
/// each meeting is read once. The meeting's state is read again, locked,
/// inside the saving transaction ([`save_batch`]); this first look only
/// spares the parse and the write of an answer that cannot count.
fn resolve(conn: &mut DbConnection, jobs: Vec<Job>) -> Vec<(Save, Reply)> {
    let digests: Vec<String> = jobs
        .iter()
        .filter_map(|job| match &job.work {
            Work::Submit(s) => Some(token::digest(&s.token)),
            Work::Save(_) => None,
        })
        .collect();
    let links = if digests.is_empty() {
        Ok(BTreeMap::new())
    } else {
        consultation::links_by_digests(conn, &digests).map(|links| {
            links
                .into_iter()
                .map(|l| (l.token_hash.clone(), l))
                .collect()
        })
    };
    let links: BTreeMap<String, _> = match links {
        Ok(links) => links,
        Err(e) => {
            let mut saves = Vec::new();
            for job in jobs {
                match job.work {
                    Work::Save(save) => saves.push((save, job.reply)),
                    Work::Submit(_) => {
                        let _ = job.reply.send(Err(SaveError::Unavailable(e.to_string())));
                    }
                }
            }
            return saves;
        }
    };
    let at = now();
    let mut meetings: BTreeMap<i64, Result<Meeting, String>> = BTreeMap::new();
    let mut saves = Vec::with_capacity(jobs.len());
    for job in jobs {
        let submission = match job.work {
            Work::Save(save) => {
                saves.push((save, job.reply));
                continue;
            }
            Work::Submit(submission) => submission,
        };
        let link = match links.get(&token::digest(&submission.token)) {
            None => Err(LinkRefusal::Unknown),
            Some(link) => link.refusal(at).map_or(Ok(link), Err),
        };
        let link = match link {
            Ok(link) => link,
            Err(refusal) => {
                let _ = job.reply.send(Err(SaveError::Link(refusal)));
                continue;
            }
        };
        let meeting = meetings.entry(link.meeting_id).or_insert_with(|| {
            meetings::for_answers(conn, link.meeting_id).map_err(|e| e.to_string())
        });
        let meeting = match meeting {
            Ok(meeting) => meeting,
            Err(e) => {
                let _ = job.reply.send(Err(SaveError::Unavailable(e.clone())));
                continue;
            }
        };
        if !meeting.takes_answers(at) {
            let _ = job.reply.send(Err(SaveError::Closed));
            continue;
        }
        match Answer::parse(&submission.input, &meeting.settings) {
            Ok(answer) => saves.push((
                Save {
                    meeting_id: link.meeting_id,
                    group_id: link.group_id,
                    link_id: link.id,
                    answer,
                },
                job.reply,
            )),
            Err(errors) => {
                let _ = job.reply.send(Err(SaveError::Invalid(Box::new((
                    errors,
                    submission.input,
                )))));
            }
        }
    }
    saves
}
