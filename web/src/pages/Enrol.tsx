// A phone opens an enrolment link (/door/enrol#<token>, usually from the QR
// code on the organizer's screen): the token leaves the address bar at once
// (it must not linger in history or be shared by a screenshot), is traded
// for a door device session, and the phone goes straight to the scanner.
import { useCallback, useEffect, useState } from "react";
import { useNavigate } from "react-router-dom";
import { ApiError } from "../api/client";
import { enrol, type DeviceSession } from "../api/devices";
import { saveDevice, tokenTaker } from "../door/device";
import { LanguageSwitch, useI18n } from "../i18n";
import { describeError } from "../i18n/errors";
import { usePageTitle } from "../lib/page";

const takeEnrolToken = tokenTaker();
const attempts = new Map<string, Promise<DeviceSession>>();

/** One enrolment per token and page (a token works once: a second request would be refused). */
function enrolOnce(token: string): Promise<DeviceSession> {
  let attempt = attempts.get(token);
  if (!attempt) {
    attempt = enrol(token);
    attempts.set(token, attempt);
    // A failure that may not have reached the server can be tried again.
    attempt.catch(() => attempts.delete(token));
  }
  return attempt;
}

/** The link was refused: unknown, used, expired, or its device revoked. */
function refusedLink(e: unknown): boolean {
  return (
    e instanceof ApiError &&
    (e.code === "invalid_link" || e.status === 400 || e.status === 404 || e.status === 410 || e.status === 422)
  );
}

export function Enrol() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [token] = useState(() => takeEnrolToken());
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  usePageTitle([t("door.enrol.title")]);

  useEffect(() => {
    if (!token) return;
    let live = true;
    enrolOnce(token).then(
      (session) => {
        if (!live) return;
        saveDevice(session);
        navigate(`/scan/${encodeURIComponent(session.device.event_id)}`, { replace: true });
      },
      (e: unknown) => {
        if (live) setError(e);
      },
    );
    return () => {
      live = false;
    };
  }, [token, attempt, navigate]);

  const retry = useCallback(() => {
    setError(null);
    setAttempt((a) => a + 1);
  }, []);

  let body;
  if (!token) {
    body = <p className="banner banner-error" role="alert">{t("door.enrol.missing")}</p>;
  } else if (refusedLink(error)) {
    body = <p className="banner banner-error" role="alert" data-testid="enrol-refused">{t("door.enrol.invalid")}</p>;
  } else if (error) {
    body = (
      <>
        <p className="banner banner-error" role="alert">
          {t("door.enrol.failed", { reason: describeError(error, t) })}
        </p>
        <button type="button" className="primary door-big-button" onClick={retry}>
          {t("common.retry")}
        </button>
      </>
    );
  } else {
    body = (
      <p className="loading" role="status">
        {t("door.enrol.working")}
      </p>
    );
  }

  return (
    <main id="main" className="door-page door-message door-enrol">
      <div className="door-signed-out-lang">
        <LanguageSwitch />
      </div>
      <h1>{t("door.enrol.title")}</h1>
      {body}
    </main>
  );
}
