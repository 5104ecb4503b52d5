//! Where the SMTP server is and how to talk to it, read from `SMTP_URL` by
//! lettre's rules, and the opening of one ready connection: our own TCP
//! stream without Nagle's delay, TLS, EHLO and AUTH, and whether the server
//! takes pipelined commands (RFC 2920).

use std::borrow::Cow;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use lettre::transport::smtp::authentication::{Credentials, DEFAULT_MECHANISMS};
#[expect(
    deprecated,
    reason = "lettre's only public way to run its TLS over a stream it did not open"
)]
use lettre::transport::smtp::client::AsyncNetworkStream;
use lettre::transport::smtp::client::{AsyncSmtpConnection, AsyncTokioStream, Tls, TlsParameters};
use lettre::transport::smtp::commands::Ehlo;
use lettre::transport::smtp::extension::ClientId;
use lettre::transport::smtp::{SMTP_PORT, SUBMISSION_PORT, SUBMISSIONS_PORT};
use tokio::net::TcpStream;
use url::Url;

use super::Failure;

/// How long opening a connection may take, TCP and TLS and greeting
/// included, before the attempt counts as a temporary failure.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(30);

/// The server and the way to reach it. Its `Debug` never shows credentials.
pub struct Endpoint {
    host: String,
    port: u16,
    tls: Tls,
    hello: ClientId,
    credentials: Option<Credentials>,
}

impl std::fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe())
    }
}

impl Endpoint {
    /// Reads `SMTP_URL` as lettre's `from_url` does: `smtp://host:port` is
    /// plain SMTP (port 25), `?tls=required` or `?tls=opportunistic` adds
    /// STARTTLS (port 587), `smtps://` is TLS from the first byte (port 465);
    /// a path names the EHLO domain, which is otherwise `our_host` (the host
    /// of the service's base URL: strict relays refuse a bare machine name);
    /// user and password, percent-encoded, are used for AUTH. Errors never
    /// quote the URL, which may hold a password.
    pub fn from_url(url: &Url, our_host: &url::Host<&str>) -> Result<Endpoint, String> {
        let host = match url.host() {
            Some(url::Host::Ipv6(address)) => address.to_string(),
            Some(host) => host.to_string(),
            None => return Err("the URL names no host".to_owned()),
        };
        let tls_parameter = url
            .query_pairs()
            .find(|(k, _)| k == "tls")
            .map(|(_, v)| v.into_owned());
        let tls_parameters =
            || TlsParameters::new(host.clone()).map_err(|e| format!("cannot set up TLS: {e}"));
        let (tls, default_port) = match (url.scheme(), tls_parameter.as_deref()) {
            ("smtp", None) => (Tls::None, SMTP_PORT),
            ("smtp", Some("required")) => (Tls::Required(tls_parameters()?), SUBMISSION_PORT),
            ("smtp", Some("opportunistic")) => {
                (Tls::Opportunistic(tls_parameters()?), SUBMISSION_PORT)
            }
            ("smtps", _) => (Tls::Wrapper(tls_parameters()?), SUBMISSIONS_PORT),
            _ => {
                return Err("use smtp://, smtp://…?tls=required, \
                            smtp://…?tls=opportunistic or smtps://"
                    .to_owned());
            }
        };
        let hello = if url.path().len() > 1 {
            ClientId::Domain(url.path().trim_matches('/').to_owned())
        } else {
            match our_host {
                url::Host::Domain(domain) => ClientId::Domain((*domain).to_owned()),
                url::Host::Ipv4(address) => ClientId::Ipv4(*address),
                url::Host::Ipv6(address) => ClientId::Ipv6(*address),
            }
        };
        let credentials = match url.password() {
            None => None,
            Some(password) => {
                let decode = |s: &str| {
                    percent_encoding::percent_decode_str(s)
                        .decode_utf8()
                        .map(Cow::into_owned)
                        .map_err(|_| "user or password is not UTF-8 once decoded".to_owned())
                };
                Some(Credentials::new(decode(url.username())?, decode(password)?))
            }
        };
        Ok(Endpoint {
            host,
            port: url.port().unwrap_or(default_port),
            tls,
            hello,
            credentials,
        })
    }

    /// For the log: server, port and TLS mode, never credentials.
    pub fn describe(&self) -> String {
        let tls = match self.tls {
            Tls::None => "no TLS",
            Tls::Opportunistic(_) => "STARTTLS if offered",
            Tls::Required(_) => "STARTTLS",
            Tls::Wrapper(_) => "TLS",
        };
        let auth = if self.credentials.is_some() {
            ", with AUTH"
        } else {
            ""
        };
        format!("smtp {}:{} ({tls}{auth})", self.host, self.port)
    }

    /// A connection ready for `MAIL FROM`.
    pub async fn open(&self) -> Result<Opened, Failure> {
        tokio::time::timeout(CONNECT_TIMEOUT, self.open_untimed())
            .await
            .map_err(|_| Failure::TimedOut("connecting"))?
    }

