//! Black-box tests: the real server over HTTP on port 0, a fresh database per
//! test (SQLite by default; PostgreSQL when CONVENE_TEST_DATABASE_URL is set).

mod fixtures;
mod helpers;

mod accessibility;
mod browser;
mod calendar;
mod cancellation;
mod cli;
mod consultation;
mod csrf;
mod decision;
mod directory;
mod draft_form;
mod durations;
mod health;
mod invitations;
mod login;
mod meeting_days;
mod migrations;
mod outbox;
mod proposals;
mod protected;
mod record;
mod replies;
mod sending;
mod sessions;
mod smtp;
mod wording;
