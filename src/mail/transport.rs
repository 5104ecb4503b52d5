//! Where messages go: an SMTP server (pooled lettre transport) when `SMTP_URL`
//! is set, otherwise `.eml` files in the mail folder so that convene runs out
//! of the box. Failures are sorted into those worth retrying and those not.

use std::path::{Path, PathBuf};
use std::time::Duration;

use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use crate::config::Settings;

/// How long one SMTP command may take before the attempt counts as a
/// temporary failure.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
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
}

impl SendError {
    pub fn code(&self) -> Option<u16> {
        match self {
            SendError::Transient { code, .. } | SendError::Permanent { code, .. } => *code,
        }
    }

    pub fn reply(&self) -> &str {
        match self {
            SendError::Transient { reply, .. } | SendError::Permanent { reply, .. } => reply,
        }
    }
}

impl Transport {
    /// The transport the settings ask for. `SMTP_URL` follows lettre's rules:
    /// `smtp://host:port` is plain SMTP, `?tls=required` or `?tls=opportunistic`
    /// adds STARTTLS, `smtps://` is TLS from the first byte. The pool keeps at
    /// most as many idle connections as messages are sent at once; the worker
    /// caps the connections in use (lettre's pool caps only idle ones).
    pub fn from_settings(settings: &Settings) -> anyhow::Result<Transport> {
        match &settings.smtp_url {
            None => Ok(Transport::Files(settings.mail_dir.clone())),
            Some(url) => {
                let pool = PoolConfig::new()
                    .max_size(u32::try_from(settings.mail.concurrency).unwrap_or(4))
                    .idle_timeout(Duration::from_secs(60));
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.as_str())
                    // lettre's message may quote the URL; never echo credentials.
                    .map_err(|_| anyhow::anyhow!("SMTP_URL: lettre cannot use this URL"))?
                    .timeout(Some(SMTP_TIMEOUT))
                    .pool_config(pool)
                    .build();
                Ok(Transport::Smtp(transport))
            }
        }
    }

    /// For the log: where mail goes, without credentials.
    pub fn describe(&self) -> String {
        match self {
            Transport::Smtp(_) => "smtp".to_owned(),
            Transport::Files(dir) => format!("files in {}", dir.display()),
        }
    }

    /// Delivers one message; `id` is its outbox row, which names the file.
    pub async fn send(&self, id: i64, message: lettre::Message) -> Result<(), SendError> {
        match self {
            Transport::Smtp(smtp) => smtp.send(message).await.map(|_| ()).map_err(classify),
            Transport::Files(dir) => {
                let dir = dir.clone();
                let bytes = message.formatted();
                tokio::task::spawn_blocking(move || write_eml(&dir, id, &bytes))
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

fn classify(error: lettre::transport::smtp::Error) -> SendError {
    let code = error
        .status()
        .and_then(|c| c.to_string().parse::<u16>().ok());
    let reply = match (code, std::error::Error::source(&error)) {
        (Some(code), Some(text)) => format!("{code} {text}"),
        (Some(code), None) => code.to_string(),
        (None, _) => error.to_string(),
    };
    if error.is_permanent() || (error.is_client() && code.is_none()) {
        SendError::Permanent { code, reply }
    } else {
        SendError::Transient { code, reply }
    }
}
