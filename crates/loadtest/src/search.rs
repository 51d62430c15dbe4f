//! Ticket search on a large event: the list endpoint with `search`, for
//! terms that match a handful of tickets, most of them, or none, one
//! request at a time (the figure is the server's answer time, not a
//! throughput).

use std::time::{Duration, Instant};

use reqwest::StatusCode;

use crate::client::Client;
use crate::people;
use crate::report::Latency;
use crate::scan::Rng;

/// Draws a search term.
type Term = Box<dyn Fn(&mut Rng) -> String>;

/// One kind of search term and its answer times.
pub struct Kind {
    pub name: &'static str,
    pub example: String,
    pub latency: Option<Latency>,
}

/// Runs `requests` searches per kind on `event` (tickets named
/// `Guest <n>` by bulk issue, `n` from 1 to the batch size in each batch).
pub async fn run(
    client: &Client,
    event: &str,
    batch: u64,
    requests: usize,
) -> anyhow::Result<Vec<Kind>> {
    let names = batch as usize;
    let terms: Vec<(&'static str, Term)> = vec![
        (
            "one name (\"Guest 123456\")",
            Box::new(move |rng: &mut Rng| format!("Guest {}", 1 + rng.below(names))),
        ),
        (
            "a few (\"uest 4242\")",
            Box::new(move |rng: &mut Rng| format!("uest {}", 1 + rng.below((names / 100).max(1)))),
        ),
        (
            "most (\"Guest\")",
            Box::new(|_: &mut Rng| "Guest".to_owned()),
        ),
        (
            "none (\"Zoë\")",
            Box::new(|_: &mut Rng| "Zoë Ørsted".to_owned()),
        ),
    ];
    measure(client, event, requests, terms).await
}

/// Runs `requests` searches per kind on `event`, whose tickets were issued
/// to people with real-looking names (see `people`).
pub async fn run_people(
    client: &Client,
    event: &str,
    requests: usize,
) -> anyhow::Result<Vec<Kind>> {
    let terms: Vec<(&'static str, Term)> = vec![
        ("a person (\"Camille Martin\")", Box::new(people::full_name)),
        (
            "a surname (\"Fontaine\")",
            Box::new(|rng: &mut Rng| people::last_name(rng).to_owned()),
        ),
        (
            "a first name (\"Léa\")",
            Box::new(|rng: &mut Rng| people::first_name(rng).to_owned()),
        ),
        (
            "part of a name (\"ontai\")",
            Box::new(|rng: &mut Rng| {
                let last: Vec<char> = people::last_name(rng).chars().collect();
                let start = usize::from(last.len() > 4);
                last[start..last.len().min(start + 5)].iter().collect()
            }),
        ),
        (
            "nobody (\"Xavier Quintana\")",
            Box::new(|_: &mut Rng| "Xavier Quintana".to_owned()),
        ),
    ];
    measure(client, event, requests, terms).await
}

async fn measure(
    client: &Client,
    event: &str,
    requests: usize,
    terms: Vec<(&'static str, Term)>,
) -> anyhow::Result<Vec<Kind>> {
    let mut rng = Rng::new();
    let mut kinds = Vec::new();
    for (name, term) in terms {
        let mut times = Vec::with_capacity(requests);
        let mut example = String::new();
        for i in 0..requests {
            let q = term(&mut rng);
            let path = format!(
                "/api/v1/events/{event}/tickets?limit=50&q={}",
                urlencode(&q)
            );
            let started = Instant::now();
            let answer = client
                .get(&path, Duration::from_secs(30))
                .await?
                .expect(StatusCode::OK, "search")?;
            times.push(started.elapsed());
            if i == 0 {
                let found = answer.json()?["items"].as_array().map_or(0, Vec::len);
                example = format!("{q:?}: {found} on the first page");
            }
        }
        kinds.push(Kind {
            name,
            example,
            latency: Latency::of(times),
        });
    }
    Ok(kinds)
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Prints the answer times per kind of term.
pub fn print(tickets: u64, kinds: &[Kind]) {
    println!("ticket search on an event of {tickets} tickets (one request at a time, ms)");
    println!(
        "{:<30} {:>7} {:>8} {:>8} {:>8} {:>8}  first answer",
        "terms", "count", "p50", "p90", "p99", "max"
    );
    for kind in kinds {
        if let Some(l) = &kind.latency {
            println!(
                "{:<30} {:>7} {:>8.2} {:>8.2} {:>8.2} {:>8.2}  {}",
                kind.name, l.count, l.p50, l.p90, l.p99, l.max, kind.example
            );
        }
    }
}
