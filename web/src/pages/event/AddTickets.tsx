// Adding tickets: one at a time, N identical ones, or from a CSV file.
import { useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { api } from "../../api/client";
import type { BatchResult, EventView, TicketResponse } from "../../api/types";
import { ErrorBanner, Field, SelectField, Status, TextAreaField } from "../../components/ui";
import { useI18n } from "../../i18n";
import { fieldMessages, otherFieldMessages } from "../../i18n/errors";
import { countText } from "../../lib/reasons";
import { eventPath } from "../../lib/query";
import { zonedLocalToUtc } from "../../lib/time";
import { CsvImport } from "./CsvImport";

const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim();
const optional = (value: string) => (value ? value : undefined);

export function AddTickets({ event }: { event: EventView }) {
  const { t } = useI18n();
  const base = `/events/${event.id}`;
  return (
    <section aria-labelledby="add-title">
      <p className="crumbs">
        <Link to={`${base}/tickets`}>← {t("dash.ticket.back")}</Link>
      </p>
      <h2 id="add-title">{t("dash.tickets.add")}</h2>
      <div className="add-grid">
        <IssueOne event={event} />
        <IssueMany event={event} />
      </div>
      <CsvImport event={event} />
    </section>
  );
}

function IssueOne({ event }: { event: EventView }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<TicketResponse | null>(null);
  const fields = { ...fieldMessages(error, t), ...local };
  const zone = event.timezone;

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const problems: Record<string, string> = {};
    const holder = text(form, "holder_name");
    if (!holder) problems.holder_name = t("field.required");
    const times: Record<string, string | undefined> = {};
    for (const name of ["valid_from", "valid_until"]) {
      const raw = text(form, name);
      const utc = raw ? zonedLocalToUtc(raw, zone) : null;
      if (raw && !utc) problems[name] = t("field.invalid");
      times[name] = utc ?? undefined;
    }
    setLocal(problems);
    setError(null);
    setIssued(null);
    if (Object.keys(problems).length) return;
    const maxUses = Number(text(form, "max_uses") || "1");
    const body = {
      holder_name: holder,
      holder_email: optional(text(form, "holder_email")),
      category: optional(text(form, "category")),
      max_uses: maxUses,
      note: optional(text(form, "note")),
      locale: optional(text(form, "locale")),
      ...times,
    };
    setBusy(true);
    try {
      const ticket = await api.json<TicketResponse>(eventPath(event.id, "/tickets"), { method: "POST", body });
      setIssued(ticket);
      formEl.reset();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const rest = otherFieldMessages(error, t, ["holder_name", "holder_email", "category", "max_uses", "valid_from", "valid_until", "note", "locale"]);
  return (
    <section aria-labelledby="one-title" className="card">
      <h3 id="one-title">{t("dash.issue.oneTitle")}</h3>
      <form onSubmit={submit} noValidate>
        <ErrorBanner error={error} />
        {rest.length > 0 && (
          <ul className="field-error">
            {rest.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        )}
        <Field label={t("dash.issue.holderName")} name="holder_name" required maxLength={200} autoComplete="off" error={fields.holder_name} />
        <Field label={t("dash.issue.holderEmail")} name="holder_email" type="email" autoComplete="off" error={fields.holder_email} />
        <div className="two-col">
          <Field label={t("dash.issue.category")} name="category" maxLength={100} error={fields.category} />
          <Field
            label={t("dash.issue.maxUses")}
            name="max_uses"
            type="number"
            inputMode="numeric"
            min={1}
            max={1000}
            defaultValue={1}
            hint={t("dash.issue.maxUsesHint")}
            error={fields.max_uses}
          />
        </div>
        <fieldset className="plain">
          <legend>{t("dash.issue.validity")}</legend>
          <p className="hint">{t("dash.issue.validityHint", { zone })}</p>
          <div className="two-col">
            <Field label={t("dash.issue.validFrom")} name="valid_from" type="datetime-local" error={fields.valid_from} />
            <Field label={t("dash.issue.validUntil")} name="valid_until" type="datetime-local" error={fields.valid_until} />
          </div>
        </fieldset>
        <TextAreaField label={t("dash.issue.note")} name="note" rows={2} hint={t("dash.issue.noteHint")} error={fields.note} />
        <SelectField label={t("dash.issue.locale")} name="locale" defaultValue="" error={fields.locale}>
          <option value="">{t("dash.issue.localeEvent")}</option>
          <option value="en">English</option>
          <option value="fr">Français</option>
        </SelectField>
        <div className="actions start">
          <button type="submit" className="primary" disabled={busy} aria-busy={busy || undefined}>
            {t("dash.issue.submitOne")}
          </button>
        </div>
        <Status className={issued ? "banner banner-ok" : "status"}>
          {issued && (
            <>
              {t("dash.issue.issuedOne", { name: issued.holder_name })}{" "}
              <Link to={`/events/${event.id}/tickets/${issued.id}`}>{t("dash.issue.openTicket", { name: issued.holder_name })}</Link>
            </>
          )}
        </Status>
      </form>
    </section>
  );
}

function IssueMany({ event }: { event: EventView }) {
  const { t, lang } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState("");
  const fields = { ...fieldMessages(error, t), ...local };

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const count = Number(text(form, "count"));
    const problems: Record<string, string> = {};
    if (!Number.isInteger(count) || count < 1 || count > 100_000) problems.count = t("dash.issue.countRange");
    setLocal(problems);
    setError(null);
    setDone("");
    if (Object.keys(problems).length) return;
    const body = {
      count,
      category: optional(text(form, "category")),
      holder_name: optional(text(form, "holder_name")),
      max_uses: Number(text(form, "max_uses") || "1"),
    };
    setBusy(true);
    try {
      const result = await api.json<BatchResult>(eventPath(event.id, "/tickets/batch"), { method: "POST", body });
      setDone(countText(t, lang, "dash.issue.issuedMany", result.issued));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="many-title" className="card">
      <h3 id="many-title">{t("dash.issue.manyTitle")}</h3>
      <p className="hint">{t("dash.issue.manyHint")}</p>
      <form onSubmit={submit} noValidate>
        <ErrorBanner error={error} />
        <Field
          label={t("dash.issue.count")}
          name="count"
          type="number"
          inputMode="numeric"
          min={1}
          max={100000}
          required
          error={fields.count}
        />
        <Field label={t("dash.issue.category")} name="category" maxLength={100} error={fields.category} />
        <Field label={t("dash.issue.namePrefix")} name="holder_name" maxLength={180} hint={t("dash.issue.namePrefixHint")} error={fields.holder_name} />
        <Field
          label={t("dash.issue.maxUses")}
          name="max_uses"
          type="number"
          inputMode="numeric"
          min={1}
          max={1000}
          defaultValue={1}
          error={fields.max_uses}
        />
        <div className="actions start">
          <button type="submit" className="primary" disabled={busy} aria-busy={busy || undefined}>
            {t("dash.issue.submitMany")}
          </button>
        </div>
        {busy && <progress aria-label={t("dash.issue.working")} />}
        <Status className={done ? "banner banner-ok" : "status"}>
          {done && (
            <>
              {done} <Link to={`/events/${event.id}/tickets`}>{t("dash.issue.seeList")}</Link>
            </>
          )}
        </Status>
      </form>
    </section>
  );
}
