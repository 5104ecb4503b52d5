//! Typed settings, read from environment variables or the matching flags and
//! validated once at start. A bad value is reported as one line naming the
//! variable (the program then exits with code 2); values that may hold
//! credentials are never echoed back.

use std::net::SocketAddr;
use std::path::PathBuf;

use chrono::Duration;
use url::Url;

use crate::db::Backend;

/// Settings as given, before validation. Every field is optional so that the
/// defaults live in one place ([`Settings::from_raw`]).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct RawSettings {
    /// Database URL: a SQLite file path (default `convene.db`) or `postgres://…`.
    #[arg(long, env = "DATABASE_URL", global = true, hide_env_values = true)]
    pub database_url: Option<String>,
    /// Address to listen on, host:port.
    #[arg(long, env = "CONVENE_BIND", global = true)]
    pub bind: Option<String>,
    /// Public URL of the service; every link in an email is built from it.
    #[arg(long, env = "CONVENE_BASE_URL", global = true)]
    pub base_url: Option<String>,
    /// Key that signs CSRF tokens (at least 32 characters); generated and stored in the database when absent.
    #[arg(skip)]
    pub secret_key: Option<String>,
    /// SMTP server URL (smtp:// or smtps://); when absent, mail is written as .eml files.
    #[arg(long, env = "SMTP_URL", global = true, hide_env_values = true)]
    pub smtp_url: Option<String>,
    /// Folder for .eml files when no SMTP server is configured.
    #[arg(long, env = "CONVENE_MAIL_DIR", global = true)]
    pub mail_dir: Option<String>,
    /// Log filter, e.g. `info` or `convene=debug,actix_web=info`.
    #[arg(long = "log", env = "CONVENE_LOG", global = true)]
    pub log_filter: Option<String>,
    /// Log format: `text` or `json`.
    #[arg(long, env = "CONVENE_LOG_FORMAT", global = true)]
    pub log_format: Option<String>,
    /// Minutes a secretariat session lives without use.
    #[arg(long, env = "CONVENE_SESSION_IDLE_MINUTES", global = true)]
    pub session_idle_minutes: Option<String>,
    /// Hours a secretariat session lives at most.
    #[arg(long, env = "CONVENE_SESSION_MAX_HOURS", global = true)]
    pub session_max_hours: Option<String>,
    /// Failed logins per account, within the window, before further attempts are refused.
    #[arg(long, env = "CONVENE_LOGIN_MAX_FAILURES", global = true)]
    pub login_max_failures: Option<String>,
    /// Failed logins per client address, within the window, before further attempts are refused.
    #[arg(long, env = "CONVENE_LOGIN_MAX_FAILURES_PER_CLIENT", global = true)]
    pub login_max_failures_per_client: Option<String>,
    /// Minutes over which failed logins are counted.
    #[arg(long, env = "CONVENE_LOGIN_WINDOW_MINUTES", global = true)]
    pub login_window_minutes: Option<String>,
    /// Take the client address from X-Forwarded-For (only behind a trusted proxy).
    #[arg(long, env = "CONVENE_TRUST_PROXY", global = true)]
    pub trust_proxy: Option<String>,
    /// HTTP worker threads (default: one per core).
    #[arg(long, env = "CONVENE_WORKERS", global = true)]
    pub workers: Option<String>,
    /// Database connections per instance.
    #[arg(long, env = "CONVENE_DB_POOL_SIZE", global = true)]
    pub db_pool_size: Option<String>,
    /// Seconds between the scheduler's rounds (deadlines, reminders).
    #[arg(long, env = "CONVENE_SCHEDULER_SECONDS", global = true)]
    pub scheduler_seconds: Option<String>,
    /// Seconds a client has to send a request's body once its headers arrived.
    #[arg(long, env = "CONVENE_REQUEST_BODY_SECONDS", global = true)]
    pub request_body_seconds: Option<String>,
    /// Sender of every email, e.g. `WIPO Secretariat <convene@wipo.int>` (default convene@ the base URL's host).
    #[arg(long, env = "CONVENE_MAIL_FROM", global = true)]
    pub mail_from: Option<String>,
    /// Reply-To of every email: the secretariat's address.
    #[arg(long, env = "CONVENE_REPLY_TO", global = true)]
    pub reply_to: Option<String>,
    /// Messages sent at the same time.
    #[arg(long, env = "CONVENE_MAIL_CONCURRENCY", global = true)]
    pub mail_concurrency: Option<String>,
    /// Messages sent per second at most, per worker (default 10, at most 100000).
    #[arg(long, env = "CONVENE_MAIL_RATE", global = true)]
    pub mail_rate: Option<String>,
    /// Milliseconds between two looks at the outbox when it is idle.
    #[arg(long, env = "CONVENE_OUTBOX_POLL_MS", global = true)]
    pub outbox_poll_ms: Option<String>,
    /// Milliseconds before the first retry of a temporary failure; doubled each time, at most an hour.
    #[arg(long, env = "CONVENE_MAIL_RETRY_BASE_MS", global = true)]
    pub mail_retry_base_ms: Option<String>,
    /// Attempts of a message before it is marked failed.
    #[arg(long, env = "CONVENE_MAIL_MAX_ATTEMPTS", global = true)]
    pub mail_max_attempts: Option<String>,
    /// Seconds after which a message claimed by a worker that never finished may be claimed again.
    #[arg(long, env = "CONVENE_MAIL_LEASE_SECONDS", global = true)]
    pub mail_lease_seconds: Option<String>,
    /// Address (host:port) that serves Prometheus metrics at /metrics; unset: no metrics.
    #[arg(long, env = "CONVENE_METRICS_BIND", global = true)]
    pub metrics_bind: Option<String>,
}

