// The camera, continuously decoded: frames are taken from the <video>, the
// centre square is handed to the QR decoder, and each code is reported once
// while it stays in the picture.
import { useEffect, useRef, useState, type RefObject } from "react";
import { normalizeCode } from "../../door/decide";
import { createCameraGate } from "./cameraGate";
import { createDecoder, type QrDecoder } from "./decoder";

export type CameraStatus = "off" | "starting" | "on" | "denied" | "unavailable" | "insecure" | "error";

/** Largest edge handed to the decoder: enough detail for a code at arm's length, fast to decode. */
const MAX_EDGE = 720;
/** Pause between two decodes, leaving the phone some breath. */
const FRAME_GAP_MS = 60;

function cameraError(e: unknown): CameraStatus {
  const name = (e as { name?: string })?.name;
  if (name === "NotAllowedError" || name === "SecurityError") return "denied";
  if (name === "NotFoundError" || name === "OverconstrainedError") return "unavailable";
  return "error";
}

export function useCamera(
  videoRef: RefObject<HTMLVideoElement | null>,
  enabled: boolean,
  onCode: (text: string) => void,
): CameraStatus {
  const [status, setStatus] = useState<CameraStatus>("off");
  const onCodeRef = useRef(onCode);
  useEffect(() => {
    onCodeRef.current = onCode;
  });

  useEffect(() => {
    if (!enabled) return;
    const video = videoRef.current;
    let stopped = false;
    let stream: MediaStream | null = null;
    let decoder: QrDecoder | null = null;
    let timer = 0;
    const canvas = document.createElement("canvas");
    const g = canvas.getContext("2d", { willReadFrequently: true });
    // A code still in the picture after its answer is not scanned again.
    const gate = createCameraGate();

    async function tick() {
      if (stopped || !video || !g || !decoder) return;
      if (video.readyState >= 2 && video.videoWidth > 0) {
        // The code is held in the middle of the picture: decode that square.
        const side = Math.min(video.videoWidth, video.videoHeight);
        const edge = Math.min(side, MAX_EDGE);
        canvas.width = edge;
        canvas.height = edge;
        const sx = (video.videoWidth - side) / 2;
        const sy = (video.videoHeight - side) / 2;
        g.drawImage(video, sx, sy, side, side, 0, 0, edge, edge);
        const text = await decoder.decode(g.getImageData(0, 0, edge, edge));
        if (text && !stopped && gate.pass(normalizeCode(text), performance.now())) onCodeRef.current(text);
      }
      if (!stopped) timer = window.setTimeout(() => void tick(), FRAME_GAP_MS);
    }

    async function start() {
      if (!navigator.mediaDevices?.getUserMedia) {
        setStatus(window.isSecureContext ? "unavailable" : "insecure");
        return;
      }
      setStatus("starting");
      try {
        // No size asked: a wished-for size can make the browser crop the
        // picture to another shape, cutting off a code near the edges.
        stream = await navigator.mediaDevices.getUserMedia({ audio: false, video: { facingMode: "environment" } });
      } catch (e) {
        if (!stopped) setStatus(cameraError(e));
        return;
      }
      if (stopped || !video) {
        stream.getTracks().forEach((track) => track.stop());
        return;
      }
      video.srcObject = stream;
      try {
        await video.play();
      } catch {
        // Autoplay of a muted inline video is allowed; a refusal shows as a still frame.
      }
      decoder = await createDecoder();
      if (stopped) {
        decoder.close();
        return;
      }
      setStatus("on");
      void tick();
    }

    void start();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
      decoder?.close();
      if (video) video.srcObject = null;
      setStatus("off");
    };
  }, [enabled, videoRef]);

  return enabled ? status : "off";
}
