// Downloads and uploads with progress. Files come through the API client
// (cookies, CSRF, silent refresh) as blobs and are saved through an object
// URL, so that nothing needs a token in a link.
import { api, type UploadProgress } from "../api/client";

export type Progress = UploadProgress;

/** The file name of a `Content-Disposition` header, or the fallback. */
export function filenameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(header);
  if (star) {
    try {
      return sanitize(decodeURIComponent(star[1].trim().replace(/^"|"$/g, ""))) || fallback;
    } catch {
      /* fall through to the plain name */
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(header);
  const name = plain ? (plain[1] ?? plain[2] ?? "").trim() : "";
  return sanitize(name) || fallback;
}

function sanitize(name: string): string {
  return name.replace(/[/\\]/g, "_").replace(/^\.+/, "");
}

/** Hands a blob to the browser as a download. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.rel = "noopener";
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser time to start reading the blob before letting it go.
  window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** Fetches a file from the API, reporting progress, and saves it. Returns the saved name. */
export async function download(path: string, fallbackName: string, onProgress?: Progress, signal?: AbortSignal): Promise<string> {
  const res = await api.response(path, { signal });
  const name = filenameFromDisposition(res.headers.get("content-disposition"), fallbackName);
  const type = res.headers.get("content-type") ?? "application/octet-stream";
  const length = Number(res.headers.get("content-length"));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  let blob: Blob;
  if (res.body && onProgress) {
    const reader = res.body.getReader();
    const chunks: BlobPart[] = [];
    let loaded = 0;
    onProgress(0, total);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loaded += value.byteLength;
      onProgress(loaded, total);
    }
    blob = new Blob(chunks, { type });
  } else {
    blob = await res.blob();
  }
  saveBlob(blob, name);
  return name;
}

/** Posts a file, reporting the upload's progress, and answers its JSON (through the API client, like any request). */
export function upload<T>(path: string, body: Blob, contentType: string, onProgress?: Progress): Promise<T> {
  return api.json<T>(path, { method: "POST", raw: { data: body, contentType }, onUploadProgress: onProgress });
}