impl RawSettings {
    /// Reads the variables that have no flag (secrets stay out of `ps`).
    pub fn with_env_secrets(mut self) -> RawSettings {
        if self.secret_key.is_none() {
            self.secret_key = std::env::var("CONVENE_SECRET_KEY").ok();
        }
        self
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone)]
pub struct LoginLimits {
    pub max_failures_per_account: i64,
    pub max_failures_per_client: i64,
    pub window: Duration,
}

/// `CONVENE_MAIL_RATE` when unset: messages a second per worker. Low on
/// purpose: a relay that is sent more than its quota defers or refuses
/// the excess (Amazon SES starts accounts at 14 a second, Microsoft 365
/// allows 30 a minute per mailbox), and 10 a second still sends a meeting's
/// 10,000 invitations in under 17 minutes. A local relay such as postfix
/// can take far more; raise it to what yours accepts.
pub const DEFAULT_MAIL_RATE: u32 = 10;

/// The largest `CONVENE_MAIL_RATE`, per worker. No relay accepts this from
/// one client (large providers' quotas are in the thousands a second), and
/// one worker is far from it even on loopback (about 6,000 a second to
/// postfix's `smtp-sink` on 2 cores, see BENCHMARKS.md), so it never slows
/// a real sending; it is there so that a value that cannot be meant (a
/// typo, milliseconds taken for a rate) stops the program instead of
/// being read as "no limit". A larger value is refused.
pub const MAX_MAIL_RATE: u32 = 100_000;

/// How email leaves: sender, Reply-To, and the outbox worker's pace.
#[derive(Debug, Clone)]
pub struct MailSettings {
    pub from: lettre::message::Mailbox,
    pub reply_to: Option<lettre::message::Mailbox>,
    pub concurrency: usize,
    pub rate_per_second: u32,
    pub poll: std::time::Duration,
    pub retry_base: std::time::Duration,
    pub max_attempts: i32,
    pub lease: std::time::Duration,
}

