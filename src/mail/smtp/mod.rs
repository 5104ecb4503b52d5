//! Sending over SMTP with our own small pool of connections (lettre speaks
//! the protocol on each): bounded, reused, and fast on a connection that
//! carries many messages.

mod breaker;
mod endpoint;
mod pool;

pub use endpoint::Endpoint;
pub use pool::SmtpPool;

use super::transport::SendError;

/// What went wrong on the way to the server, before it is sorted into
/// temporary and permanent.
#[derive(Debug)]
pub enum Failure {
    /// lettre's error: a negative reply, a connection closed under us, TLS, AUTH…
    Smtp(lettre::transport::smtp::Error),
    /// The TCP connection could not be opened.
    Connect(std::io::Error),
    /// The server did not answer in time; what we were waiting for.
    TimedOut(&'static str),
    /// The message cannot go to this server at all (lettre's wording).
    Refused(&'static str),
}

impl Failure {
    /// The server answered in order with a reply code, so the connection can
    /// go on after `RSET` (421 means the server is closing it).
    fn server_replied(&self) -> bool {
        matches!(self, Failure::Smtp(e) if e.status().is_some_and(|c| c.to_string() != "421"))
    }

    /// The connection went away with no reply (closed, reset, 421): a reused
    /// connection that the server had dropped while it was idle.
    fn connection_lost(&self) -> bool {
        match self {
            Failure::Smtp(e) => match e.status() {
                Some(code) => code.to_string() == "421",
                None => !e.is_client() && !e.is_tls(),
            },
            _ => false,
        }
    }
}

impl From<Failure> for SendError {
    fn from(failure: Failure) -> SendError {
        match failure {
            Failure::Smtp(error) => classify(error),
            Failure::Connect(error) => SendError::Transient {
                code: None,
                reply: format!("Connection error: {error}"),
            },
            Failure::TimedOut(what) => SendError::Transient {
                code: None,
                reply: format!("timed out {what}"),
            },
            Failure::Refused(why) => SendError::Permanent {
                code: None,
                reply: format!("internal client error: {why}"),
            },
        }
    }
}

/// 5xx replies and the client's own refusals are permanent; 4xx replies,
/// connection errors and timeouts are worth another try.
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

#[cfg(test)]
mod tests;
