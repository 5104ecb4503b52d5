//! At most `size` SMTP connections, in use and idle together (lettre's own
//! pool caps only the idle ones). A connection carries many messages one
//! after the other, rests idle a minute at most, and is dropped after any
//! error the server did not answer in order. After a failed connection
//! attempt the pool backs off (see `breaker`).

use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use lettre::address::Envelope;
use lettre::transport::smtp::client::AsyncSmtpConnection;
use lettre::transport::smtp::commands::{Data, Mail, Rcpt, Rset};
use lettre::transport::smtp::extension::{Extension, MailBodyParameter, MailParameter};
use tokio::sync::Semaphore;
use tokio::time::Instant;

use super::breaker::{Breaker, Resting};
use super::{Endpoint, Failure};
use crate::mail::transport::{Outgoing, SendError};

/// How long one SMTP command (the message with its final dot included) may
/// take before the attempt counts as a temporary failure.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(30);
/// Messages on one connection before it is closed and a new one opened:
/// some servers limit them, and a long-lived session ties up their resources.
const MAX_MESSAGES: u32 = 100;
/// An idle connection older than this is closed rather than reused; servers
/// commonly drop idle clients after a few minutes.
const IDLE_TIMEOUT: Duration = Duration::from_secs(60);
/// An idle connection older than this is checked with NOOP before reuse.
const CHECK_AFTER: Duration = Duration::from_secs(10);
/// How long NOOP and QUIT may take; both are courtesies, not deliveries.
const SHORT_TIMEOUT: Duration = Duration::from_secs(5);

struct Connection {
    smtp: AsyncSmtpConnection,
    sent: u32,
    /// The server takes pipelined commands (see `transact`).
    pipelining: bool,
}

struct Idle {
    connection: Connection,
    since: Instant,
}

/// An attempt that failed, whether the message had started to go out, and
/// whether replies to commands already written are still to come (the
/// connection is then out of step and cannot be used again).
struct Attempt {
    cause: Failure,
    before_body: bool,
    out_of_step: bool,
}

pub struct SmtpPool {
    endpoint: Endpoint,
    /// One permit per connection in use or being opened. A connection goes
    /// back to `idle` before its permit is released, and a new one is opened
    /// only when none is idle, so open connections never exceed the permits.
    slots: Semaphore,
    idle: Mutex<Vec<Idle>>,
    breaker: Breaker,
}

impl SmtpPool {
    pub fn new(endpoint: Endpoint, size: usize) -> SmtpPool {
        SmtpPool {
            endpoint,
            slots: Semaphore::new(size.max(1)),
            idle: Mutex::new(Vec::new()),
            breaker: Breaker::default(),
        }
    }

    pub fn describe(&self) -> String {
        self.endpoint.describe()
    }

    /// Delivers one message. A reused connection that turns out closed before
    /// the message itself was written is replaced once by a new one; once the
    /// message has been written it is never sent again from here (the worker
    /// retries it later if the server did not accept it).
    pub async fn send(&self, message: &Outgoing) -> Result<(), SendError> {
        let (envelope, bytes) = (&message.envelope, &message.bytes);
        let Ok(_slot) = self.slots.acquire().await else {
            return Err(SendError::Transient {
                code: None,
                reply: "the SMTP pool is closed".to_owned(),
            });
        };
        let (mut connection, reused) = match self.check_out().await {
            Some(connection) => (connection, true),
            None => (self.open().await?, false),
        };
        let mut result = transact(&mut connection, envelope, bytes).await;
        if let Err(attempt) = &result
            && reused
            && attempt.before_body
            && attempt.cause.connection_lost()
        {
            tracing::debug!(server = %self.describe(), "a reused SMTP connection was closed; trying a new one");
            connection = self.open().await?;
            result = transact(&mut connection, envelope, bytes).await;
        }
        match result {
            Ok(()) => {
                connection.sent += 1;
                self.check_in(connection).await;
                Ok(())
            }
            Err(attempt) => {
                if !attempt.out_of_step {
                    self.after_failure(connection, &attempt.cause).await;
                }
                Err(attempt.cause.into())
            }
        }
    }

    /// Closes the connections idle for longer than the idle timeout.
    pub async fn close_idle(&self) {
        let stale: Vec<Idle> = {
            let mut idle = self.idle();
            let (stale, fresh) = idle
                .drain(..)
                .partition(|i| i.since.elapsed() >= IDLE_TIMEOUT);
            *idle = fresh;
            stale
        };
        for old in stale {
            quit(old.connection).await;
        }
    }

