import { lazy, Suspense, type ReactNode } from "react";
import { Link, Navigate, Route, Routes, useLocation } from "react-router-dom";
import { ErrorBoundary } from "./components/ErrorBoundary";
import { LanguageSwitch, useI18n } from "./i18n";
import { useFocusOnNavigation } from "./lib/page";
import { useSession } from "./session";
import { VerifyBanner } from "./components/VerifyBanner";

// Each page is its own chunk: a phone at the door or an attendee opening
// their ticket downloads neither the dashboard nor the other's code.
const Attendee = lazy(() => import("./pages/Attendee").then((m) => ({ default: m.Attendee })));
const Enrol = lazy(() => import("./pages/Enrol").then((m) => ({ default: m.Enrol })));
const EventDetail = lazy(() => import("./pages/EventDetail").then((m) => ({ default: m.EventDetail })));
const EventForm = lazy(() => import("./pages/EventForm").then((m) => ({ default: m.EventForm })));
const Events = lazy(() => import("./pages/Events").then((m) => ({ default: m.Events })));
const Invite = lazy(() => import("./pages/Invite").then((m) => ({ default: m.Invite })));
const Scanner = lazy(() => import("./pages/Scanner").then((m) => ({ default: m.Scanner })));
const SignIn = lazy(() => import("./pages/SignIn").then((m) => ({ default: m.SignIn })));
const VerifyEmail = lazy(() => import("./pages/VerifyEmail").then((m) => ({ default: m.VerifyEmail })));

function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      {t("common.loading")}
    </p>
  );
}

/** Signed-in pages. (The scanner decides itself: see pages/Scanner.tsx.) */
function RequireAuth({ children }: { children: ReactNode }) {
  const { user, loading, unreachable } = useSession();
  const { t } = useI18n();
  const location = useLocation();
  if (loading) return <Loading />;
  if (user) return <>{children}</>;
  if (unreachable) {
    return (
      <main id="main">
        <div className="banner banner-error" role="alert">
          {t("errors.network")}
        </div>
        <button type="button" onClick={() => window.location.reload()}>
          {t("common.retry")}
        </button>
      </main>
    );
  }
  return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
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
  useFocusOnNavigation();
  // The scanner and the attendee page fill the screen: no header there.
  const bare = /^\/(scan|t|door)\//.test(location.pathname);
  return (
    <>
      {!bare && <Header />}
      {!bare && location.pathname !== "/verify-email" && <VerifyBanner />}
      <ErrorBoundary resetKey={location.pathname}>
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route path="/login" element={<SignIn mode="login" />} />
            <Route path="/register" element={<SignIn mode="register" />} />
            <Route path="/t/:accessKey" element={<Attendee />} />
            {/* One-time links sent to people: the token in the fragment. */}
            <Route path="/invite" element={<Invite />} />
            <Route path="/verify-email" element={<VerifyEmail />} />
            <Route path="/door/enrol" element={<Enrol />} />
            {/* A staff member's session, or a door device's: the scanner tells them apart. */}
            <Route path="/scan/:eventId" element={<Scanner />} />
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
        </Suspense>
      </ErrorBoundary>
    </>
  );
}
