// A person opens an invitation link (/invite#<token>): the token leaves the
// address bar at once and is kept in this tab until used, so that someone
// not signed in can sign in or register (both come back here) and then
// accept. Accepting is a click, with the account named: a link opened in
// the wrong account's browser must not join that account by itself.
import { useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { ApiError } from "../api/client";
import { acceptInvitation, type Accepted } from "../api/invitations";
import { useI18n } from "../i18n";
import { describeError } from "../i18n/errors";
import { forgetLinkToken, INVITE_TOKEN_KEY, signInPath, takeLinkToken } from "../lib/links";
import { usePageTitle } from "../lib/page";
import { roleText } from "../lib/reasons";
import { useSession } from "../session";

/** The link cannot be used: unknown, used, expired or withdrawn. */
function refusedLink(e: unknown): boolean {
  return e instanceof ApiError && (e.code === "invalid_link" || e.status === 400);
}

export function Invite() {
  const { t } = useI18n();
  const { user, loading, unreachable, signOut } = useSession();
  const navigate = useNavigate();
  // Read before the first render; a second read (React may render twice) finds it kept in the tab.
  const [token, setToken] = useState(() => takeLinkToken(INVITE_TOKEN_KEY));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [accepted, setAccepted] = useState<Accepted | null>(null);

  usePageTitle([t("invite.title")]);

  async function accept() {
    if (!token) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await acceptInvitation(token);
      forgetLinkToken(INVITE_TOKEN_KEY);
      setAccepted(answer);
    } catch (e) {
      if (refusedLink(e)) {
        forgetLinkToken(INVITE_TOKEN_KEY);
        setToken(null);
      }
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function otherAccount() {
    await signOut();
    navigate(signInPath("login", "/invite"), { replace: true });
  }

  let body;
  if (accepted) {
    body = (
      <>
        <p className="banner banner-ok" role="status" data-testid="invite-accepted">
          {t("invite.accepted", { role: roleText(accepted.role, t), event: accepted.event_name })}
        </p>
        <Link className="button primary" to={`/events/${encodeURIComponent(accepted.event_id)}`}>
          {t("invite.open")}
        </Link>
      </>
    );
  } else if (refusedLink(error)) {
    body = (
      <p className="banner banner-error" role="alert" data-testid="invite-refused">
        {t("invite.invalid")}
      </p>
    );
  } else if (!token) {
    body = (
      <p className="banner banner-error" role="alert">
        {t("invite.missing")}
      </p>
    );
  } else if (loading) {
    body = (
      <p className="loading" role="status">
        {t("common.loading")}
      </p>
    );
  } else if (!user && unreachable) {
    body = (
      <>
        <p className="banner banner-error" role="alert">
          {t("errors.network")}
        </p>
        <button type="button" onClick={() => window.location.reload()}>
          {t("common.retry")}
        </button>
      </>
    );
  } else if (!user) {
    body = (
      <>
        <p>{t("invite.signInFirst")}</p>
        <div className="actions start">
          <Link className="button primary" to={signInPath("login", "/invite")}>
            {t("auth.signIn")}
          </Link>
          <Link className="button" to={signInPath("register", "/invite")}>
            {t("auth.register")}
          </Link>
        </div>
      </>
    );
  } else {
    body = (
      <>
        <p>{t("invite.signedInAs", { email: user.email })}</p>
        {Boolean(error) && (
          <p className="banner banner-error" role="alert">
            {t("invite.failed", { reason: describeError(error, t) })}
          </p>
        )}
        <div className="actions start">
          <button type="button" className="primary" onClick={() => void accept()} disabled={busy} aria-busy={busy || undefined}>
            {busy ? t("invite.accepting") : t("invite.accept")}
          </button>
          <button type="button" onClick={() => void otherAccount()} disabled={busy}>
            {t("invite.otherAccount")}
          </button>
        </div>
      </>
    );
  }

  return (
    <main id="main" className="auth-page link-page">
      <h1>{t("invite.title")}</h1>
      {body}
    </main>
  );
}
