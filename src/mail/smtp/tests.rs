//! The pool against a small SMTP server in the test itself, which counts
//! connections and messages and can drop a connection without a word.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use url::Url;

use super::{Endpoint, SmtpPool};
use crate::mail::transport::{Outgoing, SendError};

#[derive(Default)]
struct Counts {
    connections: AtomicUsize,
    open_now: AtomicUsize,
    most_open: AtomicUsize,
    messages: AtomicUsize,
    /// Each message's lines as received, dots unstuffed.
    received: Mutex<Vec<Vec<String>>>,
}

/// How the fake server behaves.
#[derive(Debug, Clone, Copy, Default)]
struct Behaviour {
    /// Closes a connection silently after this many messages on it, as a
    /// server does with a client idle too long.
    close_after: Option<usize>,
    /// Offers PIPELINING, and then answers MAIL and RCPT only once DATA has
    /// come too: a client that waits for each reply waits forever.
    pipelining: bool,
    /// Answers DATA with 354 even when no recipient was accepted, against
    /// RFC 5321 (a client that pipelined must not send the message then).
    data_without_recipients: bool,
}

/// A server that demands pipelining, otherwise well behaved.
fn pipelining() -> Behaviour {
    Behaviour {
        pipelining: true,
        ..Behaviour::default()
    }
}

/// Accepts everything but recipients whose address starts with `refused`.
async fn fake_server(behaviour: Behaviour) -> (Url, Arc<Counts>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("address").port();
    let counts = Arc::new(Counts::default());
    let shared = counts.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let counts = shared.clone();
            tokio::spawn(async move {
                counts.connections.fetch_add(1, Ordering::SeqCst);
                let now = counts.open_now.fetch_add(1, Ordering::SeqCst) + 1;
                counts.most_open.fetch_max(now, Ordering::SeqCst);
                let _ = session(socket, &counts, behaviour).await;
                counts.open_now.fetch_sub(1, Ordering::SeqCst);
            });
        }
    });
    let url = Url::parse(&format!("smtp://127.0.0.1:{port}")).expect("URL");
    (url, counts)
}

async fn session(
    socket: tokio::net::TcpStream,
    counts: &Counts,
    behaviour: Behaviour,
) -> std::io::Result<()> {
    let (read, mut write) = socket.into_split();
    let mut lines = BufReader::new(read).lines();
    write.write_all(b"220 fake ESMTP\r\n").await?;
    let mut here = 0;
    let mut data: Option<Vec<String>> = None;
    let mut recipients = 0;
    // Replies held back until DATA, when pipelining.
    let mut held = String::new();
    while let Some(line) = lines.next_line().await? {
        if let Some(mut message) = data.take() {
            if line != "." {
                message.push(line.strip_prefix('.').map_or(line.clone(), str::to_owned));
                data = Some(message);
                continue;
            }
            here += 1;
            counts.messages.fetch_add(1, Ordering::SeqCst);
            counts.received.lock().expect("lock").push(message);
            write.write_all(b"250 2.0.0 queued\r\n").await?;
            if behaviour.close_after == Some(here) {
                return Ok(());
            }
            continue;
        }
        let verb = line.get(..4).unwrap_or_default().to_ascii_uppercase();
        let reply = match verb.as_str() {
            "EHLO" if behaviour.pipelining => "250-fake\r\n250-PIPELINING\r\n250 8BITMIME\r\n",
            "EHLO" => "250-fake\r\n250 8BITMIME\r\n",
            "MAIL" => {
                recipients = 0;
                "250 OK\r\n"
            }
            "RCPT" if line.to_ascii_lowercase().contains("<refused") => {
                "550 5.1.1 no such user\r\n"
            }
            "RCPT" => {
                recipients += 1;
                "250 OK\r\n"
            }
            "DATA" if recipients == 0 && !behaviour.data_without_recipients => {
                "554 5.5.1 no valid recipients\r\n"
            }
            "DATA" => {
                data = Some(Vec::new());
                "354 go on\r\n"
            }
            "QUIT" => {
                write.write_all(b"221 bye\r\n").await?;
                return Ok(());
            }
            _ => "250 OK\r\n",
        };
        held.push_str(reply);
        if !(behaviour.pipelining && matches!(verb.as_str(), "MAIL" | "RCPT")) {
            write
                .write_all(std::mem::take(&mut held).as_bytes())
                .await?;
        }
    }
    Ok(())
}

fn message(n: usize) -> lettre::Message {
    lettre::Message::builder()
        .from("convene@example.org".parse().expect("from"))
        .to(format!("c{n}@mission.example").parse().expect("to"))
        .subject("Test")
        .body(format!("Message {n}\n"))
        .expect("message")
}

fn pool(url: &Url, size: usize) -> Arc<SmtpPool> {
    Arc::new(SmtpPool::new(
        Endpoint::from_url(url, &url::Host::Domain("convene.example.org")).expect("endpoint"),
        size,
    ))
}

#[tokio::test]
async fn many_sends_at_once_share_at_most_size_connections() {
    let (url, counts) = fake_server(Behaviour::default()).await;
    let pool = pool(&url, 3);
    let sends = (0..60).map(|n| {
        let pool = pool.clone();
        tokio::spawn(async move { pool.send(&(&message(n)).into()).await })
    });
    for send in futures_util::future::join_all(sends).await {
        assert_eq!(send.expect("task"), Ok(()));
    }
    assert_eq!(counts.messages.load(Ordering::SeqCst), 60);
    assert!(counts.most_open.load(Ordering::SeqCst) <= 3);
    assert!(counts.connections.load(Ordering::SeqCst) <= 3);
}

