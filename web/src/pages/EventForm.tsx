// Creating an event, and the same form for editing one (Settings tab).
// Start and end are typed as wall-clock times of the event's own time zone
// and sent to the API as UTC instants.
import { useMemo, useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router-dom";
import { api } from "../api/client";
import type { EventView, LocaleName } from "../api/types";
import { ErrorBanner, Field, SelectField, Status } from "../components/ui";
import { useI18n } from "../i18n";
import { fieldMessages } from "../i18n/errors";
import { usePageTitle } from "../lib/page";
import { browserTimeZone, timeZoneList, utcToZonedLocal, zonedLocalToUtc } from "../lib/time";

interface Draft {
  name: string;
  start: string;
  end: string;
  venue: string;
  timezone: string;
  locale: LocaleName;
}

/** A new event prints in the organizer's language; an existing one in its own (English when unset). */
function draftOf(ev: EventView | undefined, lang: LocaleName): Draft {
  if (!ev) return { name: "", start: "", end: "", venue: "", timezone: browserTimeZone(), locale: lang };
  return {
    name: ev.name,
    start: utcToZonedLocal(ev.starts_at, ev.timezone),
    end: utcToZonedLocal(ev.ends_at, ev.timezone),
    venue: ev.venue,
    timezone: ev.timezone,
    locale: ev.locale ?? "en",
  };
}

const API_FIELDS = { starts_at: "start", ends_at: "end" };

/** The event form: creates when `initial` is absent, otherwise saves changes. */
export function EventEditor({ initial, onSaved }: { initial?: EventView; onSaved: (ev: EventView) => void }) {
  const { t, lang } = useI18n();
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial, lang));
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState("");
  const zones = useMemo(() => timeZoneList(browserTimeZone(), initial?.timezone ?? ""), [initial?.timezone]);
  const fields = { ...fieldMessages(error, t, API_FIELDS), ...local };
  const set = (key: keyof Draft) => (e: { target: { value: string } }) => {
    setDraft((d) => ({ ...d, [key]: e.target.value }));
    setSaved("");
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems: Record<string, string> = {};
    const startsAt = zonedLocalToUtc(draft.start, draft.timezone);
    const endsAt = zonedLocalToUtc(draft.end, draft.timezone);
    if (!draft.name.trim()) problems.name = t("field.required");
    if (!startsAt) problems.start = draft.start ? t("field.invalid") : t("field.required");
    if (!endsAt) problems.end = draft.end ? t("field.invalid") : t("field.required");
    if (startsAt && endsAt && Date.parse(endsAt) <= Date.parse(startsAt)) problems.end = t("field.before_start");
    setLocal(problems);
    setError(null);
    if (Object.keys(problems).length) return;
    const body = {
      name: draft.name.trim(),
      starts_at: startsAt,
      ends_at: endsAt,
      venue: draft.venue.trim(),
      timezone: draft.timezone,
      locale: draft.locale,
    };
    setBusy(true);
    try {
      const ev = initial
        ? await api.json<EventView>(`/api/v1/events/${initial.id}`, { method: "PATCH", body })
        : await api.json<EventView>("/api/v1/events", { method: "POST", body });
      setDraft(draftOf(ev, lang));
      setSaved(initial ? t("dash.eventForm.saved") : "");
      onSaved(ev);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="stack-form">
      <ErrorBanner error={error} />
      <Field label={t("dash.eventForm.name")} name="name" value={draft.name} onChange={set("name")} required maxLength={200} error={fields.name} />
      <SelectField
        label={t("dash.eventForm.timezone")}
        name="timezone"
        value={draft.timezone}
        onChange={set("timezone")}
        hint={t("dash.eventForm.timezoneHint")}
        error={fields.timezone}
      >
        {zones.map((z) => (
          <option key={z} value={z}>
            {z.replace(/_/g, " ")}
          </option>
        ))}
      </SelectField>
      <div className="two-col">
        <Field
          label={t("dash.eventForm.start")}
          name="start"
          type="datetime-local"
          value={draft.start}
          onChange={set("start")}
          required
          hint={t("dash.eventForm.inZone", { zone: draft.timezone })}
          error={fields.start}
        />
        <Field
          label={t("dash.eventForm.end")}
          name="end"
          type="datetime-local"
          value={draft.end}
          onChange={set("end")}
          min={draft.start || undefined}
          required
          hint={t("dash.eventForm.inZone", { zone: draft.timezone })}
          error={fields.end}
        />
      </div>
      <Field label={t("dash.eventForm.venue")} name="venue" value={draft.venue} onChange={set("venue")} maxLength={300} error={fields.venue} />
      <SelectField
        label={t("dash.eventForm.locale")}
        name="locale"
        value={draft.locale}
        onChange={set("locale")}
        hint={t("dash.eventForm.localeHint")}
        error={fields.locale}
      >
        <option value="en">English</option>
        <option value="fr">Français</option>
      </SelectField>
      <div className="actions start">
        <button type="submit" className="primary" disabled={busy} aria-busy={busy || undefined}>
          {initial ? t("common.save") : t("dash.eventForm.create")}
        </button>
      </div>
      <Status>{saved}</Status>
    </form>
  );
}

/** `/events/new`. */
export function EventForm() {
  const { t } = useI18n();
  const navigate = useNavigate();
  usePageTitle([t("dash.eventForm.newTitle")]);
  return (
    <main id="main" className="narrow">
      <p className="crumbs">
        <Link to="/">← {t("dash.events.title")}</Link>
      </p>
      <h1>{t("dash.eventForm.newTitle")}</h1>
      <EventEditor onSaved={(ev) => navigate(`/events/${ev.id}`)} />
    </main>
  );
}
