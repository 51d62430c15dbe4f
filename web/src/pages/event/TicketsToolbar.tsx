// The Tickets section's toolbar (owners and managers): add tickets, the CSV
// export, the printable PDF in the chosen layout, and e-mail every ticket
// not yet sent.
import { useState } from "react";
import { Link } from "react-router-dom";
import { sendUnsent, type SendReport } from "../../api/delivery";
import type { EventView, LayoutName } from "../../api/types";
import { DownloadButton } from "../../components/Download";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n/messages";
import { eventPath } from "../../lib/query";

/** Every layout of the printable PDF (the record makes the list complete). */
const LAYOUT_LABELS: Record<LayoutName, MessageKey> = {
  a4: "dash.tickets.layout.a4",
  letter: "dash.tickets.layout.letter",
  sheet8: "dash.tickets.layout.sheet8",
  badge: "dash.tickets.layout.badge",
};

export function TicketsToolbar({
  event,
  onQueued,
  onError,
}: {
  event: EventView;
  onQueued: (report: SendReport) => void;
  onError: (error: unknown) => void;
}) {
  const { t } = useI18n();
  const [layout, setLayout] = useState<LayoutName>("a4");
  const [busy, setBusy] = useState(false);

  async function mailUnsent() {
    setBusy(true);
    onError(null);
    try {
      onQueued(await sendUnsent(event.id));
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="toolbar">
      <Link to={`/events/${event.id}/tickets/add`} className="button primary">
        {t("dash.tickets.add")}
      </Link>
      <DownloadButton path={eventPath(event.id, "/tickets/export.csv")} filename={`tickets-${event.id}.csv`}>
        {t("dash.tickets.exportCsv")}
      </DownloadButton>
      <select
        value={layout}
        onChange={(e) => setLayout(e.target.value as LayoutName)}
        aria-label={t("dash.tickets.pdfLayout")}
        data-testid="pdf-layout"
      >
        {(Object.keys(LAYOUT_LABELS) as LayoutName[]).map((l) => (
          <option key={l} value={l}>
            {t(LAYOUT_LABELS[l])}
          </option>
        ))}
      </select>
      <DownloadButton path={eventPath(event.id, `/tickets.pdf?layout=${layout}`)} filename={`tickets-${event.id}-${layout}.pdf`}>
        {t("dash.tickets.allPdf")}
      </DownloadButton>
      <button type="button" disabled={busy} onClick={() => void mailUnsent()} data-testid="mail-unsent">
        {t("dash.mail.sendUnsent")}
      </button>
    </div>
  );
}
