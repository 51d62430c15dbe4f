// What the door has to say besides answers, without blocking scans:
// conflicts an upload revealed, an upload refused, a ticket list that could
// not be updated, storage that does not work.
import type { DoorEngine, DoorStatus } from "../../door/engine";
import { useI18n } from "../../i18n";
import { describeError } from "../../i18n/errors";
import { conflictText } from "./status";

export function DoorNotices({ status, engine }: { status: DoorStatus; engine: DoorEngine }) {
  const { t } = useI18n();
  const { conflicts, syncError, packError, storageError } = status;
  return (
    <div className="door-notices" role="status">
      {conflicts.length > 0 && (
        <ul className="door-conflicts" aria-label={t("door.conflict.label")}>
          {conflicts.map((c) => (
            <li key={c.id} className="door-conflict" data-testid="door-conflict">
              <span aria-hidden="true">⚠ </span>
              <span className="door-conflict-text">{conflictText(c, t)}</span>
              <button type="button" className="door-link-button" onClick={() => engine.dismissConflict(c.id)}>
                {t("door.conflict.dismiss")}
              </button>
            </li>
          ))}
        </ul>
      )}
      {syncError != null && (
        <p className="door-problem" data-testid="door-upload-error">
          {t("door.upload.refused", { reason: describeError(syncError, t) })}
          <button type="button" className="door-link-button" onClick={() => void engine.retryUpload()}>
            {t("door.upload.retry")}
          </button>
        </p>
      )}
      {status.setAside > 0 && (
        <p className="door-problem" data-testid="door-set-aside">
          {t("door.upload.setAside", { count: status.setAside })}
        </p>
      )}
      {packError != null && status.pack && (
        <p className="door-problem">{t("door.pack.failed", { reason: describeError(packError, t) })}</p>
      )}
      {storageError != null && <p className="door-problem">{t("door.storage.unavailable")}</p>}
    </div>
  );
}
