// Find a ticket by its holder's name, for a guest whose phone died: asks the
// server (online only, at most 5 answers), through the door's own session.
import { useEffect, useId, useState, type RefObject } from "react";
import { ApiError, type Api } from "../../api/client";
import { doorSearch, SEARCH_MIN, type DoorSearchItem } from "../../api/devices";
import { useI18n } from "../../i18n";
import { describeError } from "../../i18n/errors";
import { Badge } from "../ui";
import { refocus } from "./CodeEntry";

/** Typing pauses this long before the server is asked. */
const DEBOUNCE_MS = 300;

interface Result {
  q: string;
  items: DoorSearchItem[] | null;
  error: unknown;
}

function useSearch(client: Api, eventId: string, query: string): Result | null {
  const q = query.trim();
  const [result, setResult] = useState<Result | null>(null);
  useEffect(() => {
    if (q.length < SEARCH_MIN) return;
    const ctl = new AbortController();
    const timer = window.setTimeout(() => {
      doorSearch(client, eventId, q, ctl.signal).then(
        (res) => setResult({ q, items: res.items, error: null }),
        (error: unknown) => {
          if (!ctl.signal.aborted) setResult({ q, items: null, error });
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      ctl.abort();
    };
  }, [client, eventId, q]);
  return q.length >= SEARCH_MIN && result?.q === q ? result : null;
}

function SearchItem({ item }: { item: DoorSearchItem }) {
  const { t } = useI18n();
  const revoked = item.status === "revoked";
  const usedUp = !revoked && item.uses >= item.max_uses;
  return (
    <li className="door-search-item" data-testid="door-search-item">
      <span className="door-search-name">{item.holder_name || <span className="muted">{t("door.search.noName")}</span>}</span>
      <span className="door-search-facts">
        {item.category && <span>{item.category}</span>}
        <span>{t("door.search.uses", { uses: item.uses, max: item.max_uses })}</span>
        <Badge tone={revoked ? "bad" : usedUp ? "muted" : "ok"}>
          {revoked ? t("dash.status.revoked") : usedUp ? t("dash.status.usedUp") : t("dash.status.active")}
        </Badge>
      </span>
    </li>
  );
}

export function DoorSearch({ client, eventId, codeRef }: { client: Api; eventId: string; codeRef: RefObject<HTMLInputElement | null> }) {
  const { t } = useI18n();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const result = useSearch(client, eventId, open ? query : "");

  if (!open) {
    return (
      <div className="door-search">
        <button type="button" className="door-link-button" onClick={() => setOpen(true)} data-testid="door-search-open">
          {t("door.search.open")}
        </button>
      </div>
    );
  }

  const error = result?.error;
  let body = null;
  if (error instanceof ApiError && error.status === 429) {
    body = <p className="door-problem">{t("door.search.throttled", { seconds: error.retryAfter ?? 10 })}</p>;
  } else if (error) {
    body = <p className="door-problem">{describeError(error, t)}</p>;
  } else if (result?.items && result.items.length === 0) {
    body = <p className="muted">{t("door.search.none", { q: result.q })}</p>;
  } else if (result?.items) {
    body = (
      <ul className="door-search-list" aria-label={t("door.search.results")}>
        {result.items.map((item) => (
          <SearchItem key={item.ticket_id} item={item} />
        ))}
      </ul>
    );
  }

  return (
    <section className="door-search door-search-open" aria-label={t("door.search.open")}>
      <div className="field">
        <label htmlFor={id}>{t("door.search.label")}</label>
        <div className="door-code-row">
          <input
            id={id}
            type="search"
            autoComplete="off"
            autoFocus
            value={query}
            maxLength={100}
            aria-describedby={`${id}-hint`}
            onChange={(e) => setQuery(e.target.value)}
          />
          <button
            type="button"
            onClick={() => {
              setOpen(false);
              setQuery("");
              // The code field, not the page, gets the focus back: the next handheld scan lands there.
              window.setTimeout(() => refocus(codeRef.current), 0);
            }}
          >
            {t("door.search.close")}
          </button>
        </div>
        <small id={`${id}-hint`} className="hint">
          {t("door.search.hint")}
        </small>
      </div>
      <div role="status" aria-live="polite">
        {body}
      </div>
    </section>
  );
}