#[derive(Clone)]
pub struct Settings {
    pub database_url: String,
    pub backend: Backend,
    pub bind: SocketAddr,
    pub base_url: Url,
    pub secret_key: Option<String>,
    pub smtp_url: Option<Url>,
    pub mail_dir: PathBuf,
    pub log_filter: String,
    pub log_format: LogFormat,
    pub session: crate::db::sessions::Lifetimes,
    pub login_limits: LoginLimits,
    pub trust_proxy: bool,
    pub workers: usize,
    pub db_pool_size: u32,
    pub scheduler_every: std::time::Duration,
    /// How long a request's body may take to arrive, in all.
    pub request_body_timeout: std::time::Duration,
    pub mail: MailSettings,
    /// Where `/metrics` is served, apart from the application; `None`: off.
    pub metrics_bind: Option<SocketAddr>,
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("backend", &self.backend)
            .field("bind", &self.bind)
            .field("base_url", &self.base_url.as_str())
            .field("smtp", &self.smtp_url.is_some())
            .field("mail_dir", &self.mail_dir)
            .finish_non_exhaustive()
    }
}

/// One invalid setting: the variable's name and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{variable}: {problem}")]
pub struct ConfigError {
    pub variable: &'static str,
    pub problem: String,
}

fn invalid(variable: &'static str, problem: impl Into<String>) -> ConfigError {
    ConfigError {
        variable,
        problem: problem.into(),
    }
}

fn positive(variable: &'static str, raw: Option<&str>, default: i64) -> Result<i64, ConfigError> {
    match raw {
        None => Ok(default),
        Some(text) => match text.trim().parse::<i64>() {
            Ok(n) if n > 0 => Ok(n),
            _ => Err(invalid(
                variable,
                format!("{text:?} is not a whole number greater than 0"),
            )),
        },
    }
}

/// Like [`positive`], and at most `max`: a larger value is refused (not
/// lowered quietly), so that a typo cannot pass for a decision.
fn at_most(
    variable: &'static str,
    raw: Option<&str>,
    default: i64,
    max: i64,
) -> Result<i64, ConfigError> {
    let value = positive(variable, raw, default)?;
    if value > max {
        return Err(invalid(
            variable,
            format!("{value} is more than the maximum, {max}"),
        ));
    }
    Ok(value)
}

fn flag(variable: &'static str, raw: Option<&str>) -> Result<bool, ConfigError> {
    match raw.map(|s| s.trim().to_ascii_lowercase()).as_deref() {
        None | Some("") | Some("0") | Some("false") | Some("no") | Some("off") => Ok(false),
        Some("1") | Some("true") | Some("yes") | Some("on") => Ok(true),
        Some(other) => Err(invalid(variable, format!("{other:?} is not true or false"))),
    }
}

impl Settings {
    pub fn from_raw(raw: &RawSettings) -> Result<Settings, ConfigError> {
        let database_url = raw
            .database_url
            .clone()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| "convene.db".to_owned());
        let backend = Backend::from_url(&database_url);
        if backend == Backend::Postgres {
            Url::parse(&database_url).map_err(|e| {
                invalid("DATABASE_URL", format!("not a valid postgres:// URL ({e})"))
            })?;
        } else if database_url.contains("://") && !database_url.starts_with("sqlite://") {
            return Err(invalid(
                "DATABASE_URL",
                "use a SQLite file path (e.g. convene.db) or a postgres:// URL",
            ));
        }

        let bind_text = raw.bind.as_deref().unwrap_or("127.0.0.1:8080");
        let bind: SocketAddr = bind_text.trim().parse().map_err(|_| {
            invalid(
                "CONVENE_BIND",
                format!(
                    "{bind_text:?} is not an address of the form host:port, e.g. 127.0.0.1:8080"
                ),
            )
        })?;

        let base_url = match raw.base_url.as_deref() {
            None => Url::parse(&format!("http://{bind}/")).map_err(|e| {
                invalid(
                    "CONVENE_BASE_URL",
                    format!("cannot derive it from CONVENE_BIND ({e})"),
                )
            })?,
            Some(text) => parse_base_url(text)?,
        };