    async fn open_untimed(&self) -> Result<Opened, Failure> {
        let tcp = TcpStream::connect((self.host.as_str(), self.port))
            .await
            .map_err(Failure::Connect)?;
        // Commands and replies are small and each waits for the other: with
        // Nagle's algorithm a write that follows another unanswered one waits
        // for the server's delayed ACK (about 40 ms).
        tcp.set_nodelay(true).map_err(Failure::Connect)?;
        let stream: Box<dyn AsyncTokioStream> = match &self.tls {
            Tls::Wrapper(parameters) => Box::new(implicit_tls(tcp, parameters.clone()).await?),
            _ => Box::new(tcp),
        };
        let mut conn = AsyncSmtpConnection::connect_with_transport(stream, &self.hello)
            .await
            .map_err(Failure::Smtp)?;
        match &self.tls {
            Tls::Required(parameters) => conn.starttls(parameters.clone(), &self.hello).await,
            Tls::Opportunistic(parameters) if conn.can_starttls() => {
                conn.starttls(parameters.clone(), &self.hello).await
            }
            _ => Ok(()),
        }
        .map_err(Failure::Smtp)?;
        let pipelining = offers_pipelining(&mut conn, &self.hello).await?;
        if let Some(credentials) = &self.credentials {
            conn.auth(DEFAULT_MECHANISMS, credentials)
                .await
                .map_err(Failure::Smtp)?;
        }
        Ok(Opened {
            smtp: conn,
            pipelining,
        })
    }
}

/// A connection ready for mail.
pub struct Opened {
    pub smtp: AsyncSmtpConnection,
    /// The server offered PIPELINING (RFC 2920): a message's MAIL, RCPT and
    /// DATA commands may go in one write, their replies read after.
    pub pipelining: bool,
}

/// Whether the server offers PIPELINING. lettre keeps only the EHLO keywords
/// it acts on, so EHLO is said once more (after TLS, before AUTH; a repeated
/// EHLO only resets the session as RSET does, RFC 5321 4.1.4).
async fn offers_pipelining(
    conn: &mut AsyncSmtpConnection,
    hello: &ClientId,
) -> Result<bool, Failure> {
    let reply = conn
        .command(Ehlo::new(hello.clone()))
        .await
        .map_err(Failure::Smtp)?;
    Ok(reply.message().skip(1).any(|line| {
        line.split_whitespace()
            .next()
            .is_some_and(|keyword| keyword.eq_ignore_ascii_case("PIPELINING"))
    }))
}

/// TLS from the first byte over our TCP stream, with lettre's TLS setup.
#[expect(deprecated, reason = "see the import of AsyncNetworkStream")]
async fn implicit_tls(tcp: TcpStream, parameters: TlsParameters) -> Result<TlsStream, Failure> {
    let mut stream = AsyncNetworkStream::use_existing_tokio1(Box::new(tcp));
    stream
        .upgrade_tls(parameters)
        .await
        .map_err(Failure::Smtp)?;
    Ok(TlsStream(stream))
}

/// lettre's TLS stream (futures-io traits) seen as the tokio stream that
/// `connect_with_transport` takes.
#[expect(deprecated, reason = "see the import of AsyncNetworkStream")]
#[derive(Debug)]
struct TlsStream(AsyncNetworkStream);

impl tokio::io::AsyncRead for TlsStream {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        use futures_util::io::AsyncRead;
        let unfilled = buf.initialize_unfilled();
        match Pin::new(&mut self.0).poll_read(cx, unfilled) {
            Poll::Ready(Ok(n)) => {
                buf.advance(n);
                Poll::Ready(Ok(()))
            }
            Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl tokio::io::AsyncWrite for TlsStream {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        futures_util::io::AsyncWrite::poll_write(Pin::new(&mut self.0), cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        futures_util::io::AsyncWrite::poll_flush(Pin::new(&mut self.0), cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        futures_util::io::AsyncWrite::poll_close(Pin::new(&mut self.0), cx)
    }
}

impl AsyncTokioStream for TlsStream {
    fn peer_addr(&self) -> std::io::Result<std::net::SocketAddr> {
        self.0.peer_addr()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn endpoint(url: &str) -> Result<Endpoint, String> {
        let ours = url::Host::Domain("convene.example.org");
        Endpoint::from_url(&Url::parse(url).expect("a URL"), &ours)
    }

    #[test]
    fn the_url_chooses_port_and_tls_as_lettre_does() {
        let plain = endpoint("smtp://mail.example.org").expect("valid");
        assert_eq!((plain.port, matches!(plain.tls, Tls::None)), (25, true));
        let starttls = endpoint("smtp://mail.example.org?tls=required").expect("valid");
        assert_eq!(starttls.port, 587);
        assert!(matches!(starttls.tls, Tls::Required(_)));
        let maybe = endpoint("smtp://mail.example.org:2525?tls=opportunistic").expect("valid");
        assert_eq!(maybe.port, 2525);
        assert!(matches!(maybe.tls, Tls::Opportunistic(_)));
        let wrapped = endpoint("smtps://mail.example.org").expect("valid");
        assert_eq!(wrapped.port, 465);
        assert!(matches!(wrapped.tls, Tls::Wrapper(_)));
        let named = endpoint("smtp://127.0.0.1:2525/relay.example.org").expect("valid");
        assert_eq!(named.hello, ClientId::Domain("relay.example.org".into()));
        assert_eq!(
            plain.hello,
            ClientId::Domain("convene.example.org".into()),
            "without a path, the host of the base URL"
        );
    }

    #[test]
    fn unknown_schemes_and_tls_modes_are_refused_without_quoting_the_url() {
        for url in [
            "http://user:s3cret@mail.example.org",
            "smtp://user:s3cret@mail.example.org?tls=sometimes",
        ] {
            let problem = endpoint(url).expect_err("refused");
            assert!(!problem.contains("s3cret"), "{problem}");
        }
    }

    #[test]
    fn credentials_are_percent_decoded_and_never_described() {
        let with_auth =
            endpoint("smtp://ann%40wipo.int:p%40ss%2Fword@mail.example.org:587").expect("valid");
        assert!(with_auth.credentials.is_some());
        let shown = format!("{with_auth:?} {}", with_auth.describe());
        assert!(
            !shown.contains("p@ss") && !shown.contains("p%40ss"),
            "{shown}"
        );
        assert!(shown.contains("with AUTH"), "{shown}");
    }
}
