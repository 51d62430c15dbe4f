// Picks the fastest QR decoder the browser has: the built-in BarcodeDetector
// where it reads QR codes, otherwise zxing in a worker (a same-origin file,
// allowed by the CSP), or zxing on the main thread as a last resort.
import type { DecodeReply, DecodeRequest } from "./qrWorker";

export interface QrDecoder {
  /** The text of a QR code in the frame, or null. */
  decode(frame: ImageData): Promise<string | null>;
  close(): void;
}

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: ImageData): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

async function nativeDecoder(): Promise<QrDecoder | null> {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (!Detector) return null;
  try {
    if (!(await Detector.getSupportedFormats()).includes("qr_code")) return null;
    const detector = new Detector({ formats: ["qr_code"] });
    return {
      decode: async (frame) => (await detector.detect(frame))[0]?.rawValue ?? null,
      close: () => {},
    };
  } catch {
    return null;
  }
}

/** A frame not answered within this time means the worker is stuck: it is replaced. */
const WORKER_REPLY_MS = 2000;

function workerDecoder(): QrDecoder | null {
  if (typeof Worker === "undefined") return null;
  const spawn = () => new Worker(new URL("./qrWorker.ts", import.meta.url), { type: "module" });
  let worker: Worker;
  try {
    worker = spawn();
  } catch {
    return null;
  }
  let nextId = 1;
  const waiting = new Map<number, (text: string | null) => void>();
  const settleAll = () => {
    for (const resolve of waiting.values()) resolve(null);
    waiting.clear();
  };
  const wire = (w: Worker) => {
    w.onmessage = (e: MessageEvent<DecodeReply>) => {
      waiting.get(e.data.id)?.(e.data.text);
      waiting.delete(e.data.id);
    };
    // A worker that failed to load or crashed is replaced, so scanning never stalls.
    w.onerror = () => restart();
  };
  const restart = () => {
    worker.terminate();
    settleAll();
    worker = spawn();
    wire(worker);
  };
  wire(worker);
  return {
    decode(frame) {
      const id = nextId++;
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          if (waiting.delete(id)) {
            resolve(null);
            restart();
          }
        }, WORKER_REPLY_MS);
        waiting.set(id, (text) => {
          clearTimeout(timer);
          resolve(text);
        });
        const pixels = frame.data.buffer as ArrayBuffer;
        const req: DecodeRequest = { id, width: frame.width, height: frame.height, pixels };
        worker.postMessage(req, [pixels]);
      });
    },
    close() {
      worker.terminate();
      settleAll();
    },
  };
}

async function mainThreadDecoder(): Promise<QrDecoder> {
  const { decodeRgba } = await import("./qrDecode");
  return {
    decode: async (frame) => decodeRgba(frame.data, frame.width, frame.height),
    close: () => {},
  };
}

export async function createDecoder(): Promise<QrDecoder> {
  return (await nativeDecoder()) ?? workerDecoder() ?? (await mainThreadDecoder());
}
