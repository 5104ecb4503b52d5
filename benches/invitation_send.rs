//! Sending a mailing: 10,000 messages queued in one transaction, then sent by
//! the real outbox worker to an SMTP server (a sink), timed end to end.
//!
//! ```sh
//! cargo bench --bench invitation_send --no-run
//! target/release/deps/invitation_send-… smtp://127.0.0.1:2525 10000
//! ```
//!
//! `CONVENE_BENCH_KIND` chooses the message kind: `invitation` or
//! `coordinator_link`; unset, it is `invitation` if that kind renders, else
//! `coordinator_link` (with a note on stderr). `CONVENE_BENCH_CONCURRENCY` sets the messages sent
//! at once (default 20). `benches/invitations.sh` runs it against postfix's
//! `smtp-sink` beside postfix's own `smtp-source`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use convene::config::{RawSettings, Settings};
use convene::db::outbox::{self, NewMessage};
use convene::domain::seal::SealKey;
use convene::domain::token::Token;
use convene::mail::kinds::{self, CoordinatorParams, InvitationParams};
use convene::mail::message::{Addressing, build};
use convene::mail::render::render;
use convene::mail::worker::Worker;

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
    let chosen = std::env::var("CONVENE_BENCH_KIND").ok();
    let concurrency = std::env::var("CONVENE_BENCH_CONCURRENCY").unwrap_or_else(|_| "20".into());
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
        mail_rate: Some("10000".into()),
        outbox_poll_ms: Some("20".into()),
        reply_to: Some("WIPO Secretariat <meetings@wipo.int>".into()),
        ..RawSettings::default()
    };
    let settings = Settings::from_raw(&raw).map_err(|e| anyhow::anyhow!("{e}"))?;
    let pool = convene::startup::prepare_database(&settings)?;
    let seal = SealKey::derive(SECRET);
    let (kind, sample_bytes) = match chosen {
        Some(kind) => {
            let bytes = sample(&kind, &settings, &seal)?;
            (kind, bytes)
        }
        None => match sample(kinds::INVITATION, &settings, &seal) {
            Ok(bytes) => (kinds::INVITATION.to_owned(), bytes),
            Err(error) => {
                eprintln!(
                    "invitation messages do not render yet ({error}); \
                     measuring coordinator_link messages instead"
                );
                let bytes = sample(kinds::COORDINATOR_LINK, &settings, &seal)?;
                (kinds::COORDINATOR_LINK.to_owned(), bytes)
            }
        },
    };

    let started = Instant::now();
    let mut conn = pool.get()?;
    convene::db::transaction(&mut conn, |conn| {
        for n in 0..count {
            outbox::enqueue(conn, &message(&kind, n, &seal)?, MESSAGE_DOMAIN)?;
        }
        Ok::<_, anyhow::Error>(())
    })?;
    drop(conn);
    let enqueue = started.elapsed();

    let runtime = tokio::runtime::Runtime::new()?;
    let send = runtime.block_on(async {
        let worker = Worker::new(pool.clone(), Arc::new(settings), seal)?;
        let started = Instant::now();
        let running = worker.spawn();
        let mut conn = pool.get()?;
        loop {
            tokio::time::sleep(Duration::from_millis(20)).await;
            let counts = outbox::counts(&mut conn, None)?;
            if counts.failed > 0 {
                let first = outbox::failures(&mut conn, None, 1)?;
                let reason = first.first().and_then(|m| m.last_error.clone());
                bail!("{} messages failed, e.g.: {reason:?}", counts.failed);
            }
            if counts.sent == i64::try_from(count)? {
                break;
            }
        }
        let send = started.elapsed();
        running.stop().await;
        Ok::<_, anyhow::Error>(send)
    })?;

    let rate = count as f64 / send.as_secs_f64();
    println!("kind\t{kind}");
    println!("concurrency\t{concurrency}");
    println!("messages\t{count}");
    println!("sample_message_bytes\t{sample_bytes}");
    println!("enqueue_seconds\t{:.3}", enqueue.as_secs_f64());
    println!("send_seconds\t{:.3}", send.as_secs_f64());
    println!("messages_per_second\t{rate:.0}");
    Ok(())
}

/// The size of one message of `kind` as sent (text and HTML; without parts
/// the worker may add), or why it cannot be rendered.
fn sample(kind: &str, settings: &Settings, seal: &SealKey) -> anyhow::Result<usize> {
    let queued = message(kind, 1, seal)?;
    let token = queued
        .sealed_secret
        .as_deref()
        .and_then(|sealed| seal.open(sealed));
    let rendered = render(
        kind,
        &queued.language,
        &queued.params.to_string(),
        token.as_deref(),
        settings,
    )?;
    let message_id = outbox::new_message_id(MESSAGE_DOMAIN);
    let built = build(
        Addressing {
            to_email: &queued.recipient_email,
            to_name: &queued.recipient_name,
            message_id: &message_id,
        },
        &rendered,
        &settings.mail,
        &[],
    )?;
    Ok(built.formatted().len())
}

/// Message `n` of the mailing: a different recipient each, realistic
/// parameters, a personal link's token sealed as the application seals it.
fn message(kind: &str, n: usize, seal: &SealKey) -> anyhow::Result<NewMessage> {
    let email = format!("delegate{n}@mission{}.example", n % 190);
    let name = format!("Delegate {n} of Mission {}", n % 190);
    let params = match kind {
        kinds::INVITATION => serde_json::to_value(InvitationParams {
            meeting_title: "Standing Committee on the Law of Patents, 37th session".into(),
            meeting_purpose: "To continue the work on exceptions and limitations, \
                              the quality of patents and patents and health."
                .into(),
            organiser: "WIPO Secretariat".into(),
            recipient_name: name.clone(),
            recipient_email: email.clone(),
            invitee_name: format!("Mission {}", n % 190),
            time_zone: "Europe/Zurich".into(),
            start_utc: "2027-03-01T08:00:00Z".into(),
            end_utc: "2027-03-05T16:00:00Z".into(),
            modalities: vec!["in_person".into(), "virtual".into()],
            venue: "WIPO Conference Hall, 34 chemin des Colombettes, Geneva".into(),
            ical_uid: "scp-37@convene.example.org".into(),
            sequence: 0,
            stamp_utc: "2027-01-10T09:00:00Z".into(),
            change_note: String::new(),
        })?,
        kinds::COORDINATOR_LINK => serde_json::to_value(CoordinatorParams {
            meeting_title: "Standing Committee on the Law of Patents, 37th session".into(),
            meeting_purpose: "To agree on the dates of the next session.".into(),
            organiser: "WIPO Secretariat".into(),
            group_name: format!("Group {}", n % 8),
            recipient_name: name.clone(),
            time_zone: "Europe/Zurich".into(),
            window_start: "2027-03-01".into(),
            window_end: "2027-03-12".into(),
            deadline_utc: "2027-01-15T17:00:00Z".into(),
        })?,
        other => bail!("CONVENE_BENCH_KIND: {other:?} is neither invitation nor coordinator_link"),
    };
    Ok(NewMessage {
        kind: kind.to_owned(),
        meeting_id: None,
        recipient_email: email,
        recipient_name: name,
        language: ["en", "fr", "es"][n % 3].into(),
        params,
        sealed_secret: Some(seal.seal(Token::generate().expose())),
        dedupe_key: None,
    })
}
