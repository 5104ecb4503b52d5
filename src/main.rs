//! The `convene` command line: serve (the default), migrate, user, directory.

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
    /// Member states, organisations and contacts.
    #[command(subcommand)]
    Directory(DirectoryCommand),
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

fn serve(settings: Settings) -> anyhow::Result<()> {
    actix_web::rt::System::new().block_on(convene::run(settings))
}
