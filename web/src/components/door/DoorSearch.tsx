// Find a ticket by its holder's name, for a guest whose phone died: asks the
// server (online only, at most 5 answers), through the door's own session.
// Each match can be let in (checked, on a verify-only door) once the
// volunteer confirms who the person is: the answer fills the screen like a
// scan's. An event that keeps names off door devices refuses the search to
// devices and scanners (403): the tool then gives way to a note.
import { useEffect, useId, useRef, useState, type RefObject } from "react";
import { ApiError, type Api } from "../../api/client";
import { doorSearch, SEARCH_MIN, type DoorSearchItem } from "../../api/devices";
import { useI18n } from "../../i18n";
import { describeError } from "../../i18n/errors";
import type { DoorMode } from "../../door/types";
import { Badge, Confirm } from "../ui";
import { refocus } from "./CodeEntry";

/** Typing pauses this long before the server is asked. */
const DEBOUNCE_MS = 300;

interface Result {
  q: string;
  items: DoorSearchItem[] | null;
  error: unknown;
}

/** The search refused for names kept off door devices (not a passing failure). */
export function namesKeptOff(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403;
}

function useSearch(client: Api, eventId: string, query: string, round: number): Result | null {
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
  }, [client, eventId, q, round]);
  return q.length >= SEARCH_MIN && result?.q === q ? result : null;
}

function SearchItem({ item, mode, onAdmit }: { item: DoorSearchItem; mode: DoorMode; onAdmit: (item: DoorSearchItem) => void }) {
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
      <button type="button" className="primary door-search-admit" onClick={() => onAdmit(item)} data-testid="door-search-admit">
        {t(`door.search.admit.${mode}`)}
        {item.holder_name && <span className="visually-hidden"> – {item.holder_name}</span>}
      </button>
    </li>
  );
}

function confirmName(item: DoorSearchItem | null, t: ReturnType<typeof useI18n>["t"]): string {
  if (!item) return "";
  const name = item.holder_name || t("door.search.noName");
  return item.category ? `${name} (${item.category})` : name;
}

export interface DoorSearchProps {
  client: Api;
  eventId: string;
  codeRef: RefObject<HTMLInputElement | null>;
  /** The door's mode: a verify-only device checks, it does not let in. */
  mode: DoorMode;
  /** Confirmed by the volunteer: decide this ticket as if its code was scanned. */
  onAdmit: (ticketId: string) => void;
  /** Changes with every door answer: the matches are asked again after one of theirs. */
  answerSeq: number;
}

export function DoorSearch({ client, eventId, codeRef, mode, onAdmit, answerSeq }: DoorSearchProps) {
  const { t } = useI18n();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [round, setRound] = useState(0);
  const [confirming, setConfirming] = useState<DoorSearchItem | null>(null);
  const result = useSearch(client, eventId, open ? query : "", round);
  const refused = namesKeptOff(result?.error);

  // After the answer to a ticket let in from here, its figures (entries, used up) are asked again.
  const admitted = useRef(false);
  useEffect(() => {
    if (!admitted.current) return;
    admitted.current = false;
    setRound((r) => r + 1);
  }, [answerSeq]);

  // The search field goes with the tool: the code field takes the focus back for the next handheld scan.
  useEffect(() => {
    if (refused) refocus(codeRef.current);
  }, [refused, codeRef]);

  // The refusal stays (its query and answer are kept): the tool is gone for this page.
  if (refused) {
    return (
      <div className="door-search">
        <p className="muted door-search-off" data-testid="door-search-off">
          {t("door.search.namesOff")}
        </p>
      </div>
    );
  }

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
          <SearchItem key={item.ticket_id} item={item} mode={mode} onAdmit={setConfirming} />
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
      <Confirm
        open={confirming !== null}
        title={t("door.search.confirmTitle")}
        confirmLabel={t(`door.search.confirm.${mode}`)}
        onConfirm={() => {
          if (!confirming) return;
          admitted.current = true;
          onAdmit(confirming.ticket_id);
          setConfirming(null);
          // The answer fills the stage at the top of the door: bring it into view.
          window.scrollTo({ top: 0 });
        }}
        onCancel={() => setConfirming(null)}
      >
        <p>{t(`door.search.confirmText.${mode}`, { name: confirmName(confirming, t) })}</p>
      </Confirm>
    </section>
  );
}
