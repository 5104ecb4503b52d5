//! Structured logs: text for people, JSON for log collectors. Installed once.

use tracing_subscriber::EnvFilter;

use crate::config::LogFormat;

/// actix's extractors log the request path at debug level when a path, query
/// or body does not parse; a path may hold a personal link's token, and the
/// logs promise never to carry one. Our own handlers log those errors.
const QUIET_EXTRACTORS: &str = "actix_web::types=info";

/// Installs the global subscriber; a second call (as in tests) is a no-op.
pub fn init(filter: &str, format: LogFormat) {
    let filter = EnvFilter::try_new(filter)
        .unwrap_or_else(|_| EnvFilter::new("info"))
        .add_directive(QUIET_EXTRACTORS.parse().expect("a valid directive"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    };
}
