// The door scanner (/scan/:eventId): a phone at arm's length or a laptop with
// a handheld scanner, online or not. Camera codes and typed codes go through
// one state machine; the door engine answers each one, from the server or
// from the ticket list kept on the device; the answer fills the screen,
// beeps, vibrates and is announced.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useParams } from "react-router-dom";
import { ApiError } from "../api/client";
import { refocus } from "../components/door/CodeEntry";
import { describeAnswer } from "../components/door/describe";
import { DoorBar } from "../components/door/DoorBar";
import { DoorNotices } from "../components/door/DoorNotices";
import { DoorTools } from "../components/door/DoorTools";
import { signal, unlockAudio } from "../components/door/feedback";
import { GateForm } from "../components/door/GateForm";
import { loadGate, saveGate, usePrefs } from "../components/door/prefs";
import { Stage } from "../components/door/Stage";
import { useCamera } from "../components/door/useCamera";
import { useScanner } from "../components/door/useScanner";
import { useWedge } from "../components/door/useWedge";
import { ErrorBanner } from "../components/ui";
import type { DoorStatus } from "../door/engine";
import { useDoor } from "../door/useDoor";
import { useI18n } from "../i18n";


/** The page before the door can work: loading, no list offline, no such event. */
function Waiting({ status }: { status: DoorStatus }) {
  const { t } = useI18n();
  const e = status.packError;
  let body;
  if (e instanceof ApiError && (e.status === 404 || e.status === 403)) {
    body = <p className="banner banner-error">{t("door.event.notFound")}</p>;
  } else if (e) {
    body = <ErrorBanner error={e} />;
  } else if (status.loading) {
    body = <p className="loading">{t("door.pack.loading")}</p>;
  } else {
    body = <p className="banner banner-warn">{t("door.pack.missing")}</p>;
  }
  return (
    <main id="main" className="door-page door-message">
      <h1>{t("door.scanner.title")}</h1>
      {body}
    </main>
  );
}

export function Scanner() {
  const { eventId = "" } = useParams();
  const { t, lang, dateTime } = useI18n();
  const { engine, status } = useDoor(eventId);
  const event = status.pack?.event ?? null;
  const [gate, setGate] = useState<string | null>(() => loadGate(eventId));
  const [editingGate, setEditingGate] = useState(gate === null);
  const [prefs, toggle] = usePrefs();
  const { state, read, start, seen } = useScanner(engine, eventId, gate ?? "");
  const videoRef = useRef<HTMLVideoElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const scanning = !!event && !editingGate && gate !== null;
  const camera = useCamera(videoRef, scanning && prefs.camera, read);
  useWedge(scanning, codeRef, read);

  useEffect(() => {
    if (scanning) start();
  }, [scanning, start]);

  // Any key or tap may be the first gesture: let the beeps play from then on.
  useEffect(() => {
    window.addEventListener("pointerdown", unlockAudio);
    window.addEventListener("keydown", unlockAudio);
    return () => {
      window.removeEventListener("pointerdown", unlockAudio);
      window.removeEventListener("keydown", unlockAudio);
    };
  }, []);

  const zone = event?.timezone ?? "UTC";
  const answer = useMemo(
    () => (state.answer ? describeAnswer(state.answer, t, dateTime, zone) : null),
    [state.answer, t, dateTime, zone],
  );

  // Sound and vibration once per answer.
  const signalled = useRef(0);
  useEffect(() => {
    if (!answer || signalled.current === state.answerSeq) return;
    signalled.current = state.answerSeq;
    signal(answer.tone, prefs.sound);
  }, [answer, state.answerSeq, prefs.sound]);

  // Ready for the next handheld scan: the code field takes the focus back
  // after every answer, and after the language switch.
  useEffect(() => {
    if (scanning) refocus(codeRef.current);
  }, [scanning, state.phase, state.answerSeq, lang]);

  const startWithGate = useCallback(
    (value: string) => {
      unlockAudio();
      saveGate(eventId, value);
      setGate(value);
      setEditingGate(false);
    },
    [eventId],
  );

  if (!event) return <Waiting status={status} />;

  const tone = state.phase === "answer" && answer ? ` door-${answer.tone}` : "";
  return (
    <div className={`door${tone}`}>
      <DoorBar
        eventId={eventId}
        eventName={event.name}
        gate={gate}
        status={status}
        counts={state.counts}
        onChangeGate={editingGate ? null : () => setEditingGate(true)}
      />
      <DoorNotices status={status} engine={engine} />
      <main id="main" className="door-main">
        {editingGate ? (
          <GateForm initial={gate ?? ""} onStart={startWithGate} />
        ) : (
          <>
            <Stage
              videoRef={videoRef}
              camera={camera}
              state={state}
              answer={answer}
              offline={!status.online}
              onSeen={seen}
            />
            <DoorTools codeRef={codeRef} prefs={prefs} onCode={read} onToggle={toggle} />
          </>
        )}
      </main>
      <div className="visually-hidden" aria-live="assertive" aria-atomic="true">
        {answer && state.phase === "answer" && <p key={state.answerSeq}>{answer.announcement}</p>}
      </div>
    </div>
  );
}
