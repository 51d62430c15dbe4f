// The Settings section: edit the event, archive or bring it back, and for
// owners delete it (refused while it has tickets: archive instead).
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { api, ApiError } from "../../api/client";
import type { EventView } from "../../api/types";
import { Confirm, ErrorBanner, Status } from "../../components/ui";
import { useI18n } from "../../i18n";
import { describeError } from "../../i18n/errors";
import { eventPath } from "../../lib/query";
import { EventEditor } from "../EventForm";
import { DoorSettings } from "./DoorSettings";

export function Settings({ event, onChange }: { event: EventView; onChange: (ev: EventView) => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [archiving, setArchiving] = useState(false);
  const [archiveError, setArchiveError] = useState<unknown>(null);
  const [archiveNote, setArchiveNote] = useState("");
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<unknown>(null);
  const hasTickets = deleteError instanceof ApiError && deleteError.code === "event_has_tickets";

  async function setArchived(archived: boolean) {
    setArchiving(true);
    setArchiveError(null);
    setArchiveNote("");
    try {
      const ev = await api.json<EventView>(eventPath(event.id), { method: "PATCH", body: { archived } });
      onChange(ev);
      setArchiveNote(archived ? t("dash.settings.archivedOk") : t("dash.settings.unarchivedOk"));
      setDeleteError(null);
    } catch (err) {
      setArchiveError(err);
    } finally {
      setArchiving(false);
    }
  }

  async function remove() {
    setDeleting(true);
    setDeleteError(null);
    try {
      await api.json<void>(eventPath(event.id), { method: "DELETE" });
      navigate("/", { replace: true, state: { deleted: event.name } });
    } catch (err) {
      setDeleteError(err);
      setConfirmDelete(false);
    } finally {
      setDeleting(false);
    }
  }

  return (
    <section aria-labelledby="settings-title">
      <h2 id="settings-title">{t("dash.tab.settings")}</h2>
      <section aria-labelledby="edit-title" className="card">
        <h3 id="edit-title">{t("dash.settings.details")}</h3>
        <EventEditor key={event.id} initial={event} onSaved={onChange} />
      </section>

      <DoorSettings event={event} onChange={onChange} />

      <section aria-labelledby="archive-title" className="card">
        <h3 id="archive-title">{event.archived ? t("dash.settings.unarchiveTitle") : t("dash.settings.archiveTitle")}</h3>
        <p>{event.archived ? t("dash.settings.unarchiveText") : t("dash.settings.archiveText")}</p>
        <ErrorBanner error={archiveError} />
        <button type="button" onClick={() => void setArchived(!event.archived)} disabled={archiving} aria-busy={archiving || undefined}>
          {event.archived ? t("dash.settings.unarchive") : t("dash.settings.archive")}
        </button>
        <Status>{archiveNote}</Status>
      </section>

      {event.role === "owner" && (
        <section aria-labelledby="delete-title" className="card card-danger">
          <h3 id="delete-title">{t("dash.settings.deleteTitle")}</h3>
          <p>{t("dash.settings.deleteText")}</p>
          {Boolean(deleteError) && (
            <div className="banner banner-error" role="alert">
              <p>{describeError(deleteError, t)}</p>
              {hasTickets && !event.archived && (
                <button type="button" onClick={() => void setArchived(true)} disabled={archiving}>
                  {t("dash.settings.archiveInstead")}
                </button>
              )}
            </div>
          )}
          <button type="button" className="danger" onClick={() => setConfirmDelete(true)}>
            {t("dash.settings.delete")}
          </button>
        </section>
      )}

      <Confirm
        open={confirmDelete}
        title={t("dash.settings.deleteConfirm", { name: event.name })}
        confirmLabel={t("dash.settings.delete")}
        danger
        busy={deleting}
        onConfirm={() => void remove()}
        onCancel={() => setConfirmDelete(false)}
      >
        <p>{t("dash.settings.deleteConfirmText")}</p>
      </Confirm>
    </section>
  );
}
