// Data loading for the dashboard: one resource, or a keyset-paginated list.
// A result remembers the request it answers, so "loading" is derived from
// the current path rather than set inside effects.
import { useCallback, useEffect, useState } from "react";
import { api } from "../api/client";
import type { Page } from "../api/types";
import { withCursor } from "./query";

interface Loaded<T> {
  /** The path the answer is for. */
  path: string;
  /** Which request for that path (a reload asks again). */
  key: string;
  data: T | null;
  error: unknown;
}

export interface Resource<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload: () => void;
  /** Replaces the loaded value (after a change the server confirmed). */
  setData: (data: T) => void;
}

/**
 * What a resource shows for `path`: only an answer for that same path (a
 * reload keeps the last one on screen while it asks again; another path's
 * never shows); the error only of the current request.
 */
export function resourceView<T>(loaded: Loaded<T> | null, path: string | null, key: string | null): Pick<Resource<T>, "data" | "error" | "loading"> {
  const samePath = path !== null && loaded?.path === path;
  const current = samePath && loaded?.key === key;
  return {
    data: samePath ? loaded.data : null,
    error: current ? loaded.error : null,
    loading: key !== null && !current,
  };
}

/** GETs `path` (nothing when null) and keeps the answer until the path changes. */
export function useResource<T>(path: string | null): Resource<T> {
  const [version, setVersion] = useState(0);
  const [loaded, setLoaded] = useState<Loaded<T> | null>(null);
  const key = path === null ? null : `${version} ${path}`;

  useEffect(() => {
    if (path === null || key === null) return;
    const ctl = new AbortController();
    api.json<T>(path, { signal: ctl.signal }).then(
      (data) => setLoaded({ path, key, data, error: null }),
      (error: unknown) => {
        if (!ctl.signal.aborted) setLoaded((prev) => ({ path, key, data: prev?.path === path ? prev.data : null, error }));
      },
    );
    return () => ctl.abort();
  }, [key, path]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  // A confirmed change belongs to the path on screen, whether or not its first answer came.
  const setData = useCallback(
    (data: T) => {
      if (path !== null && key !== null) setLoaded((prev) => ({ path, key: prev?.path === path ? prev.key : key, data, error: null }));
    },
    [path, key],
  );
  return { ...resourceView(loaded, path, key), reload, setData };
}

interface ListState<T> {
  key: string;
  items: T[];
  next: string | null;
  error: unknown;
}

export interface PagedList<T> {
  items: T[];
  error: unknown;
  /** The first page of the current query is on its way. */
  loading: boolean;
  /** A further page is on its way. */
  loadingMore: boolean;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
  /** Changes loaded items in place (e.g. a revoked ticket). */
  update: (fn: (items: T[]) => T[]) => void;
}

/** A keyset-paginated list: the first page of `path`, then more on demand. */
export function usePaged<T>(path: string | null): PagedList<T> {
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<ListState<T> | null>(null);
  const [moreFor, setMoreFor] = useState<string | null>(null);
  const key = path === null ? null : `${version} ${path}`;

  useEffect(() => {
    if (path === null || key === null) return;
    const ctl = new AbortController();
    api.json<Page<T>>(path, { signal: ctl.signal }).then(
      (page) => setState({ key, items: page.items, next: page.next_cursor ?? null, error: null }),
      (error: unknown) => {
        if (!ctl.signal.aborted) setState((prev) => ({ key, items: prev?.items ?? [], next: null, error }));
      },
    );
    return () => ctl.abort();
  }, [key, path]);

  const current = state?.key === key;
  const next = current ? state?.next : null;

  const loadMore = useCallback(() => {
    if (!path || !key || !next) return;
    setMoreFor(next);
    api.json<Page<T>>(withCursor(path, next)).then(
      (page) =>
        setState((prev) =>
          prev && prev.key === key && prev.next === next
            ? { key, items: [...prev.items, ...page.items], next: page.next_cursor ?? null, error: null }
            : prev,
        ),
      (error: unknown) => setState((prev) => (prev && prev.key === key ? { ...prev, error } : prev)),
    ).finally(() => setMoreFor(null));
  }, [path, key, next]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const update = useCallback(
    (fn: (items: T[]) => T[]) => setState((prev) => (prev ? { ...prev, items: fn(prev.items) } : prev)),
    [],
  );

  return {
    items: state?.items ?? [],
    error: state?.error ?? null,
    loading: key !== null && !current,
    loadingMore: moreFor !== null,
    hasMore: Boolean(next),
    loadMore,
    reload,
    update,
  };
}
