//! convene: consult regional groups on a meeting's timing, propose slots, and
//! invite member states and organisations.

pub mod commands;
pub mod config;
pub mod db;
pub mod domain;
pub mod i18n;
pub mod mail;
pub mod startup;
pub mod telemetry;
pub mod web;

pub use startup::{Application, run};