    /// Says QUIT on every idle connection.
    pub async fn shutdown(&self) {
        let all: Vec<Idle> = self.idle().drain(..).collect();
        futures_util::future::join_all(all.into_iter().map(|i| quit(i.connection))).await;
    }

    fn idle(&self) -> MutexGuard<'_, Vec<Idle>> {
        self.idle
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// While the pool rests from a server that could not be reached: until
    /// when, and what the last attempt said.
    pub fn resting(&self) -> Option<Resting> {
        self.breaker.resting()
    }

    /// A new connection, unless the server is being left alone after a
    /// failure: then the message is deferred without an attempt.
    async fn open(&self) -> Result<Connection, SendError> {
        let _admission = self
            .breaker
            .admit()
            .await
            .map_err(|resting| SendError::Deferred {
                wait: resting.until.saturating_duration_since(Instant::now()),
                reply: resting.reply,
            })?;
        match self.endpoint.open().await {
            Ok(opened) => {
                self.breaker.succeeded(&self.describe());
                Ok(Connection {
                    smtp: opened.smtp,
                    sent: 0,
                    pipelining: opened.pipelining,
                })
            }
            Err(failure) => {
                let error = SendError::from(failure);
                if let SendError::Transient { reply, .. } = &error {
                    self.breaker.failed(reply, &self.describe());
                }
                Err(error)
            }
        }
    }

    /// The most recently used idle connection that is still fit for use.
    async fn check_out(&self) -> Option<Connection> {
        loop {
            let idle = self.idle().pop()?;
            let rested = idle.since.elapsed();
            let mut connection = idle.connection;
            if rested >= IDLE_TIMEOUT {
                continue;
            }
            if rested >= CHECK_AFTER
                && !matches!(
                    tokio::time::timeout(SHORT_TIMEOUT, connection.smtp.test_connected()).await,
                    Ok(true)
                )
            {
                continue;
            }
            return Some(connection);
        }
    }

    async fn check_in(&self, connection: Connection) {
        if connection.sent >= MAX_MESSAGES {
            quit(connection).await;
        } else {
            self.idle().push(Idle {
                connection,
                since: Instant::now(),
            });
        }
    }

    /// Keeps a connection whose server answered in order (after `RSET`, so
    /// that no half transaction is left); drops any other.
    async fn after_failure(&self, mut connection: Connection, cause: &Failure) {
        let usable = match cause {
            Failure::Refused(_) => true,
            cause if cause.server_replied() => matches!(
                tokio::time::timeout(SHORT_TIMEOUT, connection.smtp.command(Rset)).await,
                Ok(Ok(_))
            ),
            _ => false,
        };
        if usable {
            self.check_in(connection).await;
        }
    }
}

async fn quit(mut connection: Connection) {
    let _ = tokio::time::timeout(SHORT_TIMEOUT, connection.smtp.quit()).await;
}

const MAIL_REPLY: &str = "waiting for the reply to MAIL FROM";
const RCPT_REPLY: &str = "waiting for the reply to RCPT TO";
const DATA_REPLY: &str = "waiting for the reply to DATA";

