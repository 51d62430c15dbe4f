//! Tamper evidence: audit entries are sealed in batches into one hash chain
//! per event (and one for the instance). A seal hashes its entries and the
//! previous seal, so writers never wait on a shared "last hash" row; only the
//! background sealer appends seals.
//!
//! `seal_hash = SHA-256("qr-event/audit-seal/v1" ‖ chain ‖ seq ‖ prev_hash ‖
//! row_count ‖ row_hash…)`, `row_hash = SHA-256(canonical JSON of the entry)`.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use qr_event_storage::{chain_of, AuditRecord, AuditRepo, AuditSeal, StorageError};
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// Hash of the seal before the first one.
pub const GENESIS: [u8; 32] = [0; 32];

fn canonical(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let sorted: BTreeMap<&String, Value> =
                map.iter().map(|(k, v)| (k, canonical(v))).collect();
            Value::Object(sorted.into_iter().map(|(k, v)| (k.clone(), v)).collect())
        }
        Value::Array(items) => Value::Array(items.iter().map(canonical).collect()),
        other => other.clone(),
    }
}

/// Hash of one entry over every stored field, in a fixed order.
pub fn row_hash(r: &AuditRecord) -> [u8; 32] {
    let fields = serde_json::json!([
        r.id.to_string(),
        r.at.timestamp_micros(),
        r.event_id.map(|e| e.0.to_string()),
        r.actor_id.map(|a| a.0.to_string()),
        r.action,
        r.outcome,
        r.subject,
        r.client_ip,
        r.request_id,
        canonical(&r.details),
    ]);
    let mut hasher = Sha256::new();
    hasher.update(b"qr-event/audit-row/v1\0");
    hasher.update(fields.to_string().as_bytes());
    hasher.finalize().into()
}

/// Hash of a seal over its rows (sorted by id) and its predecessor.
pub fn seal_hash(chain: &str, seq: i64, prev_hash: &[u8], rows: &[AuditRecord]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(b"qr-event/audit-seal/v1\0");
    hasher.update((chain.len() as u32).to_be_bytes());
    hasher.update(chain.as_bytes());
    hasher.update(seq.to_be_bytes());
    hasher.update(prev_hash);
    hasher.update((rows.len() as u32).to_be_bytes());
    for row in rows {
        hasher.update(row_hash(row));
    }
    hasher.finalize().into()
}

/// The smallest UUIDv7 of a time: a lower bound on ids written after it.
pub fn uuid_floor(at: DateTime<Utc>) -> Uuid {
    let ms = at.timestamp_millis().max(0) as u64;
    let mut bytes = [0u8; 16];
    bytes[..6].copy_from_slice(&ms.to_be_bytes()[2..]);
    bytes[6] = 0x70;
    bytes[8] = 0x80;
    Uuid::from_bytes(bytes)
}

/// Appends seals for entries written before `now - settle`.
#[derive(Clone)]
pub struct Sealer {
    repo: Arc<dyn AuditRepo>,
    settle: Duration,
    batch: u32,
}

impl Sealer {
    /// A sealer over `repo`; entries are sealed once `settle` old.
    pub fn new(repo: Arc<dyn AuditRepo>, settle: Duration) -> Self {
        Self {
            repo,
            settle,
            batch: 5_000,
        }
    }

    /// One pass over unsealed entries from `from_id` on; returns how many
    /// entries were sealed. Concurrent sealers are safe: the loser of a race
    /// stores nothing and the entries are sealed by the next pass.
    pub async fn seal_once(
        &self,
        from_id: Option<Uuid>,
        now: DateTime<Utc>,
    ) -> Result<usize, StorageError> {
        let mut sealed = 0;
        loop {
            let rows = self
                .repo
                .unsealed(from_id, now - self.settle, self.batch)
                .await?;
            if rows.is_empty() {
                return Ok(sealed);
            }
            let full = rows.len() == self.batch as usize;
            let mut by_chain: BTreeMap<String, Vec<AuditRecord>> = BTreeMap::new();
            for row in rows {
                by_chain.entry(chain_of(&row)).or_default().push(row);
            }
            let mut progressed = false;
            for (chain, rows) in by_chain {
                let last = self.repo.last_seal(&chain).await?;
                let (seq, prev) = match &last {
                    Some(seal) => (seal.seq + 1, seal.hash.clone()),
                    None => (1, GENESIS.to_vec()),
                };
                let seal = AuditSeal {
                    hash: seal_hash(&chain, seq, &prev, &rows).to_vec(),
                    chain,
                    seq,
                    row_count: rows.len() as i32,
                    prev_hash: prev,
                    sealed_at: now,
                };
                let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
                if self.repo.append_seal(&seal, &ids).await? {
                    sealed += ids.len();
                    progressed = true;
                }
            }
            if !full || !progressed {
                return Ok(sealed);
            }
        }
    }
}

