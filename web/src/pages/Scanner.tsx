// The door scanner (/scan/:eventId): a phone at arm's length or a laptop with
// a handheld scanner. Camera codes and typed codes go through one state
// machine; the answer fills the screen, beeps, vibrates and is announced.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useParams } from "react-router-dom";
import { api, ApiError } from "../api/client";
import type { EventView } from "../api/types";
import { CodeEntry, refocus } from "../components/door/CodeEntry";
import { describeAnswer } from "../components/door/describe";
import { DoorBar } from "../components/door/DoorBar";
import { signal, unlockAudio } from "../components/door/feedback";
import { GateForm } from "../components/door/GateForm";
import { Stage } from "../components/door/Stage";
import { useCamera } from "../components/door/useCamera";
import { useScanner } from "../components/door/useScanner";
import { ErrorBanner } from "../components/ui";
import { useI18n } from "../i18n";

const gateKey = (eventId: string) => `qre.door.gate.${eventId}`;
const PREFS_KEY = "qre.door.prefs";

function load(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function save(key: string, value: string) {
  try {
    localStorage.setItem(key, value);
  } catch {
    /* private mode: remembered for this page only */
  }
}

function useEvent(eventId: string) {
  const [event, setEvent] = useState<EventView | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    api
      .json<EventView>(`/api/v1/events/${encodeURIComponent(eventId)}`, { signal: ctrl.signal })
      .then(setEvent)
      .catch((e: unknown) => {
        if ((e as Error)?.name !== "AbortError") setError(e);
      });
    return () => ctrl.abort();
  }, [eventId]);
  return { event, error };
}

export function Scanner() {
  const { eventId = "" } = useParams();
  const { t, lang, dateTime } = useI18n();
  const { event, error } = useEvent(eventId);
  const [gate, setGate] = useState<string | null>(() => load(gateKey(eventId)));
  const [editingGate, setEditingGate] = useState(gate === null);
  const [prefs, setPrefs] = useState(() => {
    const raw = load(PREFS_KEY) ?? "";
    return { camera: !raw.includes("camera-off"), sound: !raw.includes("sound-off") };
  });
  const scanner = useScanner(eventId, gate ?? "");
  const { state, read, start, reset, retry } = scanner;
  const videoRef = useRef<HTMLVideoElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const scanning = !!event && !editingGate && gate !== null;
  const camera = useCamera(videoRef, scanning && prefs.camera, read);

  useEffect(() => {
    if (scanning) start();
  }, [scanning, start]);

  useEffect(() => {
    save(PREFS_KEY, `${prefs.camera ? "" : "camera-off "}${prefs.sound ? "" : "sound-off"}`);
  }, [prefs]);

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
  // after every answer, and after the language switch (a scanner's keys
  // typed into the language list would change the language).
  useEffect(() => {
    if (scanning) refocus(codeRef.current);
  }, [scanning, state.phase, state.answerSeq, lang]);

  const startWithGate = useCallback(
    (value: string) => {
      unlockAudio();
      save(gateKey(eventId), value);
      setGate(value);
      setEditingGate(false);
    },
    [eventId],
  );

  if (error) {
    const missing = error instanceof ApiError && (error.status === 404 || error.status === 403);
    return (
      <main id="main" className="door-page door-message">
        <h1>{t("door.scanner.title")}</h1>
        {missing ? <p className="banner banner-error">{t("door.event.notFound")}</p> : <ErrorBanner error={error} />}
      </main>
    );
  }
  if (!event) return <p className="loading">{t("common.loading")}</p>;

  const tone = state.phase === "answer" && answer ? ` door-${answer.tone}` : "";
  return (
    <div className={`door${tone}`}>
      <DoorBar
        eventId={eventId}
        eventName={event.name}
        gate={gate}
        online={scanner.online}
        counts={state.counts}
        onChangeGate={editingGate ? null : () => setEditingGate(true)}
      />
      <main id="main" className="door-main">
        {editingGate ? (
          <GateForm initial={gate ?? ""} onStart={startWithGate} />
        ) : (
          <>
            <Stage
              videoRef={videoRef}
              camera={camera}
              phase={state.phase}
              answer={answer}
              reachable={state.reachable}
              gaveUp={scanner.gaveUp}
              onNext={reset}
              onRetry={retry}
              onSkip={reset}
            />
            <div className="door-tools">
              <CodeEntry inputRef={codeRef} onCode={read} />
              <div className="door-toggles">
                {(["camera", "sound"] as const).map((pref) => (
                  <button
                    key={pref}
                    type="button"
                    aria-pressed={prefs[pref]}
                    onClick={() => {
                      setPrefs((p) => ({ ...p, [pref]: !p[pref] }));
                      // Not left on the button: a scanner's Enter would press it again.
                      refocus(codeRef.current);
                    }}
                  >
                    {pref === "camera" ? t("door.camera.toggle") : t("door.sound")}
                  </button>
                ))}
              </div>
            </div>
          </>
        )}
      </main>
      <div className="visually-hidden" aria-live="assertive" aria-atomic="true">
        {answer && state.phase === "answer" && <p key={state.answerSeq}>{answer.announcement}</p>}
      </div>
    </div>
  );
}
