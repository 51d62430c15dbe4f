//! One repository test suite that every storage backend must pass.
//!
//! Each scenario is a `pub async fn` taking a [`Harness`]: a freshly migrated,
//! empty store plus the few hooks a scenario needs to reach behind the
//! repositories. A backend crate implements [`Harness`] in its
//! `tests/conformance.rs` and calls [`conformance_tests!`], which generates one
//! `#[tokio::test]` per scenario:
//!
//! ```ignore
//! struct MyHarness { /* … */ }
//! #[async_trait::async_trait]
//! impl qr_event_storage_conformance::Harness for MyHarness { /* … */ }
//! qr_event_storage_conformance::conformance_tests!(MyHarness);
//! ```

mod audit;
mod deliveries;
mod door;
mod events;
mod fixtures;
mod instance;
mod members;
mod scans;
mod sessions;
mod tickets;
mod users;

use std::future::Future;
use std::sync::Arc;

use async_trait::async_trait;
use qr_event_storage::Storage;

pub use audit::{audit_log_filters_and_pages, audit_log_is_append_only};
pub use deliveries::{
    deliveries_are_claimed_once_with_a_lease, deliveries_of_named_tickets_newest_first,
};
pub use door::concurrent_offline_uploads_admit_once_and_link_conflicts;
pub use events::{event_fields_round_trip, events_page_by_start_then_id};
pub use instance::{
    figures_count_live_sessions, first_keys_are_agreed_on, health_check_answers,
    rate_counters_count_every_hit_per_window, signing_keys_are_inserted_once,
};
pub use members::{
    concurrent_removals_keep_one_owner, members_page_by_time_added_then_id, the_last_owner_stays,
};
pub use scans::{
    concurrent_scan_groups_admit_each_ticket_once, device_scans_count_in_their_transaction,
    scan_groups_decide_as_if_in_sequence, scan_groups_of_distinct_tickets_decide_as_scans_alone,
};
pub use sessions::{
    concurrent_rotations_rotate_once, idle_session_does_not_rotate,
    refresh_token_reuse_revokes_the_session, sessions_expire_and_are_revoked,
};
pub use tickets::{
    audit_entries_are_sealed_and_verified, concurrent_scans_admit_once,
    reissue_and_access_rotation, scans_decide_atomically, tickets_insert_in_batches_and_page,
    tickets_search_and_page_newest_first,
};
pub use users::{
    concurrent_first_users_make_one_admin, first_user_is_admin_and_emails_are_unique,
    invited_account_is_claimed_once,
};

/// A backend under test: a fresh store per scenario and the hooks scenarios
/// need to look behind the repositories.
#[async_trait]
pub trait Harness: Send + Sync + 'static {
    /// A new, empty, migrated store of its own (file, database).
    ///
    /// `None` skips the scenario because the backend is not reachable here;
    /// an implementation must panic instead when skipping is not allowed
    /// (e.g. on CI).
    async fn fresh() -> Option<Self>
    where
        Self: Sized;

    /// The repositories under test.
    fn storage(&self) -> &Storage;

    /// Runs one SQL statement directly on the database, bypassing the
    /// repositories; the error is the driver's message.
    async fn execute_raw(&self, sql: &str) -> Result<u64, String>;

    /// Statements that try to change or erase audit entries behind the
    /// repository's back, in this backend's SQL. The database itself must
    /// refuse every one of them.
    fn audit_tampering(&self) -> &'static [&'static str];

    /// Releases what [`Harness::fresh`] created. Runs after every scenario,
    /// including one that failed.
    async fn teardown(&self);
}

/// Runs one scenario on a fresh store of `H`, then tears the store down, even
/// when the scenario panics; the panic is then passed on to fail the test.
pub async fn run<H, F, Fut>(scenario: F)
where
    H: Harness,
    F: FnOnce(Arc<H>) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let Some(harness) = H::fresh().await else {
        return;
    };
    let harness = Arc::new(harness);
    // On its own task so that a failed assertion still reaches the teardown.
    let outcome = tokio::spawn(scenario(Arc::clone(&harness))).await;
    harness.teardown().await;
    if let Err(err) = outcome {
        match err.try_into_panic() {
            Ok(panic) => std::panic::resume_unwind(panic),
            Err(err) => panic!("scenario task did not finish: {err}"),
        }
    }
}

/// Generates one `#[tokio::test]` per conformance scenario for the given
/// [`Harness`] type. The calling crate needs `tokio` (with `macros` and
/// `rt-multi-thread`) among its dev-dependencies.
#[macro_export]
macro_rules! conformance_tests {
    ($harness:ty) => {
        $crate::conformance_tests!(@scenarios $harness;
            first_user_is_admin_and_emails_are_unique,
            concurrent_first_users_make_one_admin,
            invited_account_is_claimed_once,
            refresh_token_reuse_revokes_the_session,
            idle_session_does_not_rotate,
            concurrent_rotations_rotate_once,
            sessions_expire_and_are_revoked,
            the_last_owner_stays,
            concurrent_removals_keep_one_owner,
            members_page_by_time_added_then_id,
            events_page_by_start_then_id,
            event_fields_round_trip,
            audit_log_is_append_only,
            audit_log_filters_and_pages,
            signing_keys_are_inserted_once,
            health_check_answers,
            figures_count_live_sessions,
            first_keys_are_agreed_on,
            tickets_insert_in_batches_and_page,
            tickets_search_and_page_newest_first,
            scans_decide_atomically,
            concurrent_scans_admit_once,
            scan_groups_decide_as_if_in_sequence,
            scan_groups_of_distinct_tickets_decide_as_scans_alone,
            concurrent_scan_groups_admit_each_ticket_once,
            device_scans_count_in_their_transaction,
            concurrent_offline_uploads_admit_once_and_link_conflicts,
            reissue_and_access_rotation,
            audit_entries_are_sealed_and_verified,
            rate_counters_count_every_hit_per_window,
            deliveries_are_claimed_once_with_a_lease,
            deliveries_of_named_tickets_newest_first,
        );
    };
    (@scenarios $harness:ty; $($scenario:ident),* $(,)?) => {$(
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn $scenario() {
            $crate::run::<$harness, _, _>(|harness| async move {
                $crate::$scenario(&*harness).await;
            })
            .await;
        }
    )*};
}
