import { describe, expect, it, vi } from "vitest";
import { Api, ApiError, csrfToken, DEVICE_CSRF_COOKIES, DEVICE_SESSION, parseHeaders, USER_SESSION, type Uploader } from "./client";

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const type = status >= 400 ? "application/problem+json" : "application/json";
  return new Response(JSON.stringify(body), { status, headers: { "content-type": type, ...headers } });
}

const problem = (status: number, code: string) => ({
  type: `https://qr-event.org/problems/${code}`,
  title: "x",
  status,
  detail: `detail of ${code}`,
  code,
  request_id: "r1",
});

describe("Api", () => {
  it("sends the CSRF cookie value on unsafe requests only", async () => {
    const calls: RequestInit[] = [];
    const api = new Api(async (_p, init) => {
      calls.push(init);
      return json(200, {});
    }, () => "a=1; __Host-qre_csrf=tok%2Ben");
    await api.json("/x", { method: "POST", body: { a: 1 } });
    await api.json("/x");
    expect((calls[0].headers as Record<string, string>)["X-CSRF-Token"]).toBe("tok+en");
    expect((calls[1].headers as Record<string, string>)["X-CSRF-Token"]).toBeUndefined();
  });

  it("refreshes once on 401 and retries the request", async () => {
    const paths: string[] = [];
    let expired = true;
    const api = new Api(async (p) => {
      paths.push(p);
      if (p === "/api/v1/auth/refresh") {
        expired = false;
        return json(200, {});
      }
      return expired ? json(401, problem(401, "unauthenticated")) : json(200, { ok: true });
    });
    await expect(api.json("/api/v1/events")).resolves.toEqual({ ok: true });
    expect(paths).toEqual(["/api/v1/events", "/api/v1/auth/refresh", "/api/v1/events"]);
  });

  it("shares one refresh among concurrent 401s", async () => {
    let refreshes = 0;
    let expired = true;
    const api = new Api(async (p) => {
      if (p === "/api/v1/auth/refresh") {
        refreshes += 1;
        await new Promise((r) => setTimeout(r, 5));
        expired = false;
        return json(200, {});
      }
      return expired ? json(401, problem(401, "unauthenticated")) : json(200, { p });
    });
    await Promise.all([api.json("/a"), api.json("/b"), api.json("/c")]);
    expect(refreshes).toBe(1);
  });

  it("reports a lost session when the refresh fails, and retries only once", async () => {
    const lost = vi.fn();
    const paths: string[] = [];
    const api = new Api(async (p) => {
      paths.push(p);
      return json(401, problem(401, "unauthenticated"));
    });
    api.onSessionLost = lost;
    const err = (await api.json("/a").catch((e) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe("unauthenticated");
    expect(lost).toHaveBeenCalledTimes(1);
    expect(paths).toEqual(["/a", "/api/v1/auth/refresh"]);
  });

  it("maps problem+json, field errors and Retry-After", async () => {
    const api = new Api(async () =>
      json(
        429,
        { ...problem(429, "rate_limited"), errors: [{ field: "email", code: "invalid", message: "bad" }] },
        { "retry-after": "7" },
      ),
    );
    const err = (await api.json("/login", { method: "POST", body: {}, noRefresh: true }).catch((e) => e)) as ApiError;
    expect(err.status).toBe(429);
    expect(err.code).toBe("rate_limited");
    expect(err.retryAfter).toBe(7);
    expect(err.fieldErrors().email.code).toBe("invalid");
  });

  it("turns network failures into a network error", async () => {
    const api = new Api(async () => {
      throw new TypeError("Failed to fetch");
    });
    const err = (await api.json("/x").catch((e) => e)) as ApiError;
    expect(err.code).toBe("network");
    expect(err.status).toBe(0);
  });
});

describe("csrfToken", () => {
  it("finds the person's cookie by its exact name", () => {
    expect(csrfToken("x=1; qre_csrf=abc")).toBe("abc");
    expect(csrfToken("x=1; __Host-qre_csrf=h%3D1")).toBe("h=1");
    expect(csrfToken("x=1")).toBeNull();
  });

  it("never takes the device's token for the person's, nor the other way round", () => {
    const both = "qre_device_csrf=dev; other_csrf=no; qre_csrf=user";
    expect(csrfToken(both)).toBe("user");
    expect(csrfToken(both, DEVICE_CSRF_COOKIES)).toBe("dev");
    expect(csrfToken("qre_device_csrf=dev")).toBeNull();
    expect(csrfToken("qre_csrf=user; my_csrf=x", DEVICE_CSRF_COOKIES)).toBeNull();
    expect(csrfToken("__Host-qre_device_csrf=sec", DEVICE_CSRF_COOKIES)).toBe("sec");
  });
});

describe("Api for a door device", () => {
  it("sends the device's CSRF token and refreshes at the device endpoint", async () => {
    const calls: { path: string; csrf?: string }[] = [];
    let expired = true;
    const api = new Api(
      async (p, init) => {
        calls.push({ path: p, csrf: (init.headers as Record<string, string>)["X-CSRF-Token"] });
        if (p === "/api/v1/devices/refresh") {
          expired = false;
          return json(200, {});
        }
        return expired ? json(401, problem(401, "unauthenticated")) : json(200, { ok: true });
      },
      () => "qre_csrf=user; qre_device_csrf=dev",
      DEVICE_SESSION,
    );
    await expect(api.json("/api/v1/events/e/door/sync", { method: "POST", body: {} })).resolves.toEqual({ ok: true });
    expect(calls.map((c) => c.path)).toEqual(["/api/v1/events/e/door/sync", "/api/v1/devices/refresh", "/api/v1/events/e/door/sync"]);
    expect(calls[0].csrf).toBe("dev");
    expect(calls[2].csrf).toBe("dev");
  });

  it("does not refresh a revoked device: the session is lost at once, with its code", async () => {
    const lost = vi.fn();
    const paths: string[] = [];
    const api = new Api(async (p) => {
      paths.push(p);
      return json(401, problem(401, "device_revoked"));
    }, undefined, DEVICE_SESSION);
    api.onSessionLost = lost;
    const err = (await api.json("/api/v1/devices/me").catch((e) => e)) as ApiError;
    expect(err.code).toBe("device_revoked");
    expect(paths).toEqual(["/api/v1/devices/me"]);
    expect(lost).toHaveBeenCalledWith("device_revoked");
  });

  it("loses the session when the refresh fails too", async () => {
    const lost = vi.fn();
    const api = new Api(async () => json(401, problem(401, "unauthenticated")), undefined, DEVICE_SESSION);
    api.onSessionLost = lost;
    await api.json("/api/v1/devices/me").catch(() => null);
    expect(lost).toHaveBeenCalledWith("unauthenticated");
  });
});

describe("uploads with progress", () => {
  it("go through the uploader with the CSRF header, one refresh on 401, and problem+json errors", async () => {
    const sent: { path: string; init: RequestInit }[] = [];
    const progress: [number, number | null][] = [];
    let expired = true;
    const uploader: Uploader = async (path, init, onProgress) => {
      sent.push({ path, init });
      onProgress(3, 3);
      if (expired) return json(401, problem(401, "unauthenticated"));
      return json(422, problem(422, "validation_failed"), { "retry-after": "5" });
    };
    const fetcher = async (path: string) => {
      if (path === "/api/v1/auth/refresh") expired = false;
      return json(200, {});
    };
    const api = new Api(fetcher, () => "__Host-qre_csrf=tok", USER_SESSION, uploader);
    const file = new Blob(["a,b"], { type: "text/csv" });
    const call = api.json("/import", { method: "POST", raw: { data: file, contentType: "text/csv" }, onUploadProgress: (l, t) => progress.push([l, t]) });
    const err = await call.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe("validation_failed");
    expect((err as ApiError).retryAfter).toBe(5);
    expect(sent.map((s) => s.path)).toEqual(["/import", "/import"]);
    expect(sent[0].init.body).toBe(file);
    expect((sent[1].init.headers as Record<string, string>)["X-CSRF-Token"]).toBe("tok");
    expect((sent[1].init.headers as Record<string, string>)["Content-Type"]).toBe("text/csv");
    expect(progress).toEqual([
      [3, 3],
      [3, 3],
    ]);
  });

  it("without a progress callback use fetch", async () => {
    const used: string[] = [];
    const api = new Api(
      async () => (used.push("fetch"), json(200, {})),
      undefined,
      USER_SESSION,
      async () => (used.push("uploader"), json(200, {})),
    );
    await api.json("/x", { method: "POST", raw: { data: new Blob(["x"]), contentType: "text/csv" } });
    expect(used).toEqual(["fetch"]);
  });

  it("read the XMLHttpRequest's headers", () => {
    const h = parseHeaders("content-type: application/problem+json\r\nretry-after: 5\r\nx-odd: a:b\r\n");
    expect([h.get("Content-Type"), h.get("retry-after"), h.get("x-odd")]).toEqual(["application/problem+json", "5", "a:b"]);
  });
});
