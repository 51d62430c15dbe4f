use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A person's role on one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Full control, including deleting the event and managing owners.
    Owner,
    /// Manages the event, its tickets and its scanner staff.
    Manager,
    /// Scans tickets at the door of this event only.
    Scanner,
}

impl Role {
    /// The stable lower-case name used in the API and in storage.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Manager => "manager",
            Role::Scanner => "scanner",
        }
    }

    /// Whether this role may change the event and read its members.
    pub fn can_manage(self) -> bool {
        matches!(self, Role::Owner | Role::Manager)
    }

    /// Order of rights: owner above manager above scanner.
    pub fn rank(self) -> u8 {
        match self {
            Role::Owner => 3,
            Role::Manager => 2,
            Role::Scanner => 1,
        }
    }

    /// Whether a person with this role may grant or remove `target`.
    pub fn can_assign(self, target: Role) -> bool {
        match self {
            Role::Owner => true,
            Role::Manager => target == Role::Scanner,
            Role::Scanner => false,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "owner" => Ok(Role::Owner),
            "manager" => Ok(Role::Manager),
            "scanner" => Ok(Role::Scanner),
            _ => Err(()),
        }
    }
}

/// The role a given user holds on a given event: the proof that object-level
/// authorization has been checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventRole {
    /// The event the role is on.
    pub event_id: crate::EventId,
    /// The role held.
    pub role: Role,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn managers_assign_only_scanners() {
        assert!(Role::Manager.can_assign(Role::Scanner));
        assert!(!Role::Manager.can_assign(Role::Manager));
        assert!(!Role::Manager.can_assign(Role::Owner));
        assert!(Role::Owner.can_assign(Role::Owner));
        assert!(!Role::Scanner.can_assign(Role::Scanner));
    }

    #[test]
    fn round_trips_names() {
        for role in [Role::Owner, Role::Manager, Role::Scanner] {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
        assert!("admin".parse::<Role>().is_err());
    }
}
