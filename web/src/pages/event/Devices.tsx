// The Door devices section: phones for volunteers without an account. The
// organizer adds one (name, gate, mode, optional end of access), shows its
// one-time enrolment link as a QR code, watches the list (refreshed every
// 10 s while the tab is visible), makes a new link or revokes a device.
import { useState, type FormEvent } from "react";
import { createDevice, devicesPath, deviceStatus, newEnrolment, revokeDevice, type Device, type DeviceEnrolment, type DeviceMode } from "../../api/devices";
import type { EventView, Page } from "../../api/types";
import { Badge, Confirm, ErrorBanner, Field, SelectField, Status } from "../../components/ui";
import { useI18n } from "../../i18n";
import { fieldMessages } from "../../i18n/errors";
import { useConfirmAction } from "../../lib/confirm";
import { formatNumber } from "../../lib/format";
import { usePolling } from "../../lib/polling";
import { countText } from "../../lib/reasons";
import { zonedLocalToUtc } from "../../lib/time";
import { live, sortDevices, statusTone } from "./deviceFacts";
import { EnrolPanel } from "./EnrolPanel";

const POLL_MS = 10_000;
const MODES: DeviceMode[] = ["check_in", "verify"];

interface Shown {
  enrolment: DeviceEnrolment;
  relinked: boolean;
}

export function Devices({ event }: { event: EventView }) {
  const { t, lang } = useI18n();
  const polled = usePolling<Page<Device>>(devicesPath(event.id), POLL_MS, true);
  const [shown, setShown] = useState<Shown | null>(null);
  const [notice, setNotice] = useState("");
  const [error, setError] = useState<unknown>(null);
  const revoking = useConfirmAction<Device>();
  const [relinking, setRelinking] = useState<string | null>(null);
  const devices = sortDevices(polled.value?.items ?? []);

  async function relink(d: Device) {
    setRelinking(d.id);
    setError(null);
    setNotice("");
    try {
      setShown({ enrolment: await newEnrolment(event.id, d.id), relinked: d.status === "active" });
      polled.refresh();
    } catch (err) {
      setError(err);
    } finally {
      setRelinking(null);
    }
  }

  async function revoke(device: Device) {
    const d = await revokeDevice(event.id, device.id);
    if (shown?.enrolment.device.id === d.id) setShown(null);
    setNotice(t("dash.devices.revoked", { name: d.name }));
    polled.refresh();
  }

  return (
    <section aria-labelledby="devices-title">
      <div className="section-head">
        <h2 id="devices-title">{t("dash.tab.devices")}</h2>
        <p className="hint live-state">{polled.hidden ? t("dash.live.hidden") : t("dash.live.every", { seconds: POLL_MS / 1000 })}</p>
      </div>
      <p className="hint">{t("dash.devices.intro")}</p>
      {shown && <EnrolPanel enrolment={shown.enrolment} relinked={shown.relinked} onClose={() => setShown(null)} />}
      <CreateDevice
        event={event}
        onCreated={(enrolment) => {
          setShown({ enrolment, relinked: false });
          setNotice(t("dash.devices.created", { name: enrolment.device.name }));
          polled.refresh();
        }}
      />

      <h3>{t("dash.devices.list")}</h3>
      <ErrorBanner error={polled.error} />
      <ErrorBanner error={error} />
      <Status className={notice ? "banner banner-ok" : "status"}>{notice}</Status>
      {!polled.value && !polled.error && <p role="status">{t("common.loading")}</p>}
      {polled.value && devices.length === 0 && <p className="muted">{t("dash.devices.empty")}</p>}
      {devices.length > 0 && (
        <>
          <p className="hint">{countText(t, lang, "dash.devices.count", devices.length)}</p>
          <DeviceTable
            event={event}
            devices={devices}
            busy={relinking ?? (revoking.busy ? (revoking.target?.id ?? null) : null)}
            onRelink={(d) => void relink(d)}
            onRevoke={revoking.ask}
          />
        </>
      )}

      <Confirm
        open={revoking.target !== null}
        title={t("dash.devices.revokeTitle", { name: revoking.target?.name ?? "" })}
        confirmLabel={t("dash.devices.revoke")}
        danger
        busy={revoking.busy}
        error={revoking.error}
        onConfirm={() => void revoking.run(revoke)}
        onCancel={revoking.cancel}
      >
        <p>{t("dash.devices.revokeText")}</p>
      </Confirm>
    </section>
  );
}

function StatusBadge({ device }: { device: Device }) {
  const { t } = useI18n();
  const s = deviceStatus(device);
  return <Badge tone={statusTone(device)}>{s ? t(`dash.devices.status.${s}`) : device.status}</Badge>;
}

