import { describe, expect, it, vi } from "vitest";
import { absoluteLink, forgetLinkToken, fragmentToken, linkDays, safeNext, signInPath, takeLinkToken, waitFor } from "./links";

class MemoryStorage {
  readonly map = new Map<string, string>();
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

function place(hash: string, pathname = "/invite", search = "") {
  const loc = { hash, pathname, search };
  const replaced: string[] = [];
  const history = {
    state: { idx: 3 },
    replaceState: vi.fn((_state: unknown, _title: string, url?: string | URL | null) => {
      replaced.push(String(url));
      loc.hash = "";
    }),
  };
  return { loc, history, replaced };
}

describe("fragmentToken", () => {
  it("reads the token of a link's fragment", () => {
    expect(fragmentToken("#Zm9vYmFyYmF6LXF1eA_x")).toBe("Zm9vYmFyYmF6LXF1eA_x");
    expect(fragmentToken("#token=abcdefgh12")).toBe("abcdefgh12");
    expect(fragmentToken("#%20abcdefgh12%0A")).toBe("abcdefgh12");
    expect(fragmentToken("abcdefgh12")).toBe("abcdefgh12");
  });

  it("refuses what is not a token", () => {
    expect(fragmentToken("")).toBeNull();
    expect(fragmentToken("#")).toBeNull();
    expect(fragmentToken("#short")).toBeNull();
    expect(fragmentToken("#two words here")).toBeNull();
    expect(fragmentToken("#\"abcdefgh12\"")).toBeNull();
    expect(fragmentToken("#%E0%A4%A")).toBeNull();
    expect(fragmentToken(`#${"a".repeat(513)}`)).toBeNull();
  });
});

describe("takeLinkToken", () => {
  it("clears the fragment at once and keeps the token for this tab", () => {
    const storage = new MemoryStorage();
    const { loc, history, replaced } = place("#abcdefgh12345", "/invite", "?lang=fr");
    expect(takeLinkToken("k", loc, history, storage)).toBe("abcdefgh12345");
    expect(replaced).toEqual(["/invite?lang=fr"]);
    expect(history.replaceState.mock.calls[0][0]).toEqual({ idx: 3 });
    expect(storage.getItem("k")).toBe("abcdefgh12345");
    // Back from the sign-in page: no fragment, the kept token.
    expect(takeLinkToken("k", loc, history, storage)).toBe("abcdefgh12345");
    expect(history.replaceState).toHaveBeenCalledTimes(1);
  });

  it("lets the newest link win, and a fragment without a token forget the kept one", () => {
    const storage = new MemoryStorage();
    storage.setItem("k", "oldtoken1234");
    expect(takeLinkToken("k", place("#newtoken5678").loc, place("").history, storage)).toBe("newtoken5678");
    expect(storage.getItem("k")).toBe("newtoken5678");
    const bad = place("#not a token");
    expect(takeLinkToken("k", bad.loc, bad.history, storage)).toBeNull();
    expect(bad.replaced).toEqual(["/invite"]);
    expect(storage.getItem("k")).toBeNull();
  });

  it("answers null without a link or a kept token, and ignores a kept value that is not a token", () => {
    const storage = new MemoryStorage();
    const { loc, history } = place("");
    expect(takeLinkToken("k", loc, history, storage)).toBeNull();
    storage.setItem("k", "<b>x</b>");
    expect(takeLinkToken("k", loc, history, storage)).toBeNull();
    expect(history.replaceState).not.toHaveBeenCalled();
  });

  it("still answers the fragment's token when storage is unavailable", () => {
    const broken = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("denied");
      },
      removeItem: () => {
        throw new Error("denied");
      },
    };
    const { loc, history } = place("#abcdefgh12345");
    expect(takeLinkToken("k", loc, history, broken)).toBe("abcdefgh12345");
    expect(takeLinkToken("k", loc, history, broken)).toBeNull();
    expect(() => forgetLinkToken("k", broken)).not.toThrow();
  });

  it("forgets a used token", () => {
    const storage = new MemoryStorage();
    storage.setItem("k", "abcdefgh12345");
    storage.setItem("other", "keepme123456");
    forgetLinkToken("k", storage);
    expect(storage.getItem("k")).toBeNull();
    expect(storage.getItem("other")).toBe("keepme123456");
  });
});

describe("absoluteLink", () => {
  it("puts a path on this site's origin", () => {
    expect(absoluteLink("/invite#tok12345678", "http://127.0.0.1:8080")).toBe("http://127.0.0.1:8080/invite#tok12345678");
    expect(absoluteLink("/invite#tok12345678", "https://tickets.example.org/")).toBe("https://tickets.example.org/invite#tok12345678");
  });

  it("keeps an absolute link, and never turns a protocol-relative one into this site's", () => {
    expect(absoluteLink("https://tickets.example.org/invite#tok", "http://localhost")).toBe("https://tickets.example.org/invite#tok");
    expect(absoluteLink("//evil.example/invite#tok", "https://a.example")).toBe("//evil.example/invite#tok");
  });
});

describe("return to after signing in", () => {
  it("accepts only paths on this site", () => {
    expect(safeNext("/invite")).toBe("/invite");
    expect(safeNext("/events/1/staff?x=1")).toBe("/events/1/staff?x=1");
    expect(safeNext(null)).toBe("/");
    expect(safeNext("")).toBe("/");
    expect(safeNext("https://evil.example/")).toBe("/");
    expect(safeNext("//evil.example/")).toBe("/");
    expect(safeNext("/\\evil.example/")).toBe("/");
    expect(safeNext("/\tevil")).toBe("/");
    expect(safeNext("javascript:alert(1)")).toBe("/");
  });

  it("builds the sign-in and registration links that come back", () => {
    expect(signInPath("login", "/invite")).toBe("/login?next=%2Finvite");
    expect(signInPath("register", "/invite")).toBe("/register?next=%2Finvite");
    expect(signInPath("login", "/")).toBe("/login");
    expect(signInPath("login", "//evil.example")).toBe("/login");
  });
});

describe("linkDays", () => {
  it("counts the days a link works", () => {
    expect(linkDays("2026-11-01T10:00:00Z", "2026-11-08T10:00:00Z")).toBe(7);
    expect(linkDays("2026-11-01T10:00:00.123Z", "2026-11-08T09:59:59Z")).toBe(7);
    expect(linkDays("2026-11-01T10:00:00Z", "2026-11-01T10:15:00Z")).toBe(1);
    expect(linkDays("nonsense", "2026-11-01T10:15:00Z")).toBe(1);
  });
});

describe("waitFor", () => {
  it("says seconds, then minutes rounded up", () => {
    expect(waitFor(42)).toEqual({ n: 42, unit: "s" });
    expect(waitFor(119)).toEqual({ n: 119, unit: "s" });
    expect(waitFor(119.2)).toEqual({ n: 2, unit: "min" });
    expect(waitFor(120)).toEqual({ n: 2, unit: "min" });
    expect(waitFor(3601)).toEqual({ n: 61, unit: "min" });
    expect(waitFor(null)).toEqual({ n: 60, unit: "s" });
    expect(waitFor(-5)).toEqual({ n: 60, unit: "s" });
  });
});
