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
      <p className="door-signed-out-icon" aria-hidden="true">
        ⏻
      </p>
      <h1>{t("door.signedOut.title")}</h1>
      <p>{t("door.signedOut.why")}</p>
      <p role="status" data-testid="door-signed-out-wipe" data-wiped={wiped ? "yes" : "no"}>
        {wiped ? t("door.signedOut.wiped") : t("door.signedOut.wiping")}
      </p>
      <p className="door-signed-out-next">{t("door.signedOut.next")}</p>
    </main>
  );
}
