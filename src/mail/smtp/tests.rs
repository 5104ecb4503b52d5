//! The pool against a small SMTP server in the test itself, which counts
//! connections and messages and can drop a connection without a word.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use url::Url;

use super::{Endpoint, SmtpPool};
use crate::mail::transport::SendError;

#[derive(Default)]
struct Counts {
    connections: AtomicUsize,
    open_now: AtomicUsize,
    most_open: AtomicUsize,
    messages: AtomicUsize,
}

/// Accepts everything; closes a connection silently after `close_after`
/// messages on it, as a server does with a client idle too long.
async fn fake_server(close_after: Option<usize>) -> (Url, Arc<Counts>) {
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
                let _ = session(socket, &counts, close_after).await;
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
    close_after: Option<usize>,
) -> std::io::Result<()> {
    let (read, mut write) = socket.into_split();
    let mut lines = BufReader::new(read).lines();
    write.write_all(b"220 fake ESMTP\r\n").await?;
    let mut here = 0;
    let mut in_data = false;
    while let Some(line) = lines.next_line().await? {
        if in_data {
            if line == "." {
                in_data = false;
                here += 1;
                counts.messages.fetch_add(1, Ordering::SeqCst);
                write.write_all(b"250 2.0.0 queued\r\n").await?;
                if close_after == Some(here) {
                    return Ok(());
                }
            }
            continue;
        }
        let verb = line.get(..4).unwrap_or_default().to_ascii_uppercase();
        let reply: &[u8] = match verb.as_str() {
            "EHLO" => b"250-fake\r\n250 8BITMIME\r\n",
            "DATA" => {
                in_data = true;
                b"354 go on\r\n"
            }
            "QUIT" => {
                write.write_all(b"221 bye\r\n").await?;
                return Ok(());
            }
            _ => b"250 OK\r\n",
        };
        write.write_all(reply).await?;
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
    let (url, counts) = fake_server(None).await;
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
    let (url, counts) = fake_server(None).await;
    let pool = pool(&url, 1);
    for n in 0..250 {
        assert_eq!(pool.send(&(&message(n)).into()).await, Ok(()));
    }
    assert_eq!(counts.messages.load(Ordering::SeqCst), 250);
    assert_eq!(counts.connections.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn a_reused_connection_the_server_closed_is_replaced_and_the_message_sent_once() {
    let (url, counts) = fake_server(Some(2)).await;
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
