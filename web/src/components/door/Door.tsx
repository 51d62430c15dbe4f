// The door at work: a phone at arm's length or a laptop with a handheld
// scanner, online or not. Camera codes and typed codes go through one state
// machine; the door engine answers each one, from the server or from the
// ticket list kept on the device; the answer fills the screen, beeps,
// vibrates and is announced. A signed-in staff member picks the gate; an
// enrolled door device has its gate and mode fixed by the organizer.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Api } from "../../api/client";
import type { DoorDevice } from "../../api/devices";
import type { DoorEngine, DoorStatus } from "../../door/engine";
import { useI18n } from "../../i18n";
import { usePageTitle } from "../../lib/page";
import { refocus } from "./CodeEntry";
import { describeAnswer } from "./describe";
import { DoorBar } from "./DoorBar";
import { DoorNotices } from "./DoorNotices";
import { DoorSearch } from "./DoorSearch";
import { DoorTools } from "./DoorTools";
import { signal, unlockAudio } from "./feedback";
import { GateForm } from "./GateForm";
import { loadGate, saveGate, usePrefs } from "./prefs";
import { Stage } from "./Stage";
import { useCamera } from "./useCamera";
import { useScanner } from "./useScanner";
import { useWedge } from "./useWedge";
import { Waiting } from "./Waiting";

export interface DoorProps {
  eventId: string;
  engine: DoorEngine;
  status: DoorStatus;
  /** The session the door's search goes through. */
  client: Api;
  /** An enrolled door device: its gate and mode, no gate form, no way back to the dashboard. */
  device?: DoorDevice;
}

export function Door({ eventId, engine, status, client, device }: DoorProps) {
  const { t, lang, dateTime } = useI18n();
  const event = status.pack?.event ?? null;
  usePageTitle([event?.name, t("door.scanner.title")]);
  const [chosenGate, setGate] = useState<string | null>(() => loadGate(eventId));
  const gate = device ? device.gate : chosenGate;
  const [editingGate, setEditingGate] = useState(!device && chosenGate === null);
  const [prefs, toggle] = usePrefs();
  const mode = device?.mode ?? "check_in";
  const { state, read, admit, start, seen } = useScanner(engine, eventId, gate ?? "", mode);
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
    () => (state.answer ? describeAnswer(state.answer, t, dateTime, zone, mode) : null),
    [state.answer, t, dateTime, zone, mode],
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
        device={device}
        onChangeGate={device || editingGate ? null : () => setEditingGate(true)}
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
            {status.online && (
              <DoorSearch client={client} eventId={eventId} codeRef={codeRef} mode={mode} onAdmit={admit} answerSeq={state.answerSeq} />
            )}
          </>
        )}
      </main>
      <div className="visually-hidden" aria-live="assertive" aria-atomic="true">
        {answer && state.phase === "answer" && <p key={state.answerSeq}>{answer.announcement}</p>}
      </div>
    </div>
  );
}