#[tokio::test]
async fn a_connection_carries_at_most_a_hundred_messages() {
    let (url, counts) = fake_server(Behaviour::default()).await;
    let pool = pool(&url, 1);
    for n in 0..250 {
        assert_eq!(pool.send(&(&message(n)).into()).await, Ok(()));
    }
    assert_eq!(counts.messages.load(Ordering::SeqCst), 250);
    assert_eq!(counts.connections.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn a_reused_connection_the_server_closed_is_replaced_and_the_message_sent_once() {
    let (url, counts) = fake_server(Behaviour {
        close_after: Some(2),
        ..Behaviour::default()
    })
    .await;
    let pool = pool(&url, 1);
    for n in 0..5 {
        assert_eq!(
            pool.send(&(&message(n)).into()).await,
            Ok(()),
            "message {n}"
        );
    }
    assert_eq!(counts.messages.load(Ordering::SeqCst), 5);
    assert_eq!(counts.connections.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn no_server_is_a_temporary_failure() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let url = Url::parse(&format!("smtp://127.0.0.1:{port}")).expect("URL");
    match pool(&url, 1).send(&(&message(0)).into()).await {
        Err(SendError::Transient { code: None, reply }) => {
            assert!(reply.starts_with("Connection error"), "{reply}")
        }
        other => panic!("expected a temporary failure, got {other:?}"),
    }
}

fn to(address: &str, body: &str) -> Outgoing {
    let message = lettre::Message::builder()
        .from("convene@example.org".parse().expect("from"))
        .to(address.parse().expect("to"))
        .subject("Test")
        .body(body.to_owned())
        .expect("message");
    (&message).into()
}

/// Fails the test rather than hang it when the client waits for a reply the
/// server holds back.
async fn send_soon(pool: &SmtpPool, message: &Outgoing) -> Result<(), SendError> {
    tokio::time::timeout(std::time::Duration::from_secs(10), pool.send(message))
        .await
        .expect("the client sent the whole envelope without waiting for replies")
}

#[tokio::test]
async fn to_a_pipelining_server_the_envelope_goes_in_one_write() {
    let (url, counts) = fake_server(pipelining()).await;
    let pool = pool(&url, 1);
    for n in 0..5 {
        let message = to(&format!("c{n}@mission.example"), "Hello\n");
        assert_eq!(send_soon(&pool, &message).await, Ok(()), "message {n}");
    }
    assert_eq!(counts.messages.load(Ordering::SeqCst), 5);
    assert_eq!(counts.connections.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_refused_recipient_in_a_pipelined_envelope_leaves_the_connection_usable() {
    let (url, counts) = fake_server(pipelining()).await;
    let pool = pool(&url, 1);
    match send_soon(&pool, &to("refused@mission.example", "Hello\n")).await {
        Err(SendError::Permanent {
            code: Some(550),
            reply,
        }) => assert!(reply.contains("no such user"), "{reply}"),
        other => panic!("expected the recipient's refusal, got {other:?}"),
    }
    assert_eq!(
        send_soon(&pool, &to("ana@mission.example", "Hello\n")).await,
        Ok(())
    );
    assert_eq!(counts.messages.load(Ordering::SeqCst), 1);
    assert_eq!(
        counts.connections.load(Ordering::SeqCst),
        1,
        "the same connection"
    );
}

#[tokio::test]
async fn a_data_accepted_after_a_refusal_sends_nothing_and_drops_the_connection() {
    let (url, counts) = fake_server(Behaviour {
        data_without_recipients: true,
        ..pipelining()
    })
    .await;
    let pool = pool(&url, 1);
    assert!(matches!(
        send_soon(&pool, &to("refused@mission.example", "Hello\n")).await,
        Err(SendError::Permanent {
            code: Some(550),
            ..
        })
    ));
    assert_eq!(
        send_soon(&pool, &to("ana@mission.example", "Hello\n")).await,
        Ok(())
    );
    assert_eq!(
        counts.messages.load(Ordering::SeqCst),
        1,
        "no empty message"
    );
    assert_eq!(
        counts.connections.load(Ordering::SeqCst),
        2,
        "a new connection"
    );
}

#[tokio::test]
async fn lines_that_start_with_a_dot_arrive_whole_both_ways() {
    let body = ".hidden\n..two dots\n.\nend\n";
    for pipelining in [false, true] {
        let (url, counts) = fake_server(Behaviour {
            pipelining,
            ..Behaviour::default()
        })
        .await;
        let message = to("ana@mission.example", body);
        assert_eq!(send_soon(&pool(&url, 1), &message).await, Ok(()));
        let sent = String::from_utf8(message.bytes.clone()).expect("UTF-8");
        // The message ends with CR LF, and the CR LF before the final dot
        // belongs to the end marker: one empty line after the last.
        let expected: Vec<String> = sent.split("\r\n").map(str::to_owned).collect();
        let received = counts.received.lock().expect("lock").clone();
        assert_eq!(received, vec![expected], "pipelining {pipelining}");
    }
}