        let secret_key = match raw.secret_key.as_deref() {
            None => None,
            Some(key) if key.chars().count() >= 32 => Some(key.to_owned()),
            Some(_) => {
                return Err(invalid(
                    "CONVENE_SECRET_KEY",
                    "needs at least 32 characters (or leave it unset to have one generated)",
                ));
            }
        };

        let smtp_url = match raw.smtp_url.as_deref().filter(|s| !s.trim().is_empty()) {
            None => None,
            Some(text) => {
                let url = Url::parse(text.trim()).map_err(|_| {
                    invalid(
                        "SMTP_URL",
                        "not a URL; expected smtp://host:port or smtps://host",
                    )
                })?;
                if !matches!(url.scheme(), "smtp" | "smtps") || url.host_str().is_none() {
                    return Err(invalid(
                        "SMTP_URL",
                        "expected smtp://[user:password@]host[:port] or smtps://…",
                    ));
                }
                Some(url)
            }
        };

        let log_format = match raw.log_format.as_deref().map(str::trim) {
            None | Some("text") => LogFormat::Text,
            Some("json") => LogFormat::Json,
            Some(other) => {
                return Err(invalid(
                    "CONVENE_LOG_FORMAT",
                    format!("{other:?} is neither text nor json"),
                ));
            }
        };
        let log_filter = raw.log_filter.clone().unwrap_or_else(|| "info".to_owned());
        tracing_subscriber::EnvFilter::try_new(&log_filter).map_err(|e| {
            invalid(
                "CONVENE_LOG",
                format!("{log_filter:?} is not a log filter ({e})"),
            )
        })?;

        let session = crate::db::sessions::Lifetimes {
            idle: Duration::minutes(positive(
                "CONVENE_SESSION_IDLE_MINUTES",
                raw.session_idle_minutes.as_deref(),
                30,
            )?),
            absolute: Duration::hours(positive(
                "CONVENE_SESSION_MAX_HOURS",
                raw.session_max_hours.as_deref(),
                12,
            )?),
        };
        let login_limits = LoginLimits {
            max_failures_per_account: positive(
                "CONVENE_LOGIN_MAX_FAILURES",
                raw.login_max_failures.as_deref(),
                5,
            )?,
            max_failures_per_client: positive(
                "CONVENE_LOGIN_MAX_FAILURES_PER_CLIENT",
                raw.login_max_failures_per_client.as_deref(),
                20,
            )?,
            window: Duration::minutes(positive(
                "CONVENE_LOGIN_WINDOW_MINUTES",
                raw.login_window_minutes.as_deref(),
                15,
            )?),
        };
        let default_workers = std::thread::available_parallelism().map_or(2, |n| n.get());
        let workers = positive(
            "CONVENE_WORKERS",
            raw.workers.as_deref(),
            default_workers as i64,
        )?;
        let db_pool_size = positive("CONVENE_DB_POOL_SIZE", raw.db_pool_size.as_deref(), 10)?;
        let scheduler_seconds = positive(
            "CONVENE_SCHEDULER_SECONDS",
            raw.scheduler_seconds.as_deref(),
            30,
        )?;
        let mail = mail_settings(raw, &base_url)?;
        let metrics_bind = match raw.metrics_bind.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => Some(text.parse::<SocketAddr>().map_err(|_| {
                invalid(
                    "CONVENE_METRICS_BIND",
                    format!(
                        "{text:?} is not an address of the form host:port, e.g. 127.0.0.1:9090"
                    ),
                )
            })?),
        };

        Ok(Settings {
            database_url,
            backend,
            bind,
            base_url,
            secret_key,
            smtp_url,
            mail_dir: PathBuf::from(raw.mail_dir.clone().unwrap_or_else(|| "mail".to_owned())),
            log_filter,
            log_format,
            session,
            login_limits,
            trust_proxy: flag("CONVENE_TRUST_PROXY", raw.trust_proxy.as_deref())?,
            workers: usize::try_from(workers).unwrap_or(1).min(64),
            db_pool_size: u32::try_from(db_pool_size).unwrap_or(10).min(200),
            scheduler_every: std::time::Duration::from_secs(scheduler_seconds.unsigned_abs()),
            request_body_timeout: std::time::Duration::from_secs(
                positive(
                    "CONVENE_REQUEST_BODY_SECONDS",
                    raw.request_body_seconds.as_deref(),
                    30,
                )?
                .unsigned_abs(),
            ),
            mail,
            metrics_bind,
        })
    }

    /// Whether cookies must carry `Secure` (and may use the `__Host-` prefix).
    pub fn https(&self) -> bool {
        self.base_url.scheme() == "https"
    }

    /// The domain of Message-IDs: the base URL's host.
    pub fn message_domain(&self) -> String {
        self.base_url
            .host_str()
            .unwrap_or("convene.invalid")
            .to_owned()
    }

    /// An absolute link for emails: always from the configured base URL, never
    /// from a request's Host header.
    pub fn link(&self, path: &str) -> String {
        let base = self.base_url.as_str().trim_end_matches('/');
        format!("{base}/{}", path.trim_start_matches('/'))
    }
}

