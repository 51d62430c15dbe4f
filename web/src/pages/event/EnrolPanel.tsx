// A device's one-time enrolment link, big enough for a phone's camera across
// a table: the QR code, the link with a Copy button, and the time left.
import { useEffect, useRef } from "react";
import type { DeviceEnrolment } from "../../api/devices";
import { absoluteEnrolUrl } from "../../api/devices";
import { useNow } from "../../components/door/useNow";
import { QrCode } from "../../components/QrCode";
import { CopyField } from "../../components/ui";
import { useI18n } from "../../i18n";
import { countdown, expired } from "./deviceFacts";

export function EnrolPanel({
  enrolment,
  relinked,
  onClose,
}: {
  enrolment: DeviceEnrolment;
  /** A new link for a device that had one: a phone already enrolled as it was signed out. */
  relinked: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const now = useNow(1000);
  const name = enrolment.device.name;
  const url = absoluteEnrolUrl(enrolment.enrol_url, window.location.origin);
  const over = expired(enrolment.enrol_expires_at, now);
  // A new link shows where the eyes are not (the form or the list): bring it into view, and the focus with it.
  const panel = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    panel.current?.scrollIntoView({ block: "start" });
    heading.current?.focus({ preventScroll: true });
  }, [enrolment]);
  return (
    <section ref={panel} className="card enrol-panel" aria-labelledby="enrol-title" data-testid="enrol-panel">
      <div className="section-head">
        <h3 id="enrol-title" ref={heading} tabIndex={-1}>{t("dash.devices.enrolTitle", { name })}</h3>
        <button type="button" onClick={onClose}>
          {t("dash.devices.hide")}
        </button>
      </div>
      {relinked && <p className="hint">{t("dash.devices.relinkNote")}</p>}
      {over ? (
        <p className="banner banner-warn" role="status">
          {t("dash.devices.enrolExpired")}
        </p>
      ) : (
        <div className="enrol-body">
          <QrCode text={url} label={t("dash.devices.qrAlt", { name })} className="enrol-qr" />
          <div className="enrol-side">
            <p>{t("dash.devices.enrolHelp")}</p>
            <p className="enrol-countdown" data-testid="enrol-countdown">
              {t("dash.devices.enrolExpires", { time: countdown(enrolment.enrol_expires_at, now) })}
            </p>
            <CopyField label={t("dash.devices.enrolLink")} value={url} />
          </div>
        </div>
      )}
    </section>
  );
}
