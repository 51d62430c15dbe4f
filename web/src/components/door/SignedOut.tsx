// The whole screen once a door device is signed out (revoked, expired, or
// enrolled again on another phone): no ticket data is left to show.
import { LanguageSwitch, useI18n } from "../../i18n";

export function SignedOut({ wiped }: { wiped: boolean }) {
  const { t } = useI18n();
  return (
    <main id="main" className="door-signed-out" data-testid="door-signed-out">
      <div className="door-signed-out-lang">
        <LanguageSwitch />
      </div>
      <svg className="door-signed-out-icon" viewBox="0 0 24 24" width="64" height="64" aria-hidden="true" focusable="false">
        <path d="M12 3v8" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
        <path d="M7.05 6.5a7.5 7.5 0 1 0 9.9 0" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
      </svg>
      <h1>{t("door.signedOut.title")}</h1>
      <p>{t("door.signedOut.why")}</p>
      <p role="status" data-testid="door-signed-out-wipe" data-wiped={wiped ? "yes" : "no"}>
        {wiped ? t("door.signedOut.wiped") : t("door.signedOut.wiping")}
      </p>
      <p className="door-signed-out-next">{t("door.signedOut.next")}</p>
    </main>
  );
}
