//! Sending a meeting's invitations: `COUNT` recipients (default 10,000)
//! invited through the product's own path (one transaction), then every
//! invitation — text, HTML and its iCalendar request — sent by the real
//! outbox worker to an SMTP server (a sink), timed end to end.
//!
//! ```sh
//! cargo bench --bench invitation_send --no-run
//! target/release/deps/invitation_send-… smtp://127.0.0.1:2525 10000
//! ```
//!
//! `CONVENE_BENCH_CONCURRENCY` sets the messages sent at once (default 20),
//! `CONVENE_BENCH_RATE` the worker's `CONVENE_MAIL_RATE` (default its
//! maximum, so that the limit is not what is measured).
//! The worker runs on a multi-threaded runtime with a thread per core, as
//! under `convene outbox run`; `CONVENE_BENCH_RUNTIME=current_thread` runs
//! it on one thread, as under `convene serve` (actix's system thread).
//! Besides the wall time of the sending it prints the CPU time the process
//! used meanwhile (all threads, from `/proc/self/stat`), so that its CPU use
//! is that of the sending alone, not of the set-up.
//! `benches/invitations.sh` runs it against postfix's `smtp-sink` beside
//! postfix's own `smtp-source`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use convene::config::{RawSettings, Settings};
use convene::db::outbox;
use convene::domain::seal::SealKey;
use convene::mail::compose::compose;
use convene::mail::worker::Worker;

#[path = "support/invitees.rs"]
mod invitees;

const SECRET: &str = "the invitation benchmark's instance secret, long enough";
const MESSAGE_DOMAIN: &str = "convene.example.org";

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    let Some(smtp_url) = args.next() else {
        bail!("usage: invitation_send SMTP_URL [COUNT]");
    };
    let count: usize = match args.next() {
        Some(n) => n.parse().context("COUNT must be a number")?,
        None => 10_000,
    };
    let concurrency = std::env::var("CONVENE_BENCH_CONCURRENCY").unwrap_or_else(|_| "20".into());
    let rate = std::env::var("CONVENE_BENCH_RATE")
        .unwrap_or_else(|_| convene::config::MAX_MAIL_RATE.to_string());
    tracing_subscriber::fmt()
        .with_env_filter(std::env::var("CONVENE_LOG").unwrap_or_else(|_| "warn".into()))
        .with_writer(std::io::stderr)
        .init();

    let dir = tempfile::tempdir().context("temporary directory")?;
    let raw = RawSettings {
        database_url: Some(dir.path().join("bench.db").to_string_lossy().into_owned()),
        base_url: Some(format!("https://{MESSAGE_DOMAIN}/")),
        secret_key: Some(SECRET.into()),
        smtp_url: Some(smtp_url),
        mail_concurrency: Some(concurrency.clone()),
        mail_rate: Some(rate.clone()),
        outbox_poll_ms: Some("20".into()),
        reply_to: Some("WIPO Secretariat <meetings@wipo.int>".into()),
        ..RawSettings::default()
    };
    let settings = Settings::from_raw(&raw).map_err(|e| anyhow::anyhow!("{e}"))?;
    let pool = convene::startup::prepare_database(&settings)?;
    let seal = SealKey::derive(SECRET);

    let mut conn = pool.get()?;
    let (meeting, enqueue) = invitees::send_to(&mut conn, count, &seal);
    let first = outbox::for_meeting(&mut conn, meeting)?
        .pop()
        .context("an invitation")?;
    let secret = first.sealed_secret.as_deref().and_then(|s| seal.open(s));
    let sample_bytes = compose(&first, secret.as_deref(), &settings)?
        .formatted()
        .len();
    drop(conn);

    let runtime = match std::env::var("CONVENE_BENCH_RUNTIME").as_deref() {
        Ok("current_thread") => tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?,
        Ok("multi_thread") | Err(_) => tokio::runtime::Runtime::new()?,
        Ok(other) => {
            bail!("CONVENE_BENCH_RUNTIME: {other:?} is not current_thread or multi_thread")
        }
    };
    let (send, cpu) = runtime.block_on(async {
        let worker = Worker::new(pool.clone(), Arc::new(settings), seal)?;
        let cpu_before = cpu_seconds()?;
        let started = Instant::now();
        let running = worker.spawn();
        let total = i64::try_from(count)?;
        loop {
            tokio::time::sleep(Duration::from_millis(20)).await;
            // Off the runtime's threads: with one thread it would stall the worker.
            let pool = pool.clone();
            let done = tokio::task::spawn_blocking(move || -> anyhow::Result<bool> {
                let mut conn = pool.get()?;
                if let Some(failed) = outbox::failures(&mut conn, None, 1)?.first() {
                    bail!("a message failed: {:?}", failed.last_error);
                }
                if unfinished(&mut conn)? {
                    return Ok(false);
                }
                let counts = outbox::counts(&mut conn, None)?;
                Ok(counts.sent == total)
            })
            .await??;
            if done {
                break;
            }
        }
        let send = started.elapsed();
        let cpu = cpu_seconds()? - cpu_before;
        running.stop().await;
        Ok::<_, anyhow::Error>((send, cpu))
    })?;

    let per_second = count as f64 / send.as_secs_f64();
    println!("kind\tinvitation");
    println!("concurrency\t{concurrency}");
    println!("rate_limit\t{rate}");
    println!(
        "runtime\t{}",
        std::env::var("CONVENE_BENCH_RUNTIME").unwrap_or_else(|_| "multi_thread".into())
    );
    println!("messages\t{count}");
    println!("sample_message_bytes\t{sample_bytes}");
    println!("enqueue_seconds\t{:.3}", enqueue.as_secs_f64());
    println!("send_seconds\t{:.3}", send.as_secs_f64());
    println!("messages_per_second\t{per_second:.0}");
    println!("send_cpu_seconds\t{cpu:.2}");
    println!("send_cpu_percent\t{:.0}", 100.0 * cpu / send.as_secs_f64());
    Ok(())
}

/// Whether any message is still queued or being sent. Looked at every 20 ms
/// while the worker sends, so it walks the status index and stops at the
/// first such row, rather than counting every row by status (which cost 5 %
/// of the process's CPU during a sending).
fn unfinished(conn: &mut convene::db::DbConnection) -> diesel::QueryResult<bool> {
    use convene::db::schema::outbox::dsl::{outbox, status};
    use diesel::prelude::*;
    diesel::select(diesel::dsl::exists(
        outbox.filter(status.eq_any(["queued", "sending"])),
    ))
    .get_result(conn)
}

/// User and system time of the whole process so far (every thread), from
/// `/proc/self/stat` (fields 14 and 15, in clock ticks of 1/100 s on Linux).
fn cpu_seconds() -> anyhow::Result<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").context("/proc/self/stat")?;
    // The command name (field 2) may hold spaces; the rest follows its ')'.
    let after_name = stat.rsplit_once(')').context("stat format")?.1;
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |i: usize| -> anyhow::Result<f64> {
        Ok(fields.get(i).context("stat field")?.parse::<f64>()?)
    };
    // Field 14 is the 12th after the name (field 3 is index 0).
    Ok((ticks(11)? + ticks(12)?) / 100.0)
}
