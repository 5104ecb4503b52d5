//! Where messages go: an SMTP server (our pool of connections, see
//! `mail::smtp`) when `SMTP_URL` is set, otherwise `.eml` files in the mail
//! folder so that convene runs out of the box. Failures are sorted into those
//! worth retrying and those not.

use std::path::{Path, PathBuf};

use super::smtp::{Endpoint, SmtpPool};
use crate::config::Settings;

pub enum Transport {
    Smtp(Box<SmtpPool>),
    Files(PathBuf),
}

/// Why a message was not delivered. `reply` is the server's reply (code and
/// text) or a description of what failed; it never holds the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendError {
    /// 4xx replies, connection errors, timeouts: try again later.
    Transient { code: Option<u16>, reply: String },
    /// 5xx replies and messages the client itself refuses: retrying will not help.
    Permanent { code: Option<u16>, reply: String },
    /// Not attempted: the server could not be reached a moment ago and is
    /// left alone for `wait`; `reply` is what the last attempt said.
    Deferred {
        wait: std::time::Duration,
        reply: String,
    },
}

/// A message ready for the wire: its envelope and its bytes as the server
/// receives them. Building them (templates, calendar, MIME encoding) is the
/// CPU-heavy part of a send, so the worker does it on a blocking thread and
/// hands the transport only this.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub envelope: lettre::address::Envelope,
    pub bytes: Vec<u8>,
}

impl From<&lettre::Message> for Outgoing {
    fn from(message: &lettre::Message) -> Outgoing {
        Outgoing {
            envelope: message.envelope().clone(),
            bytes: message.formatted(),
        }
    }
}

impl SendError {
    pub fn code(&self) -> Option<u16> {
        match self {
            SendError::Transient { code, .. } | SendError::Permanent { code, .. } => *code,
            SendError::Deferred { .. } => None,
        }
    }

    pub fn reply(&self) -> &str {
        match self {
            SendError::Transient { reply, .. }
            | SendError::Permanent { reply, .. }
            | SendError::Deferred { reply, .. } => reply,
        }
    }
}

impl Transport {
    /// The transport the settings ask for. `SMTP_URL` follows lettre's rules:
    /// `smtp://host:port` is plain SMTP, `?tls=required` or `?tls=opportunistic`
    /// adds STARTTLS, `smtps://` is TLS from the first byte. At most as many
    /// connections are open as messages are sent at once.
    pub fn from_settings(settings: &Settings) -> anyhow::Result<Transport> {
        match &settings.smtp_url {
            None => Ok(Transport::Files(settings.mail_dir.clone())),
            Some(url) => {
                let our_host = settings
                    .base_url
                    .host()
                    .ok_or_else(|| anyhow::anyhow!("CONVENE_BASE_URL names no host"))?;
                let endpoint = Endpoint::from_url(url, &our_host)
                    .map_err(|problem| anyhow::anyhow!("SMTP_URL: {problem}"))?;
                Ok(Transport::Smtp(Box::new(SmtpPool::new(
                    endpoint,
                    settings.mail.concurrency,
                ))))
            }
        }
    }

    /// For the log: where mail goes, without credentials.
    pub fn describe(&self) -> String {
        match self {
            Transport::Smtp(pool) => pool.describe(),
            Transport::Files(dir) => format!("files in {}", dir.display()),
        }
    }

    /// While no connection is tried because the SMTP server could not be
    /// reached: when the next may be.
    pub fn resting_until(&self) -> Option<tokio::time::Instant> {
        match self {
            Transport::Smtp(pool) => pool.resting().map(|resting| resting.until),
            Transport::Files(_) => None,
        }
    }

    /// Closes SMTP connections that have been idle too long.
    pub async fn tidy(&self) {
        if let Transport::Smtp(pool) = self {
            pool.close_idle().await;
        }
    }

    /// Says goodbye to the SMTP server on every idle connection.
    pub async fn shutdown(&self) {
        if let Transport::Smtp(pool) = self {
            pool.shutdown().await;
        }
    }

    /// Delivers one message; `id` is its outbox row, which names the file.
    pub async fn send(&self, id: i64, message: Outgoing) -> Result<(), SendError> {
        match self {
            Transport::Smtp(pool) => pool.send(&message).await,
            Transport::Files(dir) => {
                let dir = dir.clone();
                tokio::task::spawn_blocking(move || write_eml(&dir, id, &message.bytes))
                    .await
                    .map_err(|e| SendError::Transient {
                        code: None,
                        reply: format!("file writer stopped: {e}"),
                    })?
                    .map_err(|e| SendError::Transient {
                        code: None,
                        reply: format!("cannot write the .eml file: {e}"),
                    })
            }
        }
    }
}

/// The file a row is written to.
pub fn eml_path(dir: &Path, id: i64) -> PathBuf {
    dir.join(format!("outbox-{id}.eml"))
}

/// Writes to a temporary name and renames, so that a reader never sees half
/// a message.
fn write_eml(dir: &Path, id: i64, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    std::fs::create_dir_all(dir)?;
    let temporary = dir.join(format!(".outbox-{id}.eml.tmp"));
    let mut file = std::fs::File::create(&temporary)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&temporary, eml_path(dir, id))
}
