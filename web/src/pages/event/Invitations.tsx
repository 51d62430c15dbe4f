// Staff invitations, in the Staff section: the form, the new invitation's
// one-time link (shown once, and e-mailed when the server can send mail),
// and the list, where a pending one can be withdrawn. Inviting grants
// nothing: the person opens the link to accept.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { invitationStatus, invite, withdrawInvitation, type Invitation, type InvitationList, type Invited } from "../../api/invitations";
import type { EventView, RoleName } from "../../api/types";
import { Badge, Confirm, CopyField, ErrorBanner, Field, SelectField, Status, type Tone } from "../../components/ui";
import { useI18n, type T } from "../../i18n";
import { fieldMessages } from "../../i18n/errors";
import { useConfirmAction } from "../../lib/confirm";
import type { Resource } from "../../lib/hooks";
import { absoluteLink, linkDays } from "../../lib/links";
import { canAssign, countText, roleText } from "../../lib/reasons";

export function Invite({ event, roles, onDone }: { event: EventView; roles: RoleName[]; onDone: (answer: Invited) => void }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fields = fieldMessages(error, t);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const email = String(form.get("email") ?? "").trim();
    const role = String(form.get("role") ?? "scanner") as RoleName;
    setError(null);
    setBusy(true);
    try {
      const answer = await invite(event.id, email, role);
      formEl.reset();
      onDone(answer);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="invite-title" className="card">
      <h3 id="invite-title">{t("dash.staff.inviteTitle")}</h3>
      <p className="hint">{t("dash.staff.inviteHint")}</p>
      <form onSubmit={submit} noValidate className="inline-fields">
        <ErrorBanner error={error} />
        <Field label={t("auth.email")} name="email" type="email" required autoComplete="off" error={fields.email} />
        <SelectField label={t("dash.staff.role")} name="role" defaultValue={roles.includes("scanner") ? "scanner" : roles[0]} error={fields.role}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {roleText(r, t)}
            </option>
          ))}
        </SelectField>
        <div className="actions start">
          <button type="submit" className="primary" disabled={busy} aria-busy={busy || undefined}>
            {t("dash.staff.invite")}
          </button>
        </div>
      </form>
    </section>
  );
}

/** The new invitation's one-time link, shown once: copy it, and whether it was e-mailed. */
export function InviteLink({ event, invited, onClose }: { event: EventView; invited: Invited; onClose: () => void }) {
  const { t, lang, dateTime } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const { invitation } = invited;
  const email = invitation.email;
  const link = absoluteLink(invited.invite_url, window.location.origin);

  // A new link is brought into view and announced (the form stays above it).
  useEffect(() => {
    heading.current?.scrollIntoView?.({ block: "nearest" });
    heading.current?.focus();
  }, [invited]);

  return (
    <section aria-labelledby="invite-link-title" className="card invite-link" data-testid="invite-link">
      <h3 id="invite-link-title" ref={heading} tabIndex={-1}>
        {t("dash.invites.linkTitle", { email })}
      </h3>
      <p>{t("dash.invites.invitedAs", { email, role: roleText(invitation.role, t) })}</p>
      <CopyField label={t("dash.invites.link")} value={link} />
      <p className={invited.emailed ? undefined : "banner banner-warn"}>
        {invited.emailed ? t("dash.invites.emailed", { email }) : t("dash.invites.notEmailed", { email })}
      </p>
      <p className="hint">
        {countText(t, lang, "dash.invites.once", linkDays(invitation.created_at, invitation.expires_at), {
          date: dateTime(invitation.expires_at, event.timezone),
        })}
      </p>
      <div className="actions start">
        <button type="button" onClick={onClose}>
          {t("dash.invites.hideLink")}
        </button>
      </div>
    </section>
  );
}

const STATUS_TONE: Record<string, Tone> = { pending: "warn", accepted: "ok", revoked: "muted", expired: "muted" };

function statusText(status: string, t: T): string {
  const known = invitationStatus({ status });
  return known ? t(`dash.invites.status.${known}`) : status;
}

/** The event's invitations, newest first; a pending one can be withdrawn. */
export function Invitations({ event, resource }: { event: EventView; resource: Resource<InvitationList> }) {
  const { t, dateTime } = useI18n();
  const withdrawing = useConfirmAction<Invitation>();
  const [notice, setNotice] = useState("");
  const items = resource.data?.items ?? [];

  async function withdraw(invitation: Invitation) {
    try {
      const updated = await withdrawInvitation(event.id, invitation.id);
      resource.setData({ items: items.map((i) => (i.id === updated.id ? updated : i)) });
      setNotice(t("dash.invites.withdrawn", { email: updated.email }));
    } catch (err) {
      // Accepted meanwhile (or withdrawn elsewhere): show the list as it is now.
      resource.reload();
      throw err;
    }
  }

  function when(i: Invitation): string {
    const status = invitationStatus(i);
    if (status === "accepted" && i.accepted_at) return t("dash.invites.acceptedOn", { date: dateTime(i.accepted_at, event.timezone) });
    if (status === "expired") return t("dash.invites.expiredOn", { date: dateTime(i.expires_at, event.timezone) });
    if (status === "revoked") return "–";
    return dateTime(i.expires_at, event.timezone);
  }

  return (
    <section aria-labelledby="invitations-title" className="invitations">
      <h3 id="invitations-title">{t("dash.invites.title")}</h3>
      <ErrorBanner error={resource.error} />
      <Status className={notice ? "banner banner-ok" : "status"}>{notice}</Status>
      {resource.loading && !resource.data && <p role="status">{t("common.loading")}</p>}
      {resource.data && items.length === 0 && <p className="hint">{t("dash.invites.none")}</p>}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="responsive">
            <caption className="visually-hidden">{t("dash.invites.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("dash.invites.email")}</th>
                <th scope="col">{t("dash.staff.role")}</th>
                <th scope="col">{t("dash.invites.status")}</th>
                <th scope="col">{t("dash.invites.when")}</th>
                <th scope="col">{t("dash.ticket.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.id}>
                  <th scope="row" data-label={t("dash.invites.email")}>
                    {i.email}
                  </th>
                  <td data-label={t("dash.staff.role")}>{roleText(i.role, t)}</td>
                  <td data-label={t("dash.invites.status")}>
                    <Badge tone={STATUS_TONE[i.status] ?? "muted"}>{statusText(i.status, t)}</Badge>
                  </td>
                  <td data-label={t("dash.invites.when")}>{when(i)}</td>
                  <td data-label={t("dash.ticket.actions")}>
                    {i.status === "pending" && canAssign(event.role, i.role) && (
                      <button
                        type="button"
                        className="danger-outline"
                        onClick={() => {
                          setNotice("");
                          withdrawing.ask(i);
                        }}
                      >
                        {t("dash.invites.withdraw")}
                        <span className="visually-hidden"> – {i.email}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Confirm
        open={withdrawing.target !== null}
        title={t("dash.invites.withdrawTitle", { email: withdrawing.target?.email ?? "" })}
        confirmLabel={t("dash.invites.withdraw")}
        danger
        busy={withdrawing.busy}
        error={withdrawing.error}
        onConfirm={() => void withdrawing.run(withdraw)}
        onCancel={withdrawing.cancel}
      >
        <p>{t("dash.invites.withdrawText")}</p>
      </Confirm>
    </section>
  );
}
