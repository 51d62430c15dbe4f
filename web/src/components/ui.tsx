// Small shared pieces: fields with their errors, error banners, confirm dialogs.
import {
  useEffect,
  useId,
  useRef,
  useState,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";
import { useI18n } from "../i18n";
import { describeError } from "../i18n/errors";

export function Field({
  label,
  error,
  hint,
  ...input
}: { label: string; error?: string; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  const described = [error ? `${id}-err` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={described} {...input} />
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-err`} className="field-error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}

export function ErrorBanner({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <div className="banner banner-error" role="alert">
      {describeError(error, t)}
    </div>
  );
}

export function Confirm({
  open,
  title,
  children,
  confirmLabel,
  danger,
  busy,
  error,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel?: string;
  danger?: boolean;
  /** The confirmed action is running: the confirm button waits. */
  busy?: boolean;
  /** Why the confirmed action failed, said in the dialog (which stays open). */
  error?: unknown;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="dialog" onCancel={onCancel} aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      {children}
      {Boolean(error) && (
        <p className="field-error" role="alert">
          {describeError(error, t)}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={onCancel}>
          {t("common.cancel")}
        </button>
        <button type="button" className={danger ? "danger" : "primary"} onClick={onConfirm} disabled={busy} aria-busy={busy || undefined}>
          {confirmLabel ?? t("common.confirm")}
        </button>
      </div>
    </dialog>
  );
}

function describedBy(id: string, error?: string, hint?: string): string | undefined {
  return [error ? `${id}-err` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
}

function FieldNotes({ id, error, hint }: { id: string; error?: string; hint?: string }) {
  return (
    <>
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-err`} className="field-error" role="alert">
          {error}
        </small>
      )}
    </>
  );
}

/** A labelled `<select>` with its error and hint. */
export function SelectField({
  label,
  error,
  hint,
  children,
  ...select
}: { label: string; error?: string; hint?: string; children: ReactNode } & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)} {...select}>
        {children}
      </select>
      <FieldNotes id={id} error={error} hint={hint} />
    </div>
  );
}

/** A labelled `<textarea>` with its error and hint. */
export function TextAreaField({
  label,
  error,
  hint,
  ...area
}: { label: string; error?: string; hint?: string } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      <textarea id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)} {...area} />
      <FieldNotes id={id} error={error} hint={hint} />
    </div>
  );
}

export type Tone = "ok" | "bad" | "warn" | "info" | "muted";

/** A small label with colour and text (never colour alone). */
export function Badge({ tone = "info", children }: { tone?: Tone; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

/** A polite live region for the result of an action. */
export function Status({ children, className }: { children?: ReactNode; className?: string }) {
  return (
    <p role="status" aria-live="polite" className={className ?? "status"}>
      {children}
    </p>
  );
}

/** The "Load more" button of a keyset-paginated list. */
export function LoadMore({ hasMore, loading, onClick }: { hasMore: boolean; loading: boolean; onClick: () => void }) {
  const { t } = useI18n();
  if (!hasMore) return null;
  return (
    <div className="load-more">
      <button type="button" onClick={onClick} disabled={loading} aria-busy={loading || undefined}>
        {loading ? t("common.loading") : t("common.loadMore")}
      </button>
    </div>
  );
}

/**
 * A read-only value with a Copy button. When the clipboard is not available
 * the text is selected so that the person can copy it by hand.
 */
export function CopyField({ label, value, hint }: { label: string; value: string; hint?: string }) {
  const { t } = useI18n();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [note, setNote] = useState("");
  async function copy() {
    try {
      if (!navigator.clipboard || !window.isSecureContext) throw new Error("no clipboard");
      await navigator.clipboard.writeText(value);
      setNote(t("common.copied"));
    } catch {
      input.current?.focus();
      input.current?.select();
      setNote(t("dash.copy.manual"));
    }
  }
  return (
    <div className="field copy-field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-row">
        <input
          id={id}
          ref={input}
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          aria-describedby={hint ? `${id}-hint` : undefined}
        />
        <button type="button" onClick={() => void copy()}>
          {t("common.copy")}
          <span className="visually-hidden"> {label}</span>
        </button>
      </div>
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
      <small role="status" className="hint">
        {note}
      </small>
    </div>
  );
}
