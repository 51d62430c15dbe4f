// Who is signed in. Loaded once from /auth/me; a lost session sends the
// person to the sign-in page, remembering where they were.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useLocation, useNavigate } from "react-router-dom";
import { api, ApiError } from "./api/client";
import type { SessionView, UserView } from "./api/types";

interface Session {
  user: UserView | null;
  loading: boolean;
  signedIn: (session: SessionView) => void;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<UserView | null>(null);
  const [loading, setLoading] = useState(true);
  const navigate = useNavigate();
  const location = useLocation();

  useEffect(() => {
    let live = true;
    api
      .json<SessionView>("/api/v1/auth/me")
      .then((s) => live && setUser(s.user))
      .catch((e) => {
        if (!(e instanceof ApiError) || e.status !== 401) console.warn("session check failed", e.code ?? e);
      })
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, []);

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
      const isPublic = /^\/(login|register|t\/)/.test(window.location.pathname);
      if (hadUser.current && !isPublic) navigate(`/login?next=${encodeURIComponent(here)}&expired=1`, { replace: true });
      hadUser.current = false;
    };
  }, [navigate, location]);

  const signedIn = useCallback((s: SessionView) => setUser(s.user), []);
  const signOut = useCallback(async () => {
    try {
      await api.json("/api/v1/auth/logout", { method: "POST", noRefresh: true });
    } finally {
      setUser(null);
      navigate("/login", { replace: true });
    }
  }, [navigate]);

  const value = useMemo(() => ({ user, loading, signedIn, signOut }), [user, loading, signedIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error("useSession outside SessionProvider");
  return ctx;
}

/** Only a path on this site may be a post-login destination. */
export function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}
