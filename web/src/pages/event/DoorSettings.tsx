// The door's settings: whether door devices keep holders' names in their
// offline pack (phones get lost; an event may prefer ticket ids only).
import { useState } from "react";
import { api } from "../../api/client";
import type { EventView } from "../../api/types";
import { ErrorBanner, Status } from "../../components/ui";
import { useI18n } from "../../i18n";
import { eventPath } from "../../lib/query";

export function DoorSettings({ event, onChange }: { event: EventView; onChange: (ev: EventView) => void }) {
  const { t } = useI18n();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState("");

  async function setNames(door_names: boolean) {
    setSaving(true);
    setError(null);
    setNote("");
    try {
      onChange(await api.json<EventView>(eventPath(event.id), { method: "PATCH", body: { door_names } }));
      setNote(door_names ? t("dash.settings.doorNamesOn") : t("dash.settings.doorNamesOff"));
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  }

  return (
    <section aria-labelledby="door-settings-title" className="card">
      <h3 id="door-settings-title">{t("dash.settings.doorTitle")}</h3>
      <label className="check">
        <input
          type="checkbox"
          checked={event.door_names}
          disabled={saving}
          onChange={(e) => void setNames(e.target.checked)}
        />
        {t("dash.settings.doorNames")}
      </label>
      <p className="hint">{t("dash.settings.doorNamesHint")}</p>
      <ErrorBanner error={error} />
      <Status>{note}</Status>
    </section>
  );
}
