// The link of the confirmation e-mail (/verify-email#<token>): the token
// leaves the address bar at once and is sent; no sign-in is needed (the
// link may be opened on another device than the one signed in).
import { useCallback, useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { ApiError } from "../api/client";
import { verifyEmail } from "../api/invitations";
import type { UserView } from "../api/types";
import { VerifyBanner } from "../components/VerifyBanner";
import { useI18n } from "../i18n";
import { describeError } from "../i18n/errors";
import { forgetLinkToken, takeLinkToken, VERIFY_TOKEN_KEY } from "../lib/links";
import { usePageTitle } from "../lib/page";
import { useSession } from "../session";

function refusedLink(e: unknown): boolean {
  return e instanceof ApiError && (e.code === "invalid_link" || e.status === 400);
}

export function VerifyEmail() {
  const { t } = useI18n();
  const { user, userChanged } = useSession();
  // Read before the first render; a second read (React may render twice) finds it kept in the tab.
  const [token] = useState(() => takeLinkToken(VERIFY_TOKEN_KEY));
  const [done, setDone] = useState<UserView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  usePageTitle([t("verify.title")]);

  useEffect(() => {
    if (!token) return;
    let live = true;
    verifyEmail(token).then(
      (verified) => {
        forgetLinkToken(VERIFY_TOKEN_KEY);
        userChanged(verified);
        if (live) setDone(verified);
      },
      (e: unknown) => {
        if (refusedLink(e)) forgetLinkToken(VERIFY_TOKEN_KEY);
        if (live) setError(e);
      },
    );
    return () => {
      live = false;
    };
  }, [token, attempt, userChanged]);

  const retry = useCallback(() => {
    setError(null);
    setAttempt((a) => a + 1);
  }, []);

  let body;
  if (done) {
    body = (
      <>
        <p className="banner banner-ok" role="status" data-testid="verify-done">
          {t("verify.done", { email: done.email })}
        </p>
        <Link className="button primary" to={user ? "/" : "/login"}>
          {user ? t("verify.toEvents") : t("auth.signIn")}
        </Link>
      </>
    );
  } else if (!token) {
    body = (
      <p className="banner banner-error" role="alert">
        {t("verify.missing")}
      </p>
    );
  } else if (refusedLink(error)) {
    body = (
      <>
        <p className="banner banner-error" role="alert" data-testid="verify-refused">
          {t("verify.invalid")}
        </p>
        {/* Signed in: the address is confirmed already (a second click), or a new link is one button away. */}
        {user?.email_verified && <p>{t("errors.already_verified")}</p>}
        {user && !user.email_verified && <VerifyBanner />}
        {!user && (
          <>
            <p>{t("verify.invalidSignIn")}</p>
            <Link className="button" to="/login">
              {t("auth.signIn")}
            </Link>
          </>
        )}
      </>
    );
  } else if (error) {
    body = (
      <>
        <p className="banner banner-error" role="alert">
          {t("verify.failed", { reason: describeError(error, t) })}
        </p>
        <button type="button" className="primary" onClick={retry}>
          {t("common.retry")}
        </button>
      </>
    );
  } else {
    body = (
      <p className="loading" role="status">
        {t("verify.working")}
      </p>
    );
  }

  return (
    <main id="main" className="auth-page link-page">
      <h1>{t("verify.title")}</h1>
      {body}
    </main>
  );
}
