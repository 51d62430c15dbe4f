//! HTTP-level tests of the QR Event API, run like a client against a real
//! server on SQLite and on PostgreSQL.

mod common;

mod audit_chain;
mod auth;
mod concurrency;
mod devices;
mod door;
mod door_rights;
mod errors;
mod events;
mod hardening;
mod invitations;
mod live;
mod mail_restart;
mod notices;
mod operations;
mod print;
mod scan_groups;
mod smtp;
mod ticket_mail;
mod tickets;
mod wallet;
