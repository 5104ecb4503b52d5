//! The `convene` command line: serve (the default), migrate, user, directory, outbox.

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use convene::config::{RawSettings, Settings};
use convene::{commands, telemetry};

#[derive(Parser)]
#[command(
    name = "convene",
    version,
    about = "Consultations and invitations for ad hoc informal meetings"
)]
struct Cli {
    #[command(flatten)]
    settings: RawSettings,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web application (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Manage secretariat accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Run, inspect, pause or resume the email outbox.
    #[command(subcommand)]
    Outbox(OutboxCommand),
    /// Member states, organisations and contacts.
    #[command(subcommand)]
    Directory(DirectoryCommand),
}

#[derive(Subcommand)]
enum OutboxCommand {
    /// Send queued email without serving the web application, until stopped.
    Run,
    /// Show how many messages are queued, sending, sent and failed, and the failures.
    Status {
        #[arg(long)]
        meeting: Option<i64>,
    },
    /// Stop sending (all messages, or one meeting's) until resumed.
    Pause {
        #[arg(long)]
        meeting: Option<i64>,
    },
    /// Send again after a pause.
    Resume {
        #[arg(long)]
        meeting: Option<i64>,
    },
}

#[derive(Subcommand)]
enum DirectoryCommand {
    /// Write one list as CSV to standard output (the columns the import reads).
    Export {
        #[arg(long, value_parser = ["states", "organisations", "contacts"])]
        kind: String,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create an account; the password is read from a prompt or standard input.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: Option<String>,
    },
    /// List accounts.
    List,
    /// Disable an account and end its sessions.
    Disable {
        #[arg(long)]
        email: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let settings = match Settings::from_raw(&cli.settings.clone().with_env_secrets()) {
        Ok(settings) => settings,
        Err(error) => {
            eprintln!("convene: configuration error: {error}");
            return ExitCode::from(2);
        }
    };
    telemetry::init(&settings.log_filter, settings.log_format);

    let outcome = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(settings),
        Command::Migrate => commands::migrate(&settings).map(|m| println!("{m}")),
        Command::User(UserCommand::Add { email, name }) => {
            commands::user_add(&settings, &email, name.as_deref()).map(|m| println!("{m}"))
        }
        Command::User(UserCommand::List) => commands::user_list(&settings).map(|m| println!("{m}")),
        Command::User(UserCommand::Disable { email }) => {
            commands::user_disable(&settings, &email).map(|m| println!("{m}"))
        }
        Command::Outbox(command) => outbox(settings, command).map(|m| println!("{m}")),
        Command::Directory(DirectoryCommand::Export { kind }) => {
            commands::directory_export(&settings, &kind).map(|csv| print!("{csv}"))
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("convene: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn outbox(settings: Settings, command: OutboxCommand) -> anyhow::Result<String> {
    use convene::commands::outbox as mail;
    match command {
        OutboxCommand::Run => mail::run(settings),
        OutboxCommand::Status { meeting } => mail::status(&settings, meeting),
        OutboxCommand::Pause { meeting } => mail::pause(&settings, meeting),
        OutboxCommand::Resume { meeting } => mail::resume(&settings, meeting),
    }
}

fn serve(settings: Settings) -> anyhow::Result<()> {
    actix_web::rt::System::new().block_on(convene::run(settings))
}
