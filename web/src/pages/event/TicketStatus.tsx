// A ticket's state in words and colour: active or revoked, and used up.
import type { TicketResponse } from "../../api/types";
import { Badge } from "../../components/ui";
import { useI18n } from "../../i18n";

export function TicketStatus({ ticket }: { ticket: Pick<TicketResponse, "status" | "uses" | "max_uses"> }) {
  const { t } = useI18n();
  const revoked = ticket.status === "revoked";
  return (
    <span className="badges">
      <Badge tone={revoked ? "bad" : "ok"}>{revoked ? t("dash.status.revoked") : t("dash.status.active")}</Badge>
      {!revoked && ticket.uses > 0 && ticket.uses >= ticket.max_uses && <Badge tone="muted">{t("dash.status.usedUp")}</Badge>}
    </span>
  );
}
