//! Black-box tests: the real server over HTTP on port 0, a fresh database per
//! test (SQLite by default; PostgreSQL when CONVENE_TEST_DATABASE_URL is set).

mod fixtures;
mod helpers;

mod accessibility;
mod bad_input;
mod calendar;
mod cancellation;
mod cli;
mod consultation;
mod csrf;
mod current_answer;
mod decision;
mod delivery_status;
mod directory;
mod draft_form;
mod durations;
mod form_languages;
mod fuzz;
mod hardening;
mod health;
mod invitations;
mod languages;
mod login;
mod logs;
mod meeting_days;
mod metrics;
mod migrations;
mod names;
mod outbox;
mod outbox_parallel;
mod pages;
mod personal_errors;
mod proposals;
mod protected;
mod quiet_logs;
mod races;
mod record;
mod replies;
mod reply_languages;
mod reply_links;
mod sending;
mod sessions;
mod smtp;
mod smtp_faults;
mod wording;
