//! Black-box tests: the real server over HTTP on port 0, a fresh database per
//! test (SQLite by default; PostgreSQL when CONVENE_TEST_DATABASE_URL is set).

mod fixtures;
mod helpers;

mod calendar;
mod cli;
mod consultation;
mod csrf;
mod delivery_status;
mod directory;
mod health;
mod invitations;
mod login;
mod logs;
mod metrics;
mod migrations;
mod outbox;
mod proposals;
mod protected;
mod replies;
mod sessions;
mod smtp;
mod smtp_faults;
