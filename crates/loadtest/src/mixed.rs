//! The rest of the evening while the doors scan: organizers reading the
//! figures and staff signing in, each at a human pace on a fixed schedule
//! (open loop, like the door devices).

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::{StatusCode, Url};
use tokio::task::{JoinHandle, JoinSet};
use tokio::time::Instant;
use uuid::Uuid;

use crate::client::{Answer, Client};
use crate::kind::Kind;
use crate::scan::Rng;

/// How often each dashboard reads the figures.
pub const READ_EVERY: Duration = Duration::from_secs(5);
/// Accounts registered besides the load's own for the sign-ins: the server
/// throttles sign-ins per account (and per address), so they take turns.
pub const EXTRA_ACCOUNTS: usize = 4;
const TIMEOUT: Duration = Duration::from_secs(30);

/// An account to sign in with.
pub struct Account {
    pub email: String,
    pub password: String,
}

impl Account {
    /// Fresh credentials, not yet registered.
    pub fn fresh() -> Self {
        Self {
            email: format!("load-{}@example.org", Uuid::new_v4()),
            password: format!("{}{}", Uuid::new_v4().simple(), Uuid::new_v4().simple()),
        }
    }
}

/// Registers `n` more accounts, each through a client of its own so the
/// load's session stays as it is.
pub async fn register_accounts(base: &Url, n: usize) -> anyhow::Result<Vec<Account>> {
    let mut accounts = Vec::with_capacity(n);
    for _ in 0..n {
        let account = Account::fresh();
        Client::new(base.clone(), 1)?
            .register(&account.email, &account.password)
            .await?;
        accounts.push(account);
    }
    Ok(accounts)
}

/// `readers` dashboards reading `GET …/stats` every [`READ_EVERY`], each
/// from a random moment of its own slice of the first period, until `end`.
pub fn dashboards(
    client: Arc<Client>,
    event_id: &str,
    readers: usize,
    start: Instant,
    end: Instant,
    rng: &mut Rng,
) -> JoinHandle<Kind> {
    let mut dues = Vec::new();
    for r in 0..readers {
        let mut due = start + READ_EVERY.mul_f64((r as f64 + rng.unit()) / readers as f64);
        while due < end {
            dues.push(due);
            due += READ_EVERY;
        }
    }
    let path: Arc<str> = format!("/api/v1/events/{event_id}/stats").into();
    play(dues, StatusCode::OK, move |_| {
        let (client, path) = (client.clone(), path.clone());
        async move { client.get(&path, TIMEOUT).await }
    })
}

/// `n` sign-ins spread evenly (each at a random moment of its slice) from
/// `start` to `end`, the accounts taking turns.
pub fn sign_ins(
    client: Arc<Client>,
    accounts: Vec<Account>,
    n: usize,
    start: Instant,
    end: Instant,
    rng: &mut Rng,
) -> JoinHandle<Kind> {
    let span = end.saturating_duration_since(start);
    let dues = (0..n)
        .map(|i| start + span.mul_f64((i as f64 + rng.unit()) / n as f64))
        .collect();
    let accounts = Arc::new(accounts);
    play(dues, StatusCode::OK, move |i| {
        let (client, accounts) = (client.clone(), accounts.clone());
        async move {
            let a = &accounts[i % accounts.len()];
            client.sign_in(&a.email, &a.password, TIMEOUT).await
        }
    })
}

/// Sends request `i` at `dues[i]` (after sorting), each in its own task so
/// a slow answer delays nothing, and gathers the figures once all answered.
fn play<F, Fut>(mut dues: Vec<Instant>, want: StatusCode, request: F) -> JoinHandle<Kind>
where
    F: Fn(usize) -> Fut + Send + 'static,
    Fut: Future<Output = anyhow::Result<Answer>> + Send + 'static,
{
    dues.sort_unstable();
    tokio::spawn(async move {
        let kind = Arc::new(Mutex::new(Kind::default()));
        let mut requests = JoinSet::new();
        for (i, due) in dues.into_iter().enumerate() {
            tokio::time::sleep_until(due).await;
            let (answer, kind) = (request(i), kind.clone());
            requests.spawn(async move {
                let result = answer.await;
                kind.lock().expect("kind lock").record(&result, want);
            });
        }
        while requests.join_next().await.is_some() {}
        let figures = std::mem::take(&mut *kind.lock().expect("kind lock"));
        figures
    })
}
