// Runs the service worker source in a sandbox with a fake Cache Storage and
// network, and checks each rule of its header comment.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { injectManifest } from "./precache";

const ORIGIN = "https://door.example";
const FILES = ["/assets/index-1.js", "/index.html", "/manifest.webmanifest"];
const source = injectManifest(readFileSync(join(__dirname, "sw.js"), "utf8"), { version: "v2", files: FILES });

type Req = { url: string; method?: string; mode?: string };
type Handler = (event: Record<string, unknown>) => void;

const keyOf = (req: Req | string) => new URL(typeof req === "string" ? req : req.url, ORIGIN).href;
const page = (body: string, status = 200) => new Response(body, { status });

/** A service worker global scope with just what sw.js uses. */
function sandbox(network: (req: Req | string) => Promise<Response>) {
  const stores = new Map<string, Map<string, Response>>();
  const open = async (name: string) => {
    if (!stores.has(name)) stores.set(name, new Map());
    const store = stores.get(name)!;
    return {
      match: async (req: Req | string) => store.get(keyOf(req))?.clone(),
      put: async (req: Req | string, res: Response) => void store.set(keyOf(req), res),
      addAll: async (urls: string[]) => {
        for (const url of urls) store.set(keyOf(url), await network(url));
      },
    };
  };
  const caches = {
    open,
    keys: async () => [...stores.keys()],
    delete: async (name: string) => stores.delete(name),
    match: async (req: Req | string) => {
      for (const store of stores.values()) {
        const hit = store.get(keyOf(req));
        if (hit) return hit.clone();
      }
      return undefined;
    },
  };
  const handlers = new Map<string, Handler>();
  const self = {
    location: { origin: ORIGIN },
    addEventListener: (type: string, fn: Handler) => handlers.set(type, fn),
    skipWaiting: vi.fn(async () => undefined),
    clients: { claim: vi.fn(async () => undefined) },
  };
  runInNewContext(source, {
    self,
    caches,
    fetch: network,
    URL,
    Promise,
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
    clearTimeout: (id: ReturnType<typeof setTimeout>) => clearTimeout(id),
  });

  /** Dispatches an extendable event; resolves when its waitUntil work is done. */
  async function lifecycle(type: "install" | "activate") {
    let work: Promise<unknown> = Promise.resolve();
    handlers.get(type)!({ waitUntil: (p: Promise<unknown>) => (work = p) });
    await work;
  }

  /** Dispatches a fetch; the response the worker gave, or null when it let the browser go on. */
  function request(req: Req): Promise<Response> | null {
    let answer: Promise<Response> | null = null;
    const extra: Promise<unknown>[] = [];
    handlers.get("fetch")!({
      request: { method: "GET", mode: "cors", ...req, url: new URL(req.url, ORIGIN).href },
      respondWith: (p: Promise<Response>) => (answer = p),
      waitUntil: (p: Promise<unknown>) => extra.push(p),
    });
    if (!answer) return null;
    return (answer as Promise<Response>).then(async (res) => {
      await Promise.all(extra);
      return res;
    });
  }

  return { stores, self, lifecycle, request };
}

const shellBody = "<!doctype html><title>shell</title>";
const served = (url: Req | string) => {
  const path = new URL(keyOf(url)).pathname;
  return Promise.resolve(page(path === "/index.html" ? shellBody : `network ${path}`));
};

describe("service worker", () => {
  let net: ReturnType<typeof vi.fn<(req: Req | string) => Promise<Response>>>;
  let sw: ReturnType<typeof sandbox>;

  beforeEach(async () => {
    net = vi.fn(served);
    sw = sandbox(net);
    await sw.lifecycle("install");
    await sw.lifecycle("activate");
    net.mockClear();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it("precaches every listed file at install and takes over at once", async () => {
    const cache = sw.stores.get("qre-shell-v2")!;
    expect([...cache.keys()].sort()).toEqual(FILES.map((f) => ORIGIN + f).sort());
    expect(sw.self.skipWaiting).toHaveBeenCalled();
    expect(sw.self.clients.claim).toHaveBeenCalled();
  });

  it("deletes older builds' caches, and only those", async () => {
    sw.stores.set("qre-shell-v1", new Map());
    sw.stores.set("door-data", new Map());
    await sw.lifecycle("activate");
    expect([...sw.stores.keys()].sort()).toEqual(["door-data", "qre-shell-v2"]);
  });

  it("leaves the API, the probes, other origins and non-GET requests to the browser", () => {
    expect(sw.request({ url: "/api/v1/events/1/door/pack", mode: "cors" })).toBeNull();
    expect(sw.request({ url: "/api/v1/auth/me", mode: "navigate" })).toBeNull();
    expect(sw.request({ url: "/healthz", mode: "navigate" })).toBeNull();
    expect(sw.request({ url: "https://elsewhere.example/assets/x.js" })).toBeNull();
    expect(sw.request({ url: "/scan/1", method: "POST", mode: "navigate" })).toBeNull();
    expect(net).not.toHaveBeenCalled();
  });

  it("loads pages from the network when it answers", async () => {
    const res = await sw.request({ url: "/scan/42", mode: "navigate" })!;
    expect(await res.text()).toBe("network /scan/42");
  });

  it("answers a page load with the cached shell when offline", async () => {
    net.mockImplementation(() => Promise.reject(new TypeError("Failed to fetch")));
    const res = await sw.request({ url: "/t/some-key", mode: "navigate" })!;
    expect(await res.text()).toBe(shellBody);
  });

  it("answers with the cached shell when a proxy says 502", async () => {
    net.mockImplementation(() => Promise.resolve(page("bad gateway", 502)));
    const res = await sw.request({ url: "/scan/42", mode: "navigate" })!;
    expect(await res.text()).toBe(shellBody);
  });

  it("gives up on a silent network after three seconds", async () => {
    vi.useFakeTimers();
    net.mockImplementation(() => new Promise<Response>(() => undefined));
    const pending = sw.request({ url: "/scan/42", mode: "navigate" })!;
    let settled = false;
    void pending.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(2900);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(await (await pending).text()).toBe(shellBody);
  });

  it("serves hashed assets from the cache without asking the network", async () => {
    const res = await sw.request({ url: "/assets/index-1.js" })!;
    expect(await res.text()).toBe("network /assets/index-1.js");
    expect(net).not.toHaveBeenCalled();
  });

  it("fetches an asset missing from the cache once, then keeps it", async () => {
    const first = await sw.request({ url: "/assets/late-9.js" })!;
    expect(await first.text()).toBe("network /assets/late-9.js");
    const again = await sw.request({ url: "/assets/late-9.js" })!;
    expect(await again.text()).toBe("network /assets/late-9.js");
    expect(net).toHaveBeenCalledTimes(1);
  });

  it("serves the other precached files from the cache, and lets unknown files through", async () => {
    const res = await sw.request({ url: "/manifest.webmanifest" })!;
    expect(await res.text()).toBe("network /manifest.webmanifest");
    expect(net).not.toHaveBeenCalled();
    expect(sw.request({ url: "/robots.txt" })).toBeNull();
  });
});