/// Result of checking one chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainReport {
    /// The chain: an event id or `instance`.
    pub chain: String,
    /// True when every seal matches its entries and its predecessor.
    pub intact: bool,
    /// Seals checked.
    pub seals: u64,
    /// Entries covered by those seals.
    pub sealed_entries: u64,
    /// Entries not sealed yet (sealed within seconds while the server runs).
    pub unsealed_entries: u64,
    /// The first broken seal, if any.
    pub first_broken_seq: Option<i64>,
    /// What is wrong with it.
    pub problem: Option<String>,
}

/// Recomputes every seal of `chain`.
pub async fn verify_chain(repo: &dyn AuditRepo, chain: &str) -> Result<ChainReport, StorageError> {
    let mut report = ChainReport {
        chain: chain.to_owned(),
        intact: true,
        seals: 0,
        sealed_entries: 0,
        unsealed_entries: repo.unsealed_count(chain).await?,
        first_broken_seq: None,
        problem: None,
    };
    let mut prev = GENESIS.to_vec();
    let mut expected_seq = 1;
    let mut after = 0;
    'pages: loop {
        let seals = repo.seals(chain, after, 500).await?;
        if seals.is_empty() {
            break;
        }
        for seal in &seals {
            after = seal.seq;
            let rows = repo.sealed_rows(chain, seal.seq).await?;
            let problem = if seal.seq != expected_seq {
                Some(format!("seal {expected_seq} is missing"))
            } else if seal.prev_hash != prev {
                Some("the seal does not follow its predecessor".to_owned())
            } else if rows.len() != seal.row_count as usize {
                Some(format!(
                    "{} entries expected, {} found",
                    seal.row_count,
                    rows.len()
                ))
            } else if seal_hash(chain, seal.seq, &prev, &rows).as_slice() != seal.hash.as_slice() {
                Some("an entry was altered".to_owned())
            } else {
                None
            };
            if let Some(problem) = problem {
                report.intact = false;
                report.first_broken_seq = Some(seal.seq);
                report.problem = Some(problem);
                break 'pages;
            }
            report.seals += 1;
            report.sealed_entries += rows.len() as u64;
            prev = seal.hash.clone();
            expected_seq += 1;
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(details: Value) -> AuditRecord {
        AuditRecord {
            id: Uuid::now_v7(),
            at: Utc::now(),
            event_id: None,
            actor_id: None,
            action: "ticket.scan".into(),
            outcome: "success".into(),
            subject: None,
            client_ip: Some("127.0.0.1".into()),
            request_id: None,
            details,
        }
    }

    #[test]
    fn row_hash_ignores_key_order_but_not_values() {
        let a = record(serde_json::json!({"a": 1, "b": {"x": 1, "y": 2}}));
        let mut b = a.clone();
        b.details = serde_json::from_str(r#"{"b": {"y": 2, "x": 1}, "a": 1}"#).unwrap();
        assert_eq!(row_hash(&a), row_hash(&b));
        b.details = serde_json::json!({"a": 2, "b": {"x": 1, "y": 2}});
        assert_ne!(row_hash(&a), row_hash(&b));
        let mut c = a.clone();
        c.outcome = "failure".into();
        assert_ne!(row_hash(&a), row_hash(&c));
    }

    #[test]
    fn uuid_floor_orders_before_later_ids() {
        let t = Utc::now();
        let floor = uuid_floor(t - Duration::seconds(1));
        assert!(floor < Uuid::now_v7());
        assert!(uuid_floor(t + Duration::seconds(5)) > Uuid::now_v7());
    }
}
