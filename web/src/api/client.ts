// The API client: same-origin fetch with the session cookies, the CSRF
// header on every unsafe request, and one silent refresh on 401 before
// giving up. Errors become ApiError carrying the problem+json body.
// Uploads that report their progress take the same way (through an
// XMLHttpRequest that answers a Response).
// Two sessions use it: a person's (`api`) and a door device's (`deviceApi`,
// a phone enrolled by a link, without an account); each reads its own CSRF
// cookie and refreshes at its own endpoint.
import type { components } from "./schema";

export type Problem = components["schemas"]["Problem"];
export type ProblemField = components["schemas"]["ProblemField"];

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problem: Problem | null;
  readonly retryAfter: number | null;

  constructor(status: number, problem: Problem | null, retryAfter: number | null = null) {
    super(problem?.detail ?? `HTTP ${status}`);
    this.status = status;
    this.code = problem?.code ?? (status === 0 ? "network" : "unknown");
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  /** Field errors keyed by field name (first message per field). */
  fieldErrors(): Record<string, ProblemField> {
    const out: Record<string, ProblemField> = {};
    for (const e of this.problem?.errors ?? []) {
      if (!(e.field in out)) out[e.field] = e;
    }
    return out;
  }
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The readable CSRF cookie of a person's session (`__Host-` on https). */
export const USER_CSRF_COOKIES = ["__Host-qre_csrf", "qre_csrf"] as const;
/** The readable CSRF cookie of a door device's session (`__Host-` on https). */
export const DEVICE_CSRF_COOKIES = ["__Host-qre_device_csrf", "qre_device_csrf"] as const;

/**
 * The CSRF token: the value of the first cookie named exactly as one of
 * `names`, in their order (a phone may hold both a person's and a device's).
 */
export function csrfToken(
  cookies: string = typeof document === "undefined" ? "" : document.cookie,
  names: readonly string[] = USER_CSRF_COOKIES,
): string | null {
  const found = new Map<string, string>();
  for (const part of cookies.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name && !found.has(name)) found.set(name, rest.join("="));
  }
  for (const name of names) {
    const value = found.get(name);
    if (value !== undefined) {
      try {
        return decodeURIComponent(value);
      } catch {
        return value;
      }
    }
  }
  return null;
}

/**
 * A 401 whose code says the session cannot be refreshed: the door device was
 * revoked, expired, or enrolled again on another phone.
 */
export const DEVICE_REVOKED = "device_revoked";

export interface RequestOptions {
  method?: string;
  body?: unknown;
  /** Raw body (e.g. a CSV file) with its content type. */
  raw?: { data: BodyInit; contentType: string };
  signal?: AbortSignal;
  /** Do not try a refresh on 401 (used by the refresh call itself and login). */
  noRefresh?: boolean;
  /** Reports the body's upload (bytes sent, total when known): the request goes through the `Uploader`. */
  onUploadProgress?: UploadProgress;
}

export type Fetcher = (input: string, init: RequestInit) => Promise<Response>;

export type UploadProgress = (loaded: number, total: number | null) => void;

/** A fetch that reports the upload's progress (fetch itself cannot). */
export type Uploader = (input: string, init: RequestInit, onProgress: UploadProgress) => Promise<Response>;

/** Response headers as `XMLHttpRequest.getAllResponseHeaders()` gives them. */
export function parseHeaders(raw: string): Headers {
  const headers = new Headers();
  for (const line of raw.split(/\r?\n/)) {
    const at = line.indexOf(":");
    if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  return headers;
}

/** The Uploader of browsers: XMLHttpRequest, answering a Response as fetch would (a TypeError when nothing came back). */
export const xhrUploader: Uploader = (input, init, onProgress) =>
  new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(init.method ?? "GET", input);
    xhr.responseType = "blob";
    for (const [name, value] of Object.entries((init.headers ?? {}) as Record<string, string>)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : null);
    xhr.onerror = () => reject(new TypeError("network error"));
    xhr.onabort = () => reject(new DOMException("aborted", "AbortError"));
    init.signal?.addEventListener("abort", () => xhr.abort());
    xhr.onload = () => {
      const empty = xhr.status === 204 || xhr.status === 205 || xhr.status === 304;
      resolve(new Response(empty ? null : (xhr.response as Blob), { status: xhr.status, headers: parseHeaders(xhr.getAllResponseHeaders()) }));
    };
    xhr.send((init.body ?? null) as XMLHttpRequestBodyInit | null);
  });

