//! `convene outbox …`: run the worker alone, see the queue, pause and resume.

use std::sync::Arc;

use anyhow::Context;

use crate::config::Settings;
use crate::db::audit::Actor;
use crate::db::outbox::{self, PauseScope};
use crate::mail::worker::Worker;
use crate::startup::{instance_secret, prepare_database};

/// `convene outbox run`: the worker without the web server, until SIGINT or
/// SIGTERM. Any number may run beside `serve` on one database.
pub fn run(settings: Settings) -> anyhow::Result<String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async move {
        let pool = prepare_database(&settings)?;
        let secret = instance_secret(&settings, &pool)?;
        let seal = crate::domain::seal::SealKey::derive(&secret);
        let worker = Worker::new(pool, Arc::new(settings), seal)?;
        let running = worker.spawn();
        stop_signal().await;
        running.stop().await;
        Ok("outbox worker stopped".to_owned())
    })
}

async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

fn scope(meeting: Option<i64>) -> PauseScope {
    meeting.map_or(PauseScope::All, PauseScope::Meeting)
}

/// Failures `convene outbox status` lists.
const LISTED: i64 = 20;

/// `convene outbox status`: counts, pauses, messages waiting to retry and
/// the latest failures.
pub fn status(settings: &Settings, meeting: Option<i64>) -> anyhow::Result<String> {
    let pool = prepare_database(settings)?;
    let mut conn = pool.get()?;
    let counts = outbox::counts(&mut conn, meeting)?;
    let mut out = format!(
        "queued {}\tsending {}\tsent {}\tfailed {}\n",
        counts.queued, counts.sending, counts.sent, counts.failed
    );
    if outbox::is_paused(&mut conn, PauseScope::All)? {
        out.push_str("sending is paused (convene outbox resume)\n");
    } else if let Some(id) = meeting
        && outbox::is_paused(&mut conn, PauseScope::Meeting(id))?
    {
        out.push_str(&format!("sending is paused for meeting {id}\n"));
    }
    let waiting = outbox::waiting(&mut conn, meeting, None)?;
    if waiting.count > 0 {
        out.push_str(&format!(
            "waiting to retry {}\tlast reply {}\tnext attempt at {} UTC\n",
            waiting.count,
            waiting.last_reply.as_deref().unwrap_or(""),
            waiting
                .next_attempt_at
                .map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string())
                .unwrap_or_default()
        ));
    }
    let failures = outbox::failures(&mut conn, meeting, LISTED)?;
    let more = counts.failed - failures.len() as i64;
    for row in failures {
        out.push_str(&format!(
            "failed #{}\t{}\t{}\t{}\n",
            row.id,
            row.kind,
            row.recipient_email,
            row.last_error.as_deref().unwrap_or("")
        ));
    }
    if more > 0 {
        out.push_str(&format!("… and {more} more failed\n"));
    }
    Ok(out.trim_end().to_owned())
}

/// `convene outbox pause`.
pub fn pause(settings: &Settings, meeting: Option<i64>) -> anyhow::Result<String> {
    let pool = prepare_database(settings)?;
    let mut conn = pool.get()?;
    let scope = scope(meeting);
    Ok(if outbox::pause(&mut conn, scope, &Actor::System)? {
        format!("paused sending ({})", scope.key())
    } else {
        format!("sending was already paused ({})", scope.key())
    })
}

/// `convene outbox resume`.
pub fn resume(settings: &Settings, meeting: Option<i64>) -> anyhow::Result<String> {
    let pool = prepare_database(settings)?;
    let mut conn = pool.get()?;
    let scope = scope(meeting);
    Ok(if outbox::resume(&mut conn, scope, &Actor::System)? {
        format!("resumed sending ({})", scope.key())
    } else {
        format!("sending was not paused ({})", scope.key())
    })
}
