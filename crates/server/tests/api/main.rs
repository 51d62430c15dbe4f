//! HTTP-level tests of the QR Event API, run like a client against a real
//! server on SQLite and on PostgreSQL.

mod common;

mod auth;
mod errors;
mod events;
mod operations;
