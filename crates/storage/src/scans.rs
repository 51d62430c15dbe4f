//! What every backend shares when it decides scans: the audit entry a scan
//! writes, and the results of a group of scans committed together (ADR 0012).

use qr_event_domain::RejectReason;

use crate::{AuditRecord, ScanAttempt, ScanDecision, ScanMode, StorageError};

/// The answers of a group of scans committed together, one per attempt in
/// the order given; an attempt's own error (its `scan_id` claimed for
/// another event, or still in flight) does not fail the others.
pub type ScanResults = Vec<Result<ScanDecision, StorageError>>;

/// Largest group a backend is asked to decide in one transaction.
pub const MAX_SCAN_GROUP: usize = 256;

impl ScanAttempt {
    /// The audit entry of this scan decided with `reason` (`None` admits),
    /// the same on every backend: `ticket.scan` or `ticket.verify`, the
    /// ticket as subject, and result, reason, gate, scan id, mode, device
    /// (and `manual` when chosen by hand) as details.
    pub fn audit_record(&self, reason: Option<RejectReason>) -> AuditRecord {
        let mut details = serde_json::json!({
            "result": if reason.is_none() { "admitted" } else { "rejected" },
            "reason": reason.map(RejectReason::as_str),
            "gate": self.gate,
            "scan_id": self.scan_id.to_string(),
            "mode": self.mode.as_str(),
            "device_id": self.device_id.map(|d| d.to_string()),
        });
        if self.manual {
            details["manual"] = serde_json::Value::Bool(true);
        }
        AuditRecord {
            id: self.audit_id,
            at: self.now,
            event_id: Some(self.event_id),
            actor_id: self.scanner_id,
            action: match self.mode {
                ScanMode::CheckIn => "ticket.scan",
                ScanMode::Verify => "ticket.verify",
            }
            .to_owned(),
            outcome: if reason.is_none() {
                "success"
            } else {
                "failure"
            }
            .to_owned(),
            subject: Some(self.ticket_id.to_string()),
            client_ip: self.client_ip.clone(),
            request_id: self.request_id.clone(),
            details,
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, Utc};
    use qr_event_domain::{EventId, RejectReason, TicketId};
    use uuid::Uuid;

    use crate::{ScanAttempt, ScanMode};

    fn attempt(mode: ScanMode, manual: bool) -> ScanAttempt {
        ScanAttempt {
            scan_id: Uuid::new_v4(),
            audit_id: Uuid::now_v7(),
            event_id: EventId(Uuid::now_v7()),
            ticket_id: TicketId::random(),
            scanner_id: None,
            gate: Some("North".into()),
            device_id: None,
            device_day: None,
            mode,
            manual,
            now: Utc::now(),
            skew: Duration::seconds(30),
            client_ip: None,
            request_id: None,
        }
    }

    #[test]
    fn audit_entry_says_what_was_decided() {
        let a = attempt(ScanMode::CheckIn, false);
        let admitted = a.audit_record(None);
        assert_eq!((admitted.id, admitted.at), (a.audit_id, a.now));
        assert_eq!(
            (admitted.action.as_str(), admitted.outcome.as_str()),
            ("ticket.scan", "success")
        );
        assert_eq!(admitted.subject, Some(a.ticket_id.to_string()));
        assert_eq!(admitted.details["result"], "admitted");
        assert!(admitted.details["reason"].is_null());
        assert!(admitted.details.get("manual").is_none());
        let v = attempt(ScanMode::Verify, true);
        let refused = v.audit_record(Some(RejectReason::Revoked));
        assert_eq!(
            (refused.action.as_str(), refused.outcome.as_str()),
            ("ticket.verify", "failure")
        );
        assert_eq!(refused.details["reason"], "revoked");
        assert_eq!(refused.details["mode"], "verify");
        assert_eq!(refused.details["manual"], true);
        assert_eq!(refused.details["scan_id"], v.scan_id.to_string());
    }
}
