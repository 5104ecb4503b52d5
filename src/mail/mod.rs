//! Email: what each kind of message carries, how it is rendered from templates,
//! and the outbox worker that sends it.

pub mod kinds;
