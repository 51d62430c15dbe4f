// The API client: same-origin fetch with the session cookies, the CSRF
// header on every unsafe request, and one silent refresh on 401 before
// giving up. Errors become ApiError carrying the problem+json body.
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

/** The CSRF token, from the readable cookie whose name ends in `csrf`. */
export function csrfToken(cookies: string = typeof document === "undefined" ? "" : document.cookie): string | null {
  for (const part of cookies.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name && name.endsWith("csrf")) return decodeURIComponent(rest.join("="));
  }
  return null;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  /** Raw body (e.g. a CSV file) with its content type. */
  raw?: { data: BodyInit; contentType: string };
  signal?: AbortSignal;
  /** Do not try a refresh on 401 (used by the refresh call itself and login). */
  noRefresh?: boolean;
}

export type Fetcher = (input: string, init: RequestInit) => Promise<Response>;

/** Called when the session is gone for good (refresh failed). */
export type SessionLost = () => void;

export class Api {
  private refreshing: Promise<boolean> | null = null;
  onSessionLost: SessionLost = () => {};

  constructor(private readonly fetcher: Fetcher = (i, init) => fetch(i, init), private readonly cookies?: () => string) {}

  private token(): string | null {
    return csrfToken(this.cookies ? this.cookies() : undefined);
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
    try {
      return await this.fetcher(path, { method, headers, body, credentials: "same-origin", signal: opts.signal });
    } catch (e) {
      if ((e as Error).name === "AbortError") throw e;
      throw new ApiError(0, null);
    }
  }

  /** One refresh at a time, shared by every request that got a 401. */
  refresh(): Promise<boolean> {
    if (!this.refreshing) {
      this.refreshing = this.send("/api/v1/auth/refresh", { method: "POST" })
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
      if (await this.refresh()) {
        res = await this.send(path, opts);
      }
      if (res.status === 401) this.onSessionLost();
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

export const api = new Api();
