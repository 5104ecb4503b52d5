//! What the command-line subcommands do, apart from `serve`. Each returns a
//! message for the operator or an error; `main` decides exit codes.

pub mod outbox;

use std::io::{BufRead, IsTerminal};

use anyhow::{Context, bail};

use crate::config::Settings;
use crate::db::{self, users};
use crate::domain::EmailAddress;
use crate::domain::password::{self, NewPassword};
use crate::startup::prepare_database;

/// `convene migrate`: applies pending migrations and reports the state.
pub fn migrate(settings: &Settings) -> anyhow::Result<String> {
    let pool = prepare_database(settings)?;
    let mut conn = pool.get()?;
    let applied = db::migrate::applied(&mut conn).map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(format!(
        "{} database is up to date ({} migrations applied)",
        settings.backend.name(),
        applied.len()
    ))
}

/// Reads a new password: from a prompt (asked twice) when standard input is a
/// terminal, otherwise the first line of standard input.
fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password (at least 12 characters): ")?;
        let second = rpassword::prompt_password("Same password again: ")?;
        if first != second {
            bail!("the two passwords differ; nothing was changed");
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("cannot read the password from standard input")?;
        Ok(line.trim_end_matches(['\r', '\n']).to_owned())
    }
}

/// `convene user add`.
pub fn user_add(settings: &Settings, email: &str, name: Option<&str>) -> anyhow::Result<String> {
    let email = EmailAddress::parse(email).map_err(|e| anyhow::anyhow!("--email: {e}"))?;
    let password = NewPassword::parse(read_password()?)
        .map_err(|e| anyhow::anyhow!("{e}; nothing was changed"))?;
    let hash = password::hash(&password);
    let pool = prepare_database(settings)?;
    let mut conn = pool.get()?;
    let id = users::add(&mut conn, &email, name.unwrap_or("").trim(), &hash)?;
    Ok(format!("created account {id} for {}", email.login_key()))
}

/// `convene user list`.
pub fn user_list(settings: &Settings) -> anyhow::Result<String> {
    let pool = prepare_database(settings)?;
    let mut conn = pool.get()?;
    let list = users::list(&mut conn)?;
    if list.is_empty() {
        return Ok(
            "no accounts yet; create one with: convene user add --email you@example.org".into(),
        );
    }
    let mut out = String::from("email\tname\tstatus\tcreated (UTC)\n");
    for user in list {
        let status = if user.is_disabled() {
            "disabled"
        } else {
            "active"
        };
        out.push_str(&format!(
            "{}\t{}\t{status}\t{}\n",
            user.email,
            user.name,
            user.created_at.format("%Y-%m-%d %H:%M")
        ));
    }
    Ok(out.trim_end().to_owned())
}

/// `convene user disable`.
pub fn user_disable(settings: &Settings, email: &str) -> anyhow::Result<String> {
    let pool = prepare_database(settings)?;
    let mut conn = pool.get()?;
    let key = email.trim().to_lowercase();
    if users::disable(&mut conn, &key)? {
        Ok(format!("disabled {key}; their sessions have ended"))
    } else {
        bail!("no account for {key}")
    }
}

/// `convene directory export --kind …`: the list as CSV, as the web export
/// gives it. Reads only; an empty directory gives just the header row.
pub fn directory_export(settings: &Settings, kind: &str) -> anyhow::Result<String> {
    let kind = crate::domain::directory::csv::CsvKind::parse(kind)
        .with_context(|| format!("--kind: {kind:?} is not states, organisations or contacts"))?;
    let pool = prepare_database(settings)?;
    let mut conn = pool.get()?;
    db::directory::export::to_csv(&mut conn, kind)
}
