import { describe, expect, it } from "vitest";
import { catalogues, createCatalogues, type Lang, type Loader } from "./catalog";
import { fr } from "./fr";
import { en, type Messages } from "./messages";

/** Loaders that count their calls; French fails while `offline` says so. */
function counting(offline = { now: false }) {
  const calls: Record<Lang, number> = { en: 0, fr: 0 };
  const loaders: Record<Lang, Loader> = {
    en: async () => {
      calls.en += 1;
      return en;
    },
    fr: async () => {
      calls.fr += 1;
      if (offline.now) throw new TypeError("Failed to fetch dynamically imported module");
      return fr;
    },
  };
  return { calls, loaders, offline };
}

describe("language catalogues", () => {
  it("holds English from the start and French only once loaded", async () => {
    const { calls, loaders } = counting();
    const c = createCatalogues(loaders);
    expect(c.get("en")).toBe(en);
    expect(c.get("fr")).toBeUndefined();
    expect(await c.load("en")).toBe(en);
    expect(calls.en).toBe(0);
    expect(calls.fr).toBe(0);
  });

  it("fetches French once, however often and however concurrently it is asked for", async () => {
    const { calls, loaders } = counting();
    const c = createCatalogues(loaders);
    const [a, b] = await Promise.all([c.load("fr"), c.load("fr")]);
    expect(await c.load("fr")).toBe(a);
    expect(a).toBe(b);
    expect(c.get("fr")?.["lang.label"]).toBe("Langue");
    expect(calls.fr).toBe(1);
  });

  it("tries again after a failed fetch (offline at the first switch)", async () => {
    const { calls, loaders, offline } = counting({ now: true });
    const c = createCatalogues(loaders);
    await expect(c.load("fr")).rejects.toThrow(/Failed to fetch/);
    expect(c.get("fr")).toBeUndefined();
    offline.now = false;
    expect((await c.load("fr"))["lang.label"]).toBe("Langue");
    expect(calls.fr).toBe(2);
  });

  it("loads the real French chunk by dynamic import", async () => {
    const loaded = await catalogues.load("fr");
    expect(loaded).toBe(fr);
    expect(catalogues.get("fr")?.["door.scanner.title"]).toBe("Contrôle à l’entrée");
  });

  it("has every English key in French, and no other", () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(fr)) expect(text, key).toBeTruthy();
  });

  it("types French against English, so a missing key fails the type check", () => {
    const partial: Partial<Messages> = { ...fr };
    delete partial["app.name"];
    // @ts-expect-error -- a catalogue without "app.name" is not a complete one.
    const incomplete: Messages = partial;
    expect(Object.keys(incomplete)).not.toContain("app.name");
  });
});
