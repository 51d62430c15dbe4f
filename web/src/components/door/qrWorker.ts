// Decoding worker: frames arrive as RGBA pixels, the code's text (or null)
// goes back. Loaded from its own same-origin file, as the CSP requires.
import { decodeRgba } from "./qrDecode";

export interface DecodeRequest {
  id: number;
  width: number;
  height: number;
  pixels: ArrayBuffer;
}

export interface DecodeReply {
  id: number;
  text: string | null;
}

self.onmessage = (e: MessageEvent<DecodeRequest>) => {
  const { id, width, height, pixels } = e.data;
  const reply: DecodeReply = { id, text: decodeRgba(new Uint8ClampedArray(pixels), width, height) };
  self.postMessage(reply);
};
