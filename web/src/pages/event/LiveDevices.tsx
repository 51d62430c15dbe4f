// The Live view's door devices: each phone's gate, status, scans today,
// uploads still waiting and when it was last heard from, asked again when the
// pushed figures change (and every `interval` ms; paused with the figures). A
// working device that has gone quiet, or whose scans wait too long to upload,
// is marked.
import { useEffect, useRef, useState } from "react";
import { Link } from "react-router-dom";
import { devicesPath, deviceStatus, type Device } from "../../api/devices";
import type { EventView, Page } from "../../api/types";
import { useNow } from "../../components/door/useNow";
import { Badge, ErrorBanner } from "../../components/ui";
import { useI18n } from "../../i18n";
import { formatAgo, formatNumber, formatSpan } from "../../lib/format";
import { usePolling } from "../../lib/polling";
import { deviceAlerts, sortDevices, statusTone, trackWaiting, type DeviceAlert } from "./deviceFacts";

/** Pushed changes ask for the devices list at most this often. */
const DEVICES_SPACING_MS = 5_000;

interface Tracked {
  page: Page<Device> | null;
  waiting: Map<string, number>;
}

export function LiveDevices({
  event,
  interval,
  running,
  changedAt = null,
}: {
  event: EventView;
  interval: number;
  running: boolean;
  /** When pushed figures last arrived: something changed under the event. */
  changedAt?: number | null;
}) {
  const { t, lang, dateTime } = useI18n();
  const polled = usePolling<Page<Device>>(devicesPath(event.id), interval, running);
  useRefreshOnChange(changedAt, polled.refresh);
  // Ticks with the polls, so that "2 min ago" and the marks follow the clock between answers too.
  const now = useNow(interval, running);
  const [tracked, setTracked] = useState<Tracked>({ page: null, waiting: new Map() });
  if (polled.value !== tracked.page) {
    // A new answer: waits that go on keep their start, new ones start now.
    setTracked({ page: polled.value, waiting: trackWaiting(tracked.waiting, polled.value?.items ?? [], now) });
  }
  const devices = sortDevices(polled.value?.items ?? []);
  const n = (v: number) => formatNumber(v, lang);

  return (
    <section aria-labelledby="live-devices-title" className="live-devices">
      <h3 id="live-devices-title">{t("dash.live.devices")}</h3>
      {Boolean(polled.error) && <ErrorBanner error={polled.error} />}
      {!polled.value && !polled.error && <p role="status">{t("common.loading")}</p>}
      {polled.value && devices.length === 0 && (
        <p className="muted">
          <Link to={`/events/${event.id}/devices`}>{t("dash.live.devicesEmpty")}</Link>
        </p>
      )}
      {devices.length > 0 && (
        <>
          <p className="hint">{t("dash.live.devicesHint")}</p>
          <div className="table-wrap">
            <table className="responsive live-devices-table" data-testid="live-devices">
              <caption className="visually-hidden">{t("dash.live.devices")}</caption>
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
                </tr>
              </thead>
              <tbody>
                {devices.map((d) => {
                  const alerts = deviceAlerts(d, now, tracked.waiting.get(d.id));
                  const s = deviceStatus(d);
                  const seen = d.last_seen_at ?? null;
                  return (
                    <tr
                      key={d.id}
                      className={alerts.length ? "device-alert" : undefined}
                      data-testid="live-device"
                      data-device-id={d.id}
                      data-alert={alerts.map((a) => a.kind).join(" ") || undefined}
                    >
                      <th scope="row" data-label={t("dash.devices.device")}>
                        {d.name}
                        <span className="sub">
                          {t("dash.devices.gate")} {d.gate}
                        </span>
                        {alerts.length > 0 && <Alerts alerts={alerts} />}
                      </th>
                      <td data-label={t("dash.devices.status")}>
                        <Badge tone={statusTone(d)}>{s ? t(`dash.devices.status.${s}`) : d.status}</Badge>
                      </td>
                      <td data-label={t("dash.devices.lastSeen")}>
                        {seen ? (
                          <time dateTime={seen} title={dateTime(seen)}>
                            {formatAgo(seen, now, lang, t("dash.live.justNow"))}
                          </time>
                        ) : (
                          <span className="muted">{t("dash.devices.never")}</span>
                        )}
                      </td>
                      <td data-label={t("dash.devices.scansToday")} className="num">
                        {n(d.scans_today)}
                      </td>
                      <td data-label={t("dash.devices.waiting")} className="num">
                        {d.pending_scans == null ? "–" : n(d.pending_scans)}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function Alerts({ alerts }: { alerts: DeviceAlert[] }) {
  const { t, lang } = useI18n();
  return (
    <span className="badges device-alerts">
      {alerts.map((a) => (
        <Badge key={a.kind} tone="warn">
          <span aria-hidden="true">⚠ </span>
          {t(a.kind === "unseen" ? "dash.live.unseen" : "dash.live.waitingFor", { time: formatSpan(a.forMs, lang) })}
        </Badge>
      ))}
    </span>
  );
}

/** Asks again when `changedAt` moves, at most once every `spacing` ms (the last change is never skipped). */
function useRefreshOnChange(changedAt: number | null, refresh: () => void, spacing = DEVICES_SPACING_MS) {
  const last = useRef(0);
  useEffect(() => {
    if (changedAt === null) return;
    const wait = last.current + spacing - Date.now();
    const run = () => {
      last.current = Date.now();
      refresh();
    };
    if (wait <= 0) {
      run();
      return;
    }
    const timer = window.setTimeout(run, wait);
    return () => window.clearTimeout(timer);
  }, [changedAt, refresh, spacing]);
}
