// The Staff section: who works on the event, invitations, role changes.
// Owners may grant any role; managers only the scanner role (the server
// enforces the same rule, this only hides what would be refused).
// Inviting grants nothing: the inviter gets a one-time link (shown once, and
// e-mailed when the server can send mail) that the person opens to accept.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useNavigate } from "react-router-dom";
import { api } from "../../api/client";
import { invitationsPath, invitationStatus, invite, withdrawInvitation, type Invitation, type InvitationList, type Invited } from "../../api/invitations";
import type { EventView, MemberView, RoleName } from "../../api/types";
import { Badge, Confirm, CopyField, ErrorBanner, Field, LoadMore, SelectField, Status, type Tone } from "../../components/ui";
import { useI18n, type T } from "../../i18n";
import { describeError, fieldMessages } from "../../i18n/errors";
import { useResource, usePaged, type Resource } from "../../lib/hooks";
import { absoluteLink, linkDays } from "../../lib/links";
import { buildQuery, eventPath } from "../../lib/query";
import { canAssign, countText, ROLES, roleText } from "../../lib/reasons";
import { useSession } from "../../session";

export function Staff({ event }: { event: EventView }) {
  const { t, lang, dateTime } = useI18n();
  const { user } = useSession();
  const navigate = useNavigate();
  const list = usePaged<MemberView>(eventPath(event.id, `/members${buildQuery({ limit: 50 })}`));
  const grantable = ROLES.filter((r) => canAssign(event.role, r));
  const [notice, setNotice] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [removing, setRemoving] = useState<MemberView | null>(null);
  const [busy, setBusy] = useState(false);
  const [roles, setRoles] = useState<Record<string, RoleName>>({});
  const pending = list.items.filter((m) => m.pending).length;
  const [invited, setInvited] = useState<Invited | null>(null);
  const invitations = useResource<InvitationList>(grantable.length > 0 ? invitationsPath(event.id) : null);

  async function changeRole(member: MemberView) {
    const role = roles[member.user_id];
    if (!role || role === member.role) return;
    setError(null);
    setNotice("");
    try {
      const updated = await api.json<MemberView>(eventPath(event.id, `/members/${member.user_id}`), { method: "PATCH", body: { role } });
      list.update((items) => items.map((m) => (m.user_id === updated.user_id ? updated : m)));
      setRoles((r) => {
        const next = { ...r };
        delete next[member.user_id];
        return next;
      });
      setNotice(t("dash.staff.roleChanged", { who: updated.name || updated.email, role: roleText(updated.role, t) }));
    } catch (err) {
      setError(err);
    }
  }

  async function remove() {
    if (!removing) return;
    setBusy(true);
    setError(null);
    try {
      await api.json<void>(eventPath(event.id, `/members/${removing.user_id}`), { method: "DELETE" });
      if (removing.user_id === user?.id) {
        navigate("/", { replace: true });
        return;
      }
      list.update((items) => items.filter((m) => m.user_id !== removing.user_id));
      setNotice(t("dash.staff.removed", { who: removing.name || removing.email }));
      setRemoving(null);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="staff-title">
      <h2 id="staff-title">{t("dash.tab.staff")}</h2>
      {grantable.length > 0 && (
        <Invite
          event={event}
          roles={grantable}
          onDone={(answer) => {
            setNotice("");
            setInvited(answer);
            invitations.reload();
          }}
        />
      )}
      {invited && <InviteLink event={event} invited={invited} onClose={() => setInvited(null)} />}
      {grantable.length > 0 && <Invitations event={event} resource={invitations} />}

      <h3>{t("dash.staff.members")}</h3>
      <ErrorBanner error={list.error} />
      {!removing && <ErrorBanner error={error} />}
      <Status className={notice ? "banner banner-ok" : "status"}>{notice}</Status>
      {list.loading && <p role="status">{t("common.loading")}</p>}
      {pending > 0 && <p className="hint">{countText(t, lang, "dash.staff.pendingCount", pending)}</p>}
      {list.items.length > 0 && (
        <div className="table-wrap">
          <table className="responsive">
            <caption className="visually-hidden">{t("dash.staff.members")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("dash.staff.person")}</th>
                <th scope="col">{t("dash.staff.role")}</th>
                <th scope="col">{t("dash.staff.since")}</th>
                <th scope="col">{t("dash.ticket.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((m) => {
                const who = m.name || m.email;
                const me = m.user_id === user?.id;
                const editable = canAssign(event.role, m.role) && grantable.length > 1;
                const chosen = roles[m.user_id] ?? m.role;
                return (
                  <tr key={m.user_id}>
                    <th scope="row" data-label={t("dash.staff.person")}>
                      {m.name || <span className="muted">{t("dash.staff.noName")}</span>}
                      {me && <> ({t("dash.staff.you")})</>}
                      <span className="sub">{m.email}</span>
                      {m.pending && <Badge tone="warn">{t("dash.staff.pending")}</Badge>}
                    </th>
                    <td data-label={t("dash.staff.role")}>
                      {editable ? (
                        <div className="inline-form">
                          <label className="visually-hidden" htmlFor={`role-${m.user_id}`}>
                            {t("dash.staff.roleOf", { who })}
                          </label>
                          <select
                            id={`role-${m.user_id}`}
                            value={chosen}
                            onChange={(e) => setRoles((r) => ({ ...r, [m.user_id]: e.target.value as RoleName }))}
                          >
                            {ROLES.map((r) => (
                              <option key={r} value={r} disabled={!canAssign(event.role, r)}>
                                {roleText(r, t)}
                              </option>
                            ))}
                          </select>
                          {chosen !== m.role && (
                            <button type="button" onClick={() => void changeRole(m)}>
                              {t("dash.staff.applyRole")}
                              <span className="visually-hidden"> – {who}</span>
                            </button>
                          )}
                        </div>
                      ) : (
                        roleText(m.role, t)
                      )}
                    </td>
                    <td data-label={t("dash.staff.since")}>{dateTime(m.added_at, event.timezone)}</td>
                    <td data-label={t("dash.ticket.actions")}>
                      {(me || canAssign(event.role, m.role)) && (
                        <button
                          type="button"
                          className="danger-outline"
                          onClick={() => {
                            setError(null);
                            setRemoving(m);
                          }}
                        >
                          {me ? t("dash.staff.leave") : m.pending ? t("dash.staff.cancelInvite") : t("dash.staff.remove")}
                          {!me && <span className="visually-hidden"> – {who}</span>}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore hasMore={list.hasMore} loading={list.loadingMore} onClick={list.loadMore} />
      <p className="hint">{t("dash.staff.rolesHelp")}</p>

      <Confirm
        open={removing !== null}
        title={
          removing?.user_id === user?.id
            ? t("dash.staff.leaveTitle")
            : t("dash.staff.removeTitle", { who: removing ? removing.name || removing.email : "" })
        }
        confirmLabel={removing?.user_id === user?.id ? t("dash.staff.leave") : t("dash.staff.remove")}
        danger
        busy={busy}
        onConfirm={() => void remove()}
        onCancel={() => {
          setRemoving(null);
          setError(null);
        }}
      >
        <p>{removing?.user_id === user?.id ? t("dash.staff.leaveText") : t("dash.staff.removeText")}</p>
        {Boolean(error) && (
          <p className="field-error" role="alert">
            {describeError(error, t)}
          </p>
        )}
      </Confirm>
    </section>
  );
}

function Invite({ event, roles, onDone }: { event: EventView; roles: RoleName[]; onDone: (answer: Invited) => void }) {
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
function InviteLink({ event, invited, onClose }: { event: EventView; invited: Invited; onClose: () => void }) {
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
function Invitations({ event, resource }: { event: EventView; resource: Resource<InvitationList> }) {
  const { t, dateTime } = useI18n();
  const [withdrawing, setWithdrawing] = useState<Invitation | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState("");
  const items = resource.data?.items ?? [];

  async function withdraw() {
    if (!withdrawing) return;
    setBusy(true);
    setError(null);
    try {
      const updated = await withdrawInvitation(event.id, withdrawing.id);
      resource.setData({ items: items.map((i) => (i.id === updated.id ? updated : i)) });
      setNotice(t("dash.invites.withdrawn", { email: updated.email }));
      setWithdrawing(null);
    } catch (err) {
      setError(err);
      // Accepted meanwhile (or withdrawn elsewhere): show the list as it is now.
      resource.reload();
    } finally {
      setBusy(false);
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
      {!withdrawing && <ErrorBanner error={error} />}
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
                          setError(null);
                          setNotice("");
                          setWithdrawing(i);
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
        open={withdrawing !== null}
        title={t("dash.invites.withdrawTitle", { email: withdrawing?.email ?? "" })}
        confirmLabel={t("dash.invites.withdraw")}
        danger
        busy={busy}
        onConfirm={() => void withdraw()}
        onCancel={() => {
          setWithdrawing(null);
          setError(null);
        }}
      >
        <p>{t("dash.invites.withdrawText")}</p>
        {Boolean(error) && (
          <p className="field-error" role="alert">
            {describeError(error, t)}
          </p>
        )}
      </Confirm>
    </section>
  );
}