fn mailbox(variable: &'static str, text: &str) -> Result<lettre::message::Mailbox, ConfigError> {
    text.trim().parse().map_err(|_| {
        invalid(
            variable,
            format!("{text:?} is not an address such as convene@example.org or Name <convene@example.org>"),
        )
    })
}

fn mail_settings(raw: &RawSettings, base_url: &Url) -> Result<MailSettings, ConfigError> {
    use std::time::Duration as StdDuration;
    let from = match raw.mail_from.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(text) => mailbox("CONVENE_MAIL_FROM", text)?,
        None => {
            let host = base_url.host_str().unwrap_or("convene.invalid");
            mailbox("CONVENE_MAIL_FROM", &format!("convene@{host}")).map_err(|_| {
                invalid(
                    "CONVENE_MAIL_FROM",
                    "cannot derive it from CONVENE_BASE_URL; set it",
                )
            })?
        }
    };
    let reply_to = match raw.reply_to.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(text) => Some(mailbox("CONVENE_REPLY_TO", text)?),
        None => None,
    };
    let concurrency = positive(
        "CONVENE_MAIL_CONCURRENCY",
        raw.mail_concurrency.as_deref(),
        4,
    )?;
    let rate = at_most(
        "CONVENE_MAIL_RATE",
        raw.mail_rate.as_deref(),
        i64::from(DEFAULT_MAIL_RATE),
        i64::from(MAX_MAIL_RATE),
    )?;
    let poll = positive(
        "CONVENE_OUTBOX_POLL_MS",
        raw.outbox_poll_ms.as_deref(),
        1000,
    )?;
    let retry_base = positive(
        "CONVENE_MAIL_RETRY_BASE_MS",
        raw.mail_retry_base_ms.as_deref(),
        30_000,
    )?;
    let max_attempts = positive(
        "CONVENE_MAIL_MAX_ATTEMPTS",
        raw.mail_max_attempts.as_deref(),
        8,
    )?;
    let lease = positive(
        "CONVENE_MAIL_LEASE_SECONDS",
        raw.mail_lease_seconds.as_deref(),
        300,
    )?;
    Ok(MailSettings {
        from,
        reply_to,
        concurrency: usize::try_from(concurrency).unwrap_or(4).min(64),
        rate_per_second: u32::try_from(rate).unwrap_or(DEFAULT_MAIL_RATE),
        poll: StdDuration::from_millis(u64::try_from(poll).unwrap_or(1000).min(3_600_000)),
        retry_base: StdDuration::from_millis(
            u64::try_from(retry_base).unwrap_or(30_000).min(3_600_000),
        ),
        max_attempts: i32::try_from(max_attempts).unwrap_or(8).min(100),
        lease: StdDuration::from_secs(u64::try_from(lease).unwrap_or(300).min(86_400)),
    })
}

