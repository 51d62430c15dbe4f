// The page before the door can work: loading, no list offline, no such event.
import { ApiError } from "../../api/client";
import type { DoorStatus } from "../../door/engine";
import { useI18n } from "../../i18n";
import { ErrorBanner } from "../ui";

export function Waiting({ status }: { status: DoorStatus }) {
  const { t } = useI18n();
  const e = status.packError;
  let body;
  if (e instanceof ApiError && (e.status === 404 || e.status === 403)) {
    body = <p className="banner banner-error">{t("door.event.notFound")}</p>;
  } else if (e) {
    body = <ErrorBanner error={e} />;
  } else if (status.loading) {
    body = <p className="loading">{t("door.pack.loading")}</p>;
  } else {
    body = <p className="banner banner-warn">{t("door.pack.missing")}</p>;
  }
  return (
    <main id="main" className="door-page door-message">
      <h1>{t("door.scanner.title")}</h1>
      {body}
    </main>
  );
}
