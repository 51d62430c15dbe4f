// The scanner's top bar: event, gate, connection, the ticket list's
// freshness, uploads waiting, this device's counts, language.
import { Link } from "react-router-dom";
import type { DoorDevice } from "../../api/devices";
import type { DoorStatus } from "../../door/engine";
import { LanguageSwitch, useI18n } from "../../i18n";
import { countText } from "../../lib/reasons";
import type { Counts } from "./scannerMachine";
import { ago } from "./status";
import { useNow } from "./useNow";

function Freshness({ pack }: { pack: NonNullable<DoorStatus["pack"]> }) {
  const { t, lang } = useI18n();
  const now = useNow(1000);
  return (
    <p className="door-pack" data-testid="door-pack">
      {countText(t, lang, "door.pack.status", pack.tickets, { ago: ago(t, now - pack.fetchedAt) })}
    </p>
  );
}

export function DoorBar({
  eventId,
  eventName,
  gate,
  status,
  counts,
  device,
  onChangeGate,
}: {
  eventId: string;
  eventName: string;
  gate: string | null;
  status: DoorStatus;
  counts: Counts;
  /** An enrolled door device: its name is shown, and there is no way back to a dashboard it cannot open. */
  device?: DoorDevice;
  onChangeGate: (() => void) | null;
}) {
  const { t } = useI18n();
  const { online, pending } = status;
  return (
    <header className="door-bar">
      {device ? (
        <span className="door-back-none" aria-hidden="true" />
      ) : (
        <Link to={`/events/${eventId}`} className="door-back" aria-label={t("door.scanner.back")}>
          <span aria-hidden="true">←</span>
        </Link>
      )}
      <div className="door-bar-title">
        <h1>{eventName}</h1>
        {device && (
          <p className="door-device-line" data-testid="door-device">
            {t("door.device.line", { name: device.name })}
            {device.mode === "verify" && <span className="door-device-mode"> · {t("door.device.verify")}</span>}
          </p>
        )}
        {gate && (
          <p className="door-gate-line">
            {t("door.gate.current", { gate })}
            {onChangeGate && (
              <button type="button" className="door-link-button" onClick={onChangeGate}>
                {t("door.gate.change")}
              </button>
            )}
          </p>
        )}
      </div>
      <div className="door-bar-lang">
        <LanguageSwitch />
      </div>
      <div className="door-bar-status">
        <p className={online ? "door-net door-net-on" : "door-net door-net-off"} role="status" data-testid="door-net">
          <span className="visually-hidden">{t("door.net.label")}: </span>
          <span className="door-net-dot" aria-hidden="true" />
          {online ? t("door.net.online") : t("door.net.offline")}
        </p>
        <p className={pending ? "door-upload door-upload-pending" : "door-upload"} data-testid="door-upload">
          <span aria-hidden="true">{pending ? "⇡ " : "✓ "}</span>
          {pending ? t("door.upload.pending", { count: pending }) : t("door.upload.done")}
        </p>
        {status.pack && <Freshness pack={status.pack} />}
        <p className="door-counts">
          <span className="visually-hidden">{t("door.counts.label")}: </span>
          <span className="door-count-ok">{t("door.counts.admitted", { count: counts.admitted })}</span>
          <span className="door-count-bad">{t("door.counts.refused", { count: counts.refused })}</span>
        </p>
      </div>
    </header>
  );
}
