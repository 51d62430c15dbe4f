// Words for the door's own state: how fresh the ticket list is, and the
// conflicts an upload revealed.
import type { DoorConflict } from "../../door/types";
import type { T } from "../../i18n";

/** "just now", "12 s ago", "3 min ago"… */
export function ago(t: T, ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 5) return t("door.ago.now");
  if (s < 60) return t("door.ago.seconds", { n: s });
  if (s < 3600) return t("door.ago.minutes", { n: Math.floor(s / 60) });
  return t("door.ago.hours", { n: Math.floor(s / 3600) });
}

/**
 * One sentence for a conflict reported to this device. The server reports
 * the conflicts whose later admission (`second`) was made here, so the other
 * door is `first`.
 */
export function conflictText(c: DoorConflict, t: T): string {
  const name = c.holder_name || `#${c.ticket_id.slice(0, 8)}`;
  switch (c.reason) {
    case "already_used": {
      const gate = c.first?.gate;
      return gate ? t("door.conflict.already_used.gate", { name, gate }) : t("door.conflict.already_used", { name });
    }
    case "revoked":
    case "expired":
    case "not_yet_valid":
      return t(`door.conflict.${c.reason}`, { name });
    default:
      return t("door.conflict.other", { name, reason: c.reason });
  }
}
