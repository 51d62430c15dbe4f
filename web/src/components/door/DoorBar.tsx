// The scanner's top bar: event, gate, connection, this device's counts, language.
import { Link } from "react-router-dom";
import { LanguageSwitch, useI18n } from "../../i18n";
import type { Counts } from "./scannerMachine";

export function DoorBar({
  eventId,
  eventName,
  gate,
  online,
  counts,
  onChangeGate,
}: {
  eventId: string;
  eventName: string;
  gate: string | null;
  online: boolean;
  counts: Counts;
  onChangeGate: (() => void) | null;
}) {
  const { t } = useI18n();
  return (
    <header className="door-bar">
      <Link to={`/events/${eventId}`} className="door-back" aria-label={t("door.scanner.back")}>
        <span aria-hidden="true">←</span>
      </Link>
      <div className="door-bar-title">
        <h1>{eventName}</h1>
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
        <p className={online ? "door-net door-net-on" : "door-net door-net-off"} role="status">
          <span className="visually-hidden">{t("door.net.label")}: </span>
          <span className="door-net-dot" aria-hidden="true" />
          {online ? t("door.net.online") : t("door.net.offline")}
        </p>
        <p className="door-counts">
          <span className="visually-hidden">{t("door.counts.label")}: </span>
          <span className="door-count-ok">{t("door.counts.admitted", { count: counts.admitted })}</span>
          <span className="door-count-bad">{t("door.counts.refused", { count: counts.refused })}</span>
        </p>
      </div>
    </header>
  );
}
