// The Conflicts section: admissions made offline that the server would have
// refused, each with its scans side by side, newest first. The first page
// follows the server every few seconds; older pages load on demand.
import { useMemo, useState } from "react";
import { Link } from "react-router-dom";
import { api } from "../../api/client";
import { devicesPath, type Device } from "../../api/devices";
import { conflictsPath, type Conflict, type ConflictPage } from "../../api/door";
import type { EventView, MemberView, Page } from "../../api/types";
import { Badge, ErrorBanner, LoadMore } from "../../components/ui";
import { useI18n } from "../../i18n";
import { useResource } from "../../lib/hooks";
import { usePolling } from "../../lib/polling";
import { buildQuery, eventPath, withCursor } from "../../lib/query";
import { countText } from "../../lib/reasons";
import { conflictFacts, mergeConflicts, type ScanFacts, type StaffNames } from "./conflictFacts";
import { deviceNames, type DeviceNames } from "./deviceFacts";
import "./conflicts.css";

const POLL_MS = 5_000;
const LIMIT = 50;

interface Shown {
  /** The polled first page these items were merged from. */
  from: ConflictPage | null;
  items: Conflict[];
  /** Cursor after the last older page loaded; undefined until one is. */
  olderCursor?: string | null;
}

export function Conflicts({ event }: { event: EventView }) {
  const { t, lang } = useI18n();
  const path = conflictsPath(event.id, LIMIT);
  const polled = usePolling<ConflictPage>(path, POLL_MS, true);
  const [shown, setShown] = useState<Shown>({ from: null, items: [] });
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const names = useStaffNames(event.id);
  const devices = useDeviceNames(event.id);

  // Each new first page goes on top of what is already shown (render-time update, no effect).
  const page = polled.value;
  if (page && shown.from !== page) setShown((prev) => ({ ...prev, from: page, items: mergeConflicts(page.items, prev.items) }));

  const cursor = shown.olderCursor === undefined ? (page?.next_cursor ?? null) : shown.olderCursor;
  const loadMore = () => {
    if (!cursor) return;
    setLoadingMore(true);
    setMoreError(null);
    api
      .json<ConflictPage>(withCursor(path, cursor))
      .then((older) =>
        setShown((prev) => ({ ...prev, items: mergeConflicts(prev.items, older.items), olderCursor: older.next_cursor ?? null })),
      )
      .catch(setMoreError)
      .finally(() => setLoadingMore(false));
  };

  const count = shown.items.length;
  return (
    <section aria-labelledby="conflicts-title">
      <div className="section-head">
        <h2 id="conflicts-title">{t("dash.conflicts.title")}</h2>
        <p className="hint live-state">{polled.hidden ? t("dash.live.hidden") : t("dash.live.every", { seconds: POLL_MS / 1000 })}</p>
      </div>
      <p className="hint">{t("dash.conflicts.intro", { zone: event.timezone })}</p>
      <ErrorBanner error={polled.error} />
      {!page && !polled.error && <p role="status">{t("common.loading")}</p>}
      {page && count === 0 && <p className="muted">{t("dash.conflicts.empty")}</p>}
      {count > 0 && (
        <>
          <p className="hint" role="status">
            {cursor ? t("dash.conflicts.countMore", { n: count }) : countText(t, lang, "dash.conflicts.count", count)}
          </p>
          <ol className="conflicts" data-testid="conflicts-list">
            {shown.items.map((c) => (
              <ConflictItem key={c.id} conflict={c} event={event} names={names} devices={devices} />
            ))}
          </ol>
        </>
      )}
      <ErrorBanner error={moreError} />
      <LoadMore hasMore={Boolean(cursor)} loading={loadingMore} onClick={loadMore} />
    </section>
  );
}

/** Staff names by user id, from the event's staff list (scans carry only the id); ids stay shown until it loads. */
function useStaffNames(eventId: string): StaffNames {
  const members = useResource<Page<MemberView>>(eventPath(eventId, `/members${buildQuery({ limit: 100 })}`));
  return useMemo(() => {
    const byId = new Map((members.data?.items ?? []).map((m) => [m.user_id, m.name]));
    return (id: string) => byId.get(id);
  }, [members.data]);
}

/** Door device names by id, from the event's device list; short ids stay shown until it loads. */
function useDeviceNames(eventId: string): DeviceNames {
  const list = useResource<Page<Device>>(devicesPath(eventId));
  return useMemo(() => deviceNames(list.data?.items), [list.data]);
}

function ConflictItem({ conflict, event, names, devices }: { conflict: Conflict; event: EventView; names: StaffNames; devices: DeviceNames }) {
  const { t, lang } = useI18n();
  const f = conflictFacts(conflict, event.timezone, lang, t, names, devices);
  const titleId = `conflict-${f.id}`;
  return (
    <li className="card conflict" data-testid="conflict" data-conflict-id={f.id} aria-labelledby={titleId}>
      <div className="conflict-head">
        <h3 id={titleId}>
          {f.holder} <span className="muted">· {f.category}</span>
        </h3>
        <Badge tone="bad">{t("dash.conflicts.reason", { reason: f.reason })}</Badge>
      </div>
      <p className="hint">
        {t("dash.conflicts.detected", { time: f.detectedAt })} ·{" "}
        <Link to={`/events/${event.id}/tickets/${f.ticketId}`}>{t("dash.conflicts.openTicket")}</Link>
      </p>
      <div className="conflict-scans">
        {f.first && <ScanCard scan={f.first} testId="conflict-first" />}
        {f.firstMissing && (
          <div className="conflict-scan conflict-scan-missing" data-testid="conflict-first">
            <h4>{t("dash.conflicts.first")}</h4>
            <p className="muted">{t("dash.conflicts.firstMissing")}</p>
          </div>
        )}
        <ScanCard scan={f.second} testId="conflict-second" />
      </div>
    </li>
  );
}

function ScanCard({ scan, testId }: { scan: ScanFacts; testId: string }) {
  const { t } = useI18n();
  return (
    <div className="conflict-scan" data-testid={testId}>
      <h4>
        {scan.heading}{" "}
        {scan.offline ? (
          <Badge tone="warn">{t("dash.conflicts.offline")}</Badge>
        ) : (
          <Badge tone="muted">{t("dash.conflicts.online")}</Badge>
        )}
      </h4>
      <dl className="conflict-facts">
        <div>
          <dt>{t("dash.conflicts.scannedAt")}</dt>
          <dd>{scan.scannedAt}</dd>
        </div>
        <div>
          <dt>{t("dash.conflicts.receivedAt")}</dt>
          <dd>
            {scan.receivedAt}
            {scan.delay && <span className="muted"> ({scan.delay})</span>}
          </dd>
        </div>
        <div>
          <dt>{t("dash.conflicts.gate")}</dt>
          <dd>{scan.gate}</dd>
        </div>
        <div>
          <dt>{t("dash.conflicts.device")}</dt>
          <dd>
            {scan.deviceNamed ? (
              <span title={scan.deviceId ?? undefined}>{scan.device}</span>
            ) : scan.deviceId ? (
              <code title={scan.deviceId}>{scan.device}</code>
            ) : (
              scan.device
            )}
          </dd>
        </div>
        <div>
          <dt>{t("dash.conflicts.staff")}</dt>
          <dd>{scan.staff}</dd>
        </div>
      </dl>
    </div>
  );
}