/** Called when the session is gone for good (refresh failed), with the last 401's code. */
export type SessionLost = (code: string) => void;

/** Which session a client speaks for. */
export interface SessionKind {
  /** Names of the readable CSRF cookie, preferred first. */
  csrfCookies: readonly string[];
  /** Where an expired access token is renewed. */
  refreshPath: string;
}

export const USER_SESSION: SessionKind = { csrfCookies: USER_CSRF_COOKIES, refreshPath: "/api/v1/auth/refresh" };
export const DEVICE_SESSION: SessionKind = { csrfCookies: DEVICE_CSRF_COOKIES, refreshPath: "/api/v1/devices/refresh" };

/** The problem code of a response, read from a copy (the body stays readable). */
async function problemCode(res: Response): Promise<string> {
  try {
    const body = (await res.clone().json()) as { code?: unknown };
    return typeof body?.code === "string" ? body.code : "unknown";
  } catch {
    return "unknown";
  }
}

export class Api {
  private refreshing: Promise<boolean> | null = null;
  onSessionLost: SessionLost = () => {};

  constructor(
    private readonly fetcher: Fetcher = (i, init) => fetch(i, init),
    private readonly cookies?: () => string,
    private readonly session: SessionKind = USER_SESSION,
    private readonly uploader: Uploader = xhrUploader,
  ) {}

  private token(): string | null {
    return csrfToken(this.cookies ? this.cookies() : undefined, this.session.csrfCookies);
  }

  private async send(path: string, opts: RequestOptions): Promise<Response> {
    const method = (opts.method ?? "GET").toUpperCase();
    const headers: Record<string, string> = { Accept: "application/json" };
    let body: BodyInit | undefined;
    if (opts.raw) {
      headers["Content-Type"] = opts.raw.contentType;
      body = opts.raw.data;
    } else if (opts.body !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(opts.body);
    }
    if (UNSAFE.has(method)) {
      const token = this.token();
      if (token) headers["X-CSRF-Token"] = token;
    }
    const progress = opts.onUploadProgress;
    const init: RequestInit = { method, headers, body, credentials: "same-origin", signal: opts.signal };
    try {
      return await (progress ? this.uploader(path, init, progress) : this.fetcher(path, init));
    } catch (e) {
      if ((e as Error).name === "AbortError") throw e;
      throw new ApiError(0, null);
    }
  }

  /** One refresh at a time, shared by every request that got a 401. */
  refresh(): Promise<boolean> {
    if (!this.refreshing) {
      this.refreshing = this.send(this.session.refreshPath, { method: "POST" })
        .then((r) => r.ok)
        .catch(() => false)
        .finally(() => {
          this.refreshing = null;
        });
    }
    return this.refreshing;
  }

  async response(path: string, opts: RequestOptions = {}): Promise<Response> {
    let res = await this.send(path, opts);
    if (res.status === 401 && !opts.noRefresh) {
      // A revoked device has nothing to refresh: its refresh token is dead too.
      if ((await problemCode(res)) !== DEVICE_REVOKED && (await this.refresh())) {
        res = await this.send(path, opts);
      }
      if (res.status === 401) this.onSessionLost(await problemCode(res));
    }
    if (!res.ok) throw await toError(res);
    return res;
  }

  async json<T>(path: string, opts: RequestOptions = {}): Promise<T> {
    const res = await this.response(path, opts);
    if (res.status === 204) return undefined as T;
    return (await res.json()) as T;
  }

  async blob(path: string, opts: RequestOptions = {}): Promise<Blob> {
    return (await this.response(path, opts)).blob();
  }
}

async function toError(res: Response): Promise<ApiError> {
  let problem: Problem | null = null;
  const type = res.headers.get("content-type") ?? "";
  if (type.includes("json")) {
    try {
      problem = (await res.json()) as Problem;
    } catch {
      problem = null;
    }
  }
  const retry = Number(res.headers.get("retry-after"));
  return new ApiError(res.status, problem, Number.isFinite(retry) && retry > 0 ? retry : null);
}

/** A person's session (the dashboard, and the scanner of a signed-in staff member). */
export const api = new Api();
/** A door device's session (a phone enrolled by a link; no account). */
export const deviceApi = new Api(undefined, undefined, DEVICE_SESSION);
