// The big middle of the scanner: the camera picture, and over it the state:
// ready, checking, the answer (filling the area), or the offline notice.
import type { ReactNode, RefObject } from "react";
import { useI18n } from "../../i18n";
import type { AnswerText } from "./describe";
import type { Phase } from "./scannerMachine";
import type { CameraStatus } from "./useCamera";

function AnswerView({ text, onNext }: { text: AnswerText; onNext: () => void }) {
  const { t } = useI18n();
  return (
    <div className={`door-answer door-answer-${text.tone}`} data-testid="door-answer">
      <p className="door-answer-head">
        <span aria-hidden="true" className="door-answer-icon">
          {text.tone === "ok" ? "✓" : "✕"}
        </span>
        {text.headline}
      </p>
      {text.reason && <p className="door-answer-reason">{text.reason}</p>}
      {text.holder && <p className="door-answer-holder">{text.holder}</p>}
      {text.category && <p className="door-answer-category">{text.category}</p>}
      {text.details.map((d) => (
        <p key={d} className="door-answer-detail">
          {d}
        </p>
      ))}
      <button type="button" className="door-answer-next" onClick={onNext}>
        {t("door.next")}
      </button>
    </div>
  );
}

function Notice({ children, tone }: { children: ReactNode; tone?: "warn" }) {
  return <div className={tone ? `door-notice door-notice-${tone}` : "door-notice"}>{children}</div>;
}

export function Stage({
  videoRef,
  camera,
  phase,
  answer,
  reachable,
  gaveUp,
  onNext,
  onRetry,
  onSkip,
}: {
  videoRef: RefObject<HTMLVideoElement | null>;
  camera: CameraStatus;
  phase: Phase;
  answer: AnswerText | null;
  reachable: boolean | null;
  gaveUp: boolean;
  onNext: () => void;
  onRetry: () => void;
  onSkip: () => void;
}) {
  const { t } = useI18n();
  const cameraProblem =
    camera === "denied" || camera === "unavailable" || camera === "insecure" || camera === "error"
      ? t(`door.camera.${camera}`)
      : null;
  return (
    <div className={camera === "on" || camera === "starting" ? "door-stage door-stage-camera" : "door-stage"}>
      <video ref={videoRef} className="door-video" muted playsInline autoPlay aria-label={t("door.camera.label")} />
      {camera === "on" && <div className="door-frame" aria-hidden="true" />}
      {phase === "answer" && answer && <AnswerView text={answer} onNext={onNext} />}
      {phase === "offline" && (
        <div className="door-offline" role="alert">
          <p className="door-offline-title">{reachable ? t("door.offline.busy") : t("door.offline.title")}</p>
          <p>{gaveUp ? t("door.offline.gaveUp") : t("door.offline.retrying")}</p>
          <div className="door-offline-actions">
            <button type="button" className="primary" onClick={onRetry}>
              {t("door.offline.retry")}
            </button>
            <button type="button" onClick={onSkip}>
              {t("door.offline.skip")}
            </button>
          </div>
        </div>
      )}
      {phase === "sending" && <Notice>{t("door.sending")}</Notice>}
      {phase === "ready" && (
        <Notice>
          {camera === "starting" ? t("door.camera.starting") : camera === "on" ? t("door.ready.camera") : t("door.ready.noCamera")}
        </Notice>
      )}
      {cameraProblem && phase !== "answer" && <Notice tone="warn">{cameraProblem}</Notice>}
    </div>
  );
}
