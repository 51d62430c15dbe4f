// The catalogues a page holds. English is built in (every lookup falls back
// to it); French is a chunk of its own, fetched the first time it is needed,
// so a visitor downloads one language only. The service worker precaches
// every chunk of the build, so a door opened once loads French offline too.
import { en, type Messages } from "./messages";

export type Lang = "en" | "fr";

/** Fetches one language's catalogue. */
export type Loader = () => Promise<Messages>;

const LOADERS: Record<Lang, Loader> = {
  en: () => Promise.resolve(en),
  fr: () => import("./fr").then((m) => m.fr),
};

/** The catalogues of a page: those at hand, and the fetching of the others. */
export interface Catalogues {
  /** The catalogue when it is at hand (English always is). */
  get(lang: Lang): Messages | undefined;
  /** The catalogue, fetched once; a failed fetch (offline) is tried again on the next call. */
  load(lang: Lang): Promise<Messages>;
}

export function createCatalogues(loaders: Record<Lang, Loader>): Catalogues {
  const ready = new Map<Lang, Messages>([["en", en]]);
  const pending = new Map<Lang, Promise<Messages>>();
  return {
    get: (lang) => ready.get(lang),
    load(lang) {
      const done = ready.get(lang);
      if (done) return Promise.resolve(done);
      let loading = pending.get(lang);
      if (!loading) {
        loading = loaders[lang]().then(
          (messages) => {
            ready.set(lang, messages);
            pending.delete(lang);
            return messages;
          },
          (err: unknown) => {
            pending.delete(lang);
            throw err;
          },
        );
        pending.set(lang, loading);
      }
      return loading;
    },
  };
}

/** This page's catalogues. */
export const catalogues = createCatalogues(LOADERS);