fn parse_base_url(text: &str) -> Result<Url, ConfigError> {
    let url = Url::parse(text.trim()).map_err(|_| {
        invalid(
            "CONVENE_BASE_URL",
            format!("{text:?} is not an absolute URL such as https://convene.example.org/"),
        )
    })?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(invalid(
            "CONVENE_BASE_URL",
            "must start with http:// or https://",
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid("CONVENE_BASE_URL", "must not contain ? or #"));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_need_nothing() {
        let s = Settings::from_raw(&RawSettings::default()).expect("defaults are valid");
        assert_eq!(s.database_url, "convene.db");
        assert_eq!(s.backend, Backend::Sqlite);
        assert_eq!(s.bind.to_string(), "127.0.0.1:8080");
        assert_eq!(s.base_url.as_str(), "http://127.0.0.1:8080/");
        assert_eq!(s.session.idle, Duration::minutes(30));
        assert_eq!(s.session.absolute, Duration::hours(12));
        assert_eq!(s.mail.from.to_string(), "convene@127.0.0.1");
        assert_eq!(s.mail.concurrency, 4);
        assert_eq!(s.mail.rate_per_second, 10);
        assert_eq!(s.mail.max_attempts, 8);
    }

    #[test]
    fn each_bad_value_names_its_variable() {
        type Case = (&'static str, fn(&mut RawSettings));
        let cases: [Case; 9] = [
            ("CONVENE_BIND", |r| r.bind = Some("nowhere".into())),
            ("CONVENE_BASE_URL", |r| r.base_url = Some("ftp://x".into())),
            ("CONVENE_SECRET_KEY", |r| {
                r.secret_key = Some("short".into())
            }),
            ("SMTP_URL", |r| r.smtp_url = Some("http://mail".into())),
            ("CONVENE_LOG_FORMAT", |r| r.log_format = Some("xml".into())),
            ("CONVENE_SESSION_IDLE_MINUTES", |r| {
                r.session_idle_minutes = Some("-1".into())
            }),
            ("CONVENE_REPLY_TO", |r| {
                r.reply_to = Some("not an address".into())
            }),
            ("CONVENE_MAIL_RATE", |r| r.mail_rate = Some("0".into())),
            ("CONVENE_METRICS_BIND", |r| {
                r.metrics_bind = Some("everywhere".into())
            }),
        ];
        for (variable, set) in cases {
            let mut raw = RawSettings::default();
            set(&mut raw);
            let error = Settings::from_raw(&raw).expect_err(variable);
            assert_eq!(error.variable, variable);
        }
    }

    #[test]
    fn the_mail_rate_goes_up_to_its_documented_maximum_and_no_further() {
        let with_rate = |rate: String| RawSettings {
            mail_rate: Some(rate),
            ..RawSettings::default()
        };
        let s = Settings::from_raw(&with_rate(MAX_MAIL_RATE.to_string())).expect("the maximum");
        assert_eq!(s.mail.rate_per_second, MAX_MAIL_RATE);

        let above = (u64::from(MAX_MAIL_RATE) + 1).to_string();
        let error = Settings::from_raw(&with_rate(above.clone())).expect_err("above the maximum");
        assert_eq!(error.variable, "CONVENE_MAIL_RATE");
        assert!(error.problem.contains(&above), "{}", error.problem);
        assert!(
            error.problem.contains(&MAX_MAIL_RATE.to_string()),
            "{}",
            error.problem
        );
        // Not lowered to the maximum either, however large.
        assert!(Settings::from_raw(&with_rate("99999999999".into())).is_err());
    }

    #[test]
    fn links_come_from_the_base_url() {
        let raw = RawSettings {
            base_url: Some("https://convene.example.org/wipo/".into()),
            ..RawSettings::default()
        };
        let s = Settings::from_raw(&raw).expect("valid");
        assert_eq!(s.link("/c/abc"), "https://convene.example.org/wipo/c/abc");
        assert!(s.https());
    }
}
