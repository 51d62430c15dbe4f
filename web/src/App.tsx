import type { ReactNode } from "react";
import { Link, Navigate, Route, Routes, useLocation } from "react-router-dom";
import { LanguageSwitch, useI18n } from "./i18n";
import { Attendee } from "./pages/Attendee";
import { EventDetail } from "./pages/EventDetail";
import { EventForm } from "./pages/EventForm";
import { Events } from "./pages/Events";
import { Scanner } from "./pages/Scanner";
import { SignIn } from "./pages/SignIn";
import { useSession } from "./session";

function RequireAuth({ children }: { children: ReactNode }) {
  const { user, loading } = useSession();
  const { t } = useI18n();
  const location = useLocation();
  if (loading) return <p className="loading">{t("common.loading")}</p>;
  if (!user) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <>{children}</>;
}

function Header() {
  const { t } = useI18n();
  const { user, signOut } = useSession();
  return (
    <header className="top">
      <a className="skip" href="#main">
        {t("app.skip")}
      </a>
      <Link to="/" className="brand">
        {t("app.name")}
      </Link>
      <nav aria-label="main">
        {user && <Link to="/">{t("nav.events")}</Link>}
      </nav>
      <div className="top-right">
        <LanguageSwitch />
        {user && (
          <button type="button" onClick={() => void signOut()}>
            {t("nav.signOut")}
          </button>
        )}
      </div>
    </header>
  );
}

export function App() {
  const location = useLocation();
  // The scanner and the attendee page fill the screen: no header there.
  const bare = location.pathname.startsWith("/scan/") || location.pathname.startsWith("/t/");
  return (
    <>
      {!bare && <Header />}
      <Routes>
        <Route path="/login" element={<SignIn mode="login" />} />
        <Route path="/register" element={<SignIn mode="register" />} />
        <Route path="/t/:accessKey" element={<Attendee />} />
        <Route
          path="/scan/:eventId"
          element={
            <RequireAuth>
              <Scanner />
            </RequireAuth>
          }
        />
        <Route
          path="/"
          element={
            <RequireAuth>
              <Events />
            </RequireAuth>
          }
        />
        <Route
          path="/events/new"
          element={
            <RequireAuth>
              <EventForm />
            </RequireAuth>
          }
        />
        <Route
          path="/events/:eventId/*"
          element={
            <RequireAuth>
              <EventDetail />
            </RequireAuth>
          }
        />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </>
  );
}
