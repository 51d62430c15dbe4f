// Who is signed in. Asked once from /auth/me when a page needs it: the
// public attendee page (/t/…) never asks, so a visitor there costs no 401s.
// A lost session sends the person to the sign-in page, remembering where
// they were. A server that cannot be reached is not a lost session: the
// offline door keeps working and the question is asked again later.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useLocation, useNavigate } from "react-router-dom";
import { api, ApiError } from "./api/client";
import type { SessionView, UserView } from "./api/types";

interface Session {
  user: UserView | null;
  /** Not known yet: the first answer of /auth/me is on its way. */
  loading: boolean;
  /** /auth/me got no answer (offline, or a 5xx): whether someone is signed in is unknown. */
  unreachable: boolean;
  signedIn: (session: SessionView) => void;
  /** The server sent a newer view of the signed-in account (e.g. its address was just confirmed). */
  userChanged: (user: UserView) => void;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/** Pages that never need to know who is there (the attendee's ticket, a door device's enrolment). */
export function isPublicPage(pathname: string): boolean {
  return pathname.startsWith("/t/") || pathname.startsWith("/door/");
}

const RETRY_MS = 20_000;

type Check = "unknown" | "done" | "unreachable";

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<UserView | null>(null);
  const [check, setCheck] = useState<Check>("unknown");
  const [attempt, setAttempt] = useState(0);
  const navigate = useNavigate();
  const location = useLocation();
  const needed = !isPublicPage(location.pathname);
  const known = useRef(false);

  useEffect(() => {
    if (!needed || known.current) return;
    let live = true;
    api
      .json<SessionView>("/api/v1/auth/me")
      .then((s) => {
        if (!live) return;
        known.current = true;
        setUser(s.user);
        setCheck("done");
      })
      .catch((e: unknown) => {
        if (!live) return;
        if (e instanceof ApiError && e.status > 0 && e.status < 500) {
          if (e.status !== 401) console.warn("session check failed", e.code);
          known.current = true;
          setCheck("done");
        } else {
          setCheck("unreachable");
        }
      });
    return () => {
      live = false;
    };
  }, [needed, attempt]);

  // Unreachable: ask again when the browser is back online, and now and then.
  useEffect(() => {
    if (check !== "unreachable") return;
    const retry = () => setAttempt((a) => a + 1);
    const timer = window.setInterval(retry, RETRY_MS);
    window.addEventListener("online", retry);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener("online", retry);
    };
  }, [check]);

  // Only a session that existed can be lost: a visitor without one (the
  // first /auth/me answers 401) stays where they are; public pages such as
  // the attendee's ticket never send anyone to the sign-in page.
  const hadUser = useRef(false);
  useEffect(() => {
    if (user) hadUser.current = true;
  }, [user]);
  useEffect(() => {
    api.onSessionLost = () => {
      setUser(null);
      const here = window.location.pathname + window.location.search;
      const stay = isPublicPage(window.location.pathname) || /^\/(login|register)\b/.test(window.location.pathname);
      if (hadUser.current && !stay) navigate(`/login?next=${encodeURIComponent(here)}&expired=1`, { replace: true });
      hadUser.current = false;
    };
  }, [navigate, location]);

  const signedIn = useCallback((s: SessionView) => {
    known.current = true;
    setUser(s.user);
    setCheck("done");
  }, []);
  const userChanged = useCallback((next: UserView) => {
    setUser((current) => (current && current.id === next.id ? next : current));
  }, []);
  const signOut = useCallback(async () => {
    try {
      await api.json("/api/v1/auth/logout", { method: "POST", noRefresh: true });
    } finally {
      setUser(null);
      navigate("/login", { replace: true });
    }
  }, [navigate]);

  const loading = check === "unknown";
  const unreachable = check === "unreachable";
  const value = useMemo(
    () => ({ user, loading, unreachable, signedIn, userChanged, signOut }),
    [user, loading, unreachable, signedIn, userChanged, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error("useSession outside SessionProvider");
  return ctx;
}

/** Only a path on this site may be a post-login destination. */
export { safeNext } from "./lib/links";
