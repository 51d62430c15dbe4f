// Query strings for the API's list endpoints: empty filters are left out so
// that URLs stay short and the server sees only what the person chose.

export type QueryValue = string | number | boolean | null | undefined;

/** `?a=1&b=x` from the set values, in the given order; "" when none is set. */
export function buildQuery(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === false) continue;
    const text = typeof value === "string" ? value.trim() : String(value);
    if (text) search.append(key, text);
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** Appends a keyset cursor to a path that may already carry a query. */
export function withCursor(path: string, cursor: string | null | undefined): string {
  if (!cursor) return path;
  return `${path}${path.includes("?") ? "&" : "?"}cursor=${encodeURIComponent(cursor)}`;
}

/** Path of an event's resource, with the id encoded. */
export function eventPath(eventId: string, rest = ""): string {
  return `/api/v1/events/${encodeURIComponent(eventId)}${rest}`;
}
