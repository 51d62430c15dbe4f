// Downloads and uploads with progress. Files come through the API client
// (cookies, CSRF, silent refresh) as blobs and are saved through an object
// URL, so that nothing needs a token in a link.
import { api, ApiError, csrfToken, type Problem } from "../api/client";

export type Progress = (loaded: number, total: number | null) => void;

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

function sendOnce<T>(path: string, body: Blob, contentType: string, onProgress?: Progress): Promise<{ status: number; body: T | Problem | null; retryAfter: number | null }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", path);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("Content-Type", contentType);
    const token = csrfToken();
    if (token) xhr.setRequestHeader("X-CSRF-Token", token);
    xhr.upload.onprogress = (e) => onProgress?.(e.loaded, e.lengthComputable ? e.total : null);
    xhr.onerror = () => reject(new ApiError(0, null));
    xhr.onabort = () => reject(new DOMException("aborted", "AbortError"));
    xhr.onload = () => {
      let parsed: T | Problem | null = null;
      if ((xhr.getResponseHeader("content-type") ?? "").includes("json")) {
        try {
          parsed = JSON.parse(xhr.responseText) as T | Problem;
        } catch {
          parsed = null;
        }
      }
      const retry = Number(xhr.getResponseHeader("retry-after"));
      resolve({ status: xhr.status, body: parsed, retryAfter: Number.isFinite(retry) && retry > 0 ? retry : null });
    };
    xhr.send(body);
  });
}

/**
 * Posts a file with upload progress (XMLHttpRequest: fetch cannot report it)
 * and answers its JSON. Like the API client: CSRF header, one refresh on 401.
 */
export async function upload<T>(path: string, body: Blob, contentType: string, onProgress?: Progress): Promise<T> {
  let res = await sendOnce<T>(path, body, contentType, onProgress);
  if (res.status === 401 && (await api.refresh())) res = await sendOnce<T>(path, body, contentType, onProgress);
  if (res.status === 401) api.onSessionLost((res.body as Problem | null)?.code ?? "unauthenticated");
  if (res.status < 200 || res.status >= 300) throw new ApiError(res.status, res.body as Problem | null, res.retryAfter);
  return res.body as T;
}
