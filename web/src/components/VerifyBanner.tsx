// A signed-in person whose address is not confirmed yet: a small reminder
// under the header, with a way to get the link again. It blocks nothing.
import { useEffect, useState } from "react";
import { ApiError } from "../api/client";
import { resendVerification } from "../api/invitations";
import { useI18n } from "../i18n";
import { describeError } from "../i18n/errors";
import { waitFor } from "../lib/links";
import { useSession } from "../session";
import "./links.css";

type Note = { kind: "sent" } | { kind: "wait"; n: number; unit: "s" | "min" } | { kind: "error"; error: unknown };

export function VerifyBanner() {
  const { t } = useI18n();
  const { user, userChanged } = useSession();
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note | null>(null);
  const [blockedUntil, setBlockedUntil] = useState(0);

  // The button waits as long as the server asked (Retry-After).
  useEffect(() => {
    if (!blockedUntil) return;
    const timer = window.setTimeout(() => setBlockedUntil(0), Math.max(0, blockedUntil - Date.now()));
    return () => window.clearTimeout(timer);
  }, [blockedUntil]);

  if (!user || user.email_verified !== false) return null;

  async function resend() {
    if (!user) return;
    setBusy(true);
    setNote(null);
    try {
      await resendVerification();
      setNote({ kind: "sent" });
    } catch (e) {
      if (e instanceof ApiError && e.code === "already_verified") {
        userChanged({ ...user, email_verified: true });
      } else if (e instanceof ApiError && e.status === 429) {
        const wait = waitFor(e.retryAfter);
        setNote({ kind: "wait", ...wait });
        setBlockedUntil(Date.now() + (e.retryAfter ?? 60) * 1000);
      } else {
        setNote({ kind: "error", error: e });
      }
    } finally {
      setBusy(false);
    }
  }

  let text = "";
  if (note?.kind === "sent") text = t("verify.sent");
  else if (note?.kind === "wait") text = t(note.unit === "s" ? "verify.waitSeconds" : "verify.waitMinutes", { n: note.n });
  else if (note?.kind === "error") text = describeError(note.error, t);

  return (
    <aside className="verify-banner" aria-label={t("verify.title")} data-testid="verify-banner">
      <p>{t("verify.banner")}</p>
      <button type="button" onClick={() => void resend()} disabled={busy || blockedUntil > 0} aria-busy={busy || undefined}>
        {t("verify.resend")}
      </button>
      <p role="status" className={note?.kind === "error" ? "verify-note field-error" : "verify-note"}>
        {text}
      </p>
    </aside>
  );
}
