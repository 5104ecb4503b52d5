//! The worker's rules, and a worker stopped in the middle of a mailing.

use super::*;
use crate::config::MailSettings;
use crate::db::outbox;

#[test]
fn backoff_doubles_from_the_base_up_to_an_hour() {
    let base = Duration::from_secs(30);
    assert_eq!(backoff(base, 1), Duration::from_secs(30));
    assert_eq!(backoff(base, 2), Duration::from_secs(60));
    assert_eq!(backoff(base, 4), Duration::from_secs(240));
    assert_eq!(backoff(base, 8), Duration::from_secs(3600));
    assert_eq!(backoff(base, 60), Duration::from_secs(3600));
}

fn mail_settings(concurrency: &str, rate: &str) -> MailSettings {
    let raw = crate::config::RawSettings {
        mail_concurrency: Some(concurrency.into()),
        mail_rate: Some(rate.into()),
        ..Default::default()
    };
    Settings::from_raw(&raw).expect("valid settings").mail
}

#[test]
fn a_claim_keeps_every_slot_busy_but_holds_at_most_a_second_of_the_rate() {
    assert_eq!(claim_size(&mail_settings("20", "10000")), 40);
    assert_eq!(claim_size(&mail_settings("4", "10")), 8);
    assert_eq!(claim_size(&mail_settings("4", "3")), 3);
    assert_eq!(claim_size(&mail_settings("64", "1")), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_worker_stopped_mid_mailing_records_what_it_sent_and_hands_back_the_rest() {
    use crate::mail::kinds::{self, CoordinatorParams};
    const SECRET: &str = "the worker tests' instance secret, long enough";
    let dir = tempfile::tempdir().expect("temporary directory");
    let raw = crate::config::RawSettings {
        database_url: Some(dir.path().join("outbox.db").to_string_lossy().into_owned()),
        mail_dir: Some(dir.path().join("mail").to_string_lossy().into_owned()),
        secret_key: Some(SECRET.into()),
        mail_concurrency: Some("1".into()),
        mail_rate: Some("10".into()),
        outbox_poll_ms: Some("20".into()),
        ..Default::default()
    };
    let settings = Settings::from_raw(&raw).expect("valid settings");
    let pool = crate::startup::prepare_database(&settings).expect("database");
    let seal = SealKey::derive(SECRET);
    let count = 12;
    for n in 0..count {
        let params = CoordinatorParams {
            meeting_title: "Informal consultation".into(),
            meeting_purpose: "To agree on dates.".into(),
            organiser: "WIPO Secretariat".into(),
            group_name: "Group B".into(),
            recipient_name: "Ana Pérez".into(),
            time_zone: "Europe/Zurich".into(),
            window_start: "2027-03-01".into(),
            window_end: "2027-03-12".into(),
            deadline_utc: "2027-01-15T17:00:00Z".into(),
        };
        let message = outbox::NewMessage {
            kind: kinds::COORDINATOR_LINK.into(),
            meeting_id: None,
            recipient_email: format!("c{n}@mission.example"),
            recipient_name: "Ana Pérez".into(),
            language: "en".into(),
            params: serde_json::to_value(params).expect("JSON"),
            sealed_secret: Some(seal.seal(Token::generate().expose())),
            dedupe_key: None,
        };
        outbox::enqueue(
            &mut pool.get().expect("connection"),
            &message,
            "example.org",
        )
        .expect("enqueue");
    }
    let worker = Worker::new(pool.clone(), Arc::new(settings), seal).expect("worker");
    let worker_id = worker.id().to_owned();
    let running = worker.spawn();
    let files = dir.path().join("mail");
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while std::fs::read_dir(&files).map_or(0, |d| d.count()) < 2 {
        assert!(std::time::Instant::now() < deadline, "nothing was sent");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    running.stop().await;

    let mut conn = pool.get().expect("connection");
    let counts = outbox::counts(&mut conn, None).expect("counts");
    let written = std::fs::read_dir(&files).expect("mail folder").count();
    assert_eq!(counts.sent as usize, written, "every delivery is recorded");
    assert!(written < count, "stopped before the end: {counts:?}");
    assert_eq!(counts.sending, 0, "nothing left under a lease: {counts:?}");
    assert_eq!(counts.sent + counts.queued, count as i64);
    for row in outbox::latest(&mut conn, 100).expect("rows") {
        if row.status == outbox::QUEUED {
            assert_eq!(row.attempts, 0);
            assert_eq!(row.claimed_by, None);
        } else {
            assert_eq!(row.claimed_by.as_deref(), Some(worker_id.as_str()));
        }
    }
}