function DeviceTable({
  event,
  devices,
  busy,
  onRelink,
  onRevoke,
}: {
  event: EventView;
  devices: Device[];
  busy: string | null;
  onRelink: (d: Device) => void;
  onRevoke: (d: Device) => void;
}) {
  const { t, lang, dateTime } = useI18n();
  const zone = event.timezone;
  const when = (iso: string | null | undefined) => (iso ? dateTime(iso, zone) : t("dash.devices.never"));
  return (
    <div className="table-wrap">
      <table className="responsive devices" data-testid="devices-list">
        <caption className="visually-hidden">{t("dash.devices.list")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("dash.devices.device")}</th>
            <th scope="col">{t("dash.devices.status")}</th>
            <th scope="col">{t("dash.devices.lastSeen")}</th>
            <th scope="col" className="num">
              {t("dash.devices.scansToday")}
            </th>
            <th scope="col" className="num">
              {t("dash.devices.waiting")}
            </th>
            <th scope="col">{t("dash.devices.version")}</th>
            <th scope="col">{t("dash.devices.expiresAt")}</th>
            <th scope="col">{t("dash.ticket.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {devices.map((d) => (
            <tr key={d.id} data-testid="device-row" data-device-id={d.id} data-status={d.status}>
              <th scope="row" data-label={t("dash.devices.device")}>
                {d.name}
                <span className="sub">
                  {t("dash.devices.gate")} {d.gate} · {t(`dash.devices.mode.${d.mode}`)}
                </span>
              </th>
              <td data-label={t("dash.devices.status")}>
                <StatusBadge device={d} />
              </td>
              <td data-label={t("dash.devices.lastSeen")}>{when(d.last_seen_at)}</td>
              <td data-label={t("dash.devices.scansToday")} className="num">
                {formatNumber(d.scans_today, lang)}
              </td>
              <td data-label={t("dash.devices.waiting")} className="num">
                {d.pending_scans == null ? "–" : formatNumber(d.pending_scans, lang)}
              </td>
              <td data-label={t("dash.devices.version")}>{d.app_version || <span className="muted">{t("dash.devices.unknown")}</span>}</td>
              <td data-label={t("dash.devices.expiresAt")}>{dateTime(d.expires_at, zone)}</td>
              <td data-label={t("dash.ticket.actions")}>
                {live(d) && (
                  <div className="inline-form">
                    <button type="button" onClick={() => onRelink(d)} disabled={busy === d.id}>
                      {t("dash.devices.newLink")}
                      <span className="visually-hidden"> – {d.name}</span>
                    </button>
                    <button type="button" className="danger-outline" onClick={() => onRevoke(d)} disabled={busy === d.id}>
                      {t("dash.devices.revoke")}
                      <span className="visually-hidden"> – {d.name}</span>
                    </button>
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CreateDevice({ event, onCreated }: { event: EventView; onCreated: (e: DeviceEnrolment) => void }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [mode, setMode] = useState<DeviceMode>("check_in");
  const fields = { ...fieldMessages(error, t), ...missing };

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const name = String(form.get("name") ?? "").trim();
    const gate = String(form.get("gate") ?? "").trim();
    const until = String(form.get("expires") ?? "").trim();
    const expiresAt = until ? zonedLocalToUtc(until, event.timezone) : null;
    const problems: Record<string, string> = {};
    if (!name) problems.name = t("field.required");
    if (!gate) problems.gate = t("field.required");
    if (until && !expiresAt) problems.expires_at = t("field.invalid");
    setMissing(problems);
    setError(null);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      const created = await createDevice(event.id, { name, gate, mode, ...(expiresAt ? { expires_at: expiresAt } : {}) });
      formEl.reset();
      setMode("check_in");
      onCreated(created);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="device-create-title" className="card">
      <h3 id="device-create-title">{t("dash.devices.createTitle")}</h3>
      <form onSubmit={submit} noValidate>
        <ErrorBanner error={error} />
        <div className="inline-fields">
          <Field label={t("dash.devices.name")} name="name" required maxLength={100} autoComplete="off" hint={t("dash.devices.nameHint")} error={fields.name} />
          <Field label={t("dash.devices.gate")} name="gate" required maxLength={100} autoComplete="off" hint={t("dash.devices.gateHint")} error={fields.gate} />
        </div>
        <div className="inline-fields">
          <SelectField
            label={t("dash.devices.mode")}
            name="mode"
            value={mode}
            onChange={(e) => setMode(e.target.value as DeviceMode)}
            hint={t(`dash.devices.modeHint.${mode}`)}
            error={fields.mode}
          >
            {MODES.map((m) => (
              <option key={m} value={m}>
                {t(`dash.devices.mode.${m}`)}
              </option>
            ))}
          </SelectField>
          <Field
            label={t("dash.devices.expires")}
            name="expires"
            type="datetime-local"
            hint={t("dash.devices.expiresHint", { zone: event.timezone })}
            error={fields.expires_at}
          />
        </div>
        <div className="actions start">
          <button type="submit" className="primary" disabled={busy} aria-busy={busy || undefined}>
            {t("dash.devices.create")}
          </button>
        </div>
      </form>
    </section>
  );
}