/// One SMTP transaction: MAIL FROM, RCPT TO, DATA, the message. lettre's
/// `send` does the same, but does not say how far it got, waits for each
/// reply before the next command, and writes the message and its final dot
/// apart. Here a server that pipelines gets the three commands in one write
/// (see `pipelined_envelope`), and every server gets the message in one.
async fn transact(
    connection: &mut Connection,
    envelope: &Envelope,
    bytes: &[u8],
) -> Result<(), Attempt> {
    let early = |cause| Attempt {
        cause,
        before_body: true,
        out_of_step: false,
    };
    let smtp = &mut connection.smtp;
    let mut parameters = Vec::new();
    if envelope
        .from()
        .into_iter()
        .chain(envelope.to())
        .any(|address| !AsRef::<str>::as_ref(address).is_ascii())
    {
        if !smtp.server_info().supports_feature(Extension::SmtpUtfEight) {
            return Err(early(Failure::Refused(
                "Envelope contains non-ascii chars but server does not support SMTPUTF8",
            )));
        }
        parameters.push(MailParameter::SmtpUtfEight);
    }
    if !bytes.is_ascii() {
        if !smtp.server_info().supports_feature(Extension::EightBitMime) {
            return Err(early(Failure::Refused(
                "Message contains non-ascii chars but server does not support 8BITMIME",
            )));
        }
        parameters.push(MailParameter::Body(MailBodyParameter::EightBitMime));
    }
    let mail = Mail::new(envelope.from().cloned(), parameters);
    let recipients: Vec<Rcpt> = envelope
        .to()
        .iter()
        .map(|to| Rcpt::new(to.clone(), Vec::new()))
        .collect();
    if connection.pipelining {
        pipelined_envelope(smtp, &mail, &recipients).await?;
    } else {
        step(MAIL_REPLY, smtp.command(mail)).await.map_err(early)?;
        for rcpt in recipients {
            step(RCPT_REPLY, smtp.command(rcpt)).await.map_err(early)?;
        }
        step(DATA_REPLY, smtp.command(Data)).await.map_err(early)?;
    }
    // `command` writes its text and reads one reply: the message with its
    // end marker goes in one write. Bytes that are not UTF-8 (never what
    // lettre builds) go through lettre's own `message`.
    let sent = match data_text(bytes) {
        Some(text) => step("sending the message", smtp.command(text)).await,
        None => step("sending the message", smtp.message(bytes)).await,
    };
    sent.map(drop).map_err(|cause| Attempt {
        cause,
        before_body: false,
        out_of_step: false,
    })
}

/// The envelope's commands in one write, then their replies in order (RFC
/// 2920; DATA ends the group, since the message must wait for its 354). The
/// first refusal is the attempt's cause; the replies after it are still
/// read, so that the connection stays in step and can go on after RSET. A
/// connection lost or timed out on the way, or a DATA accepted after a
/// refusal (the server would wait for a message that is not coming), leaves
/// the connection out of step: it is dropped, which ends the transaction.
async fn pipelined_envelope(
    smtp: &mut AsyncSmtpConnection,
    mail: &Mail,
    recipients: &[Rcpt],
) -> Result<(), Attempt> {
    let mut group = mail.to_string();
    for rcpt in recipients {
        group.push_str(&rcpt.to_string());
    }
    group.push_str(&Data.to_string());
    let last = recipients.len() + 1;
    let mut refusal: Option<Failure> = None;
    for reply in 0..=last {
        let what = match reply {
            0 => MAIL_REPLY,
            n if n == last => DATA_REPLY,
            _ => RCPT_REPLY,
        };
        let answer = if reply == 0 {
            step(what, smtp.command(&group)).await
        } else {
            step(what, smtp.read_response()).await
        };
        match answer {
            Ok(_) => {
                if reply == last
                    && let Some(cause) = refusal.take()
                {
                    return Err(Attempt {
                        cause,
                        before_body: true,
                        out_of_step: true,
                    });
                }
            }
            Err(cause) if cause.server_replied() => {
                refusal.get_or_insert(cause);
            }
            Err(cause) => {
                return Err(Attempt {
                    cause: refusal.unwrap_or(cause),
                    before_body: true,
                    out_of_step: true,
                });
            }
        }
    }
    match refusal {
        None => Ok(()),
        Some(cause) => Err(Attempt {
            cause,
            before_body: true,
            out_of_step: false,
        }),
    }
}

/// The message as DATA carries it (RFC 5321 4.5.2): a dot doubled at the
/// start of every line, and the end marker after it. lettre's encoder starts
/// a line only after CR LF; here after any LF too, so that no server that
/// ends lines at a bare LF could take a line of the message for the end.
/// `None` when the bytes are not UTF-8.
fn data_text(bytes: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(bytes).ok()?;
    let mut data = String::with_capacity(text.len() + 64);
    for line in text.split_inclusive('\n') {
        if line.starts_with('.') {
            data.push('.');
        }
        data.push_str(line);
    }
    data.push_str("\r\n.\r\n");
    Some(data)
}

async fn step<T>(
    what: &'static str,
    command: impl Future<Output = Result<T, lettre::transport::smtp::Error>>,
) -> Result<T, Failure> {
    tokio::time::timeout(COMMAND_TIMEOUT, command)
        .await
        .map_err(|_| Failure::TimedOut(what))?
        .map_err(Failure::Smtp)
}
