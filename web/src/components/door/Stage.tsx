// The big middle of the scanner: the camera picture, and over it the state:
// ready, checking (with the offline countdown on a slow network), or the
// answer filling the area. Scans waiting their turn are always shown.
import type { ReactNode, RefObject } from "react";
import { ONLINE_WAIT_MS } from "../../door/engine";
import { useI18n } from "../../i18n";
import type { AnswerText } from "./describe";
import type { ScannerState } from "./scannerMachine";
import type { CameraStatus } from "./useCamera";
import { useNow } from "./useNow";

/** Below this wait, "Checking…"; then the countdown to the offline decision. */
const SLOW_AFTER_MS = 300;

function Waiting({ count }: { count: number }) {
  const { t } = useI18n();
  if (!count) return null;
  return (
    <p className="door-waiting" data-testid="door-waiting">
      {count === 1 ? t("door.waiting.one") : t("door.waiting.other", { count })}
    </p>
  );
}

function AnswerView({ text, held, waiting, onSeen }: { text: AnswerText; held: boolean; waiting: number; onSeen: () => void }) {
  const { t } = useI18n();
  return (
    // A tap anywhere on the answer counts as seen; the button is the keyboard way.
    <div className={`door-answer door-answer-${text.tone}`} data-testid="door-answer" onClick={onSeen}>
      {text.offline && (
        <p className="door-answer-offline" data-testid="door-offline-label">
          <span aria-hidden="true">⚡ </span>
          {t("door.offline.label")}
        </p>
      )}
      <p className="door-answer-head">
        <span aria-hidden="true" className="door-answer-icon">
          {text.tone === "ok" ? "✓" : "✕"}
        </span>
        {text.headline}
      </p>
      {text.reason && <p className="door-answer-reason">{text.reason}</p>}
      {text.holder && <p className="door-answer-holder">{text.holder}</p>}
      {text.nameHidden && (
        <p className="door-answer-nameless" data-testid="door-name-hidden">
          {t("door.nameHidden")}
        </p>
      )}
      {text.category && <p className="door-answer-category">{text.category}</p>}
      {text.details.map((d) => (
        <p key={d} className="door-answer-detail">
          {d}
        </p>
      ))}
      <Waiting count={waiting} />
      <button
        type="button"
        className="door-answer-next"
        onClick={(e) => {
          e.stopPropagation();
          onSeen();
        }}
      >
        {held ? t("door.seen") : t("door.next")}
      </button>
    </div>
  );
}

function Notice({ children, tone }: { children: ReactNode; tone?: "warn" }) {
  return <div className={tone ? `door-notice door-notice-${tone}` : "door-notice"}>{children}</div>;
}

function Checking({ sentAt }: { sentAt: number }) {
  const { t } = useI18n();
  const now = useNow(200);
  const waited = now - sentAt;
  if (waited < SLOW_AFTER_MS) return <>{t("door.sending")}</>;
  const seconds = Math.max(1, Math.ceil((ONLINE_WAIT_MS - waited) / 1000));
  return <span data-testid="door-slow">{t("door.slow", { seconds })}</span>;
}

export function Stage({
  videoRef,
  camera,
  state,
  answer,
  offline,
  onSeen,
}: {
  videoRef: RefObject<HTMLVideoElement | null>;
  camera: CameraStatus;
  state: ScannerState;
  answer: AnswerText | null;
  /** No network: said where the volunteer looks, not only in the bar. */
  offline: boolean;
  onSeen: () => void;
}) {
  const { t } = useI18n();
  const { phase, pending, waiting } = state;
  const cameraProblem =
    camera === "denied" || camera === "unavailable" || camera === "insecure" || camera === "error"
      ? t(`door.camera.${camera}`)
      : null;
  return (
    <div className={camera === "on" || camera === "starting" ? "door-stage door-stage-camera" : "door-stage"}>
      <video ref={videoRef} className="door-video" muted playsInline autoPlay aria-label={t("door.camera.label")} />
      {camera === "on" && <div className="door-frame" aria-hidden="true" />}
      {phase === "answer" && answer && (
        <AnswerView text={answer} held={state.held} waiting={waiting.length} onSeen={onSeen} />
      )}
      {phase === "sending" && pending && (
        <Notice>
          <Checking key={pending.scanId} sentAt={pending.sentAt} />
          <Waiting count={waiting.length} />
        </Notice>
      )}
      {phase === "ready" && (
        <Notice>
          {camera === "starting" ? t("door.camera.starting") : camera === "on" ? t("door.ready.camera") : t("door.ready.noCamera")}
          {offline && (
            <span className="door-ready-offline" data-testid="door-ready-offline">
              {t("door.ready.offline")}
            </span>
          )}
        </Notice>
      )}
      {cameraProblem && phase !== "answer" && <Notice tone="warn">{cameraProblem}</Notice>}
    </div>
  );
}
