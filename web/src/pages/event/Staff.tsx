// The Staff section: who works on the event, and role changes; invitations
// in Invitations.tsx.
// Owners may grant any role; managers only the scanner role (the server
// enforces the same rule, this only hides what would be refused).
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { api } from "../../api/client";
import { invitationsPath, type InvitationList, type Invited } from "../../api/invitations";
import type { EventView, MemberView, RoleName } from "../../api/types";
import { Badge, Confirm, ErrorBanner, LoadMore, Status } from "../../components/ui";
import { useI18n } from "../../i18n";
import { useConfirmAction } from "../../lib/confirm";
import { useResource, usePaged } from "../../lib/hooks";
import { buildQuery, eventPath } from "../../lib/query";
import { canAssign, countText, ROLES, roleText } from "../../lib/reasons";
import { useSession } from "../../session";
import { Invitations, Invite, InviteLink } from "./Invitations";

export function Staff({ event }: { event: EventView }) {
  const { t, lang, dateTime } = useI18n();
  const { user } = useSession();
  const navigate = useNavigate();
  const list = usePaged<MemberView>(eventPath(event.id, `/members${buildQuery({ limit: 50 })}`));
  const grantable = ROLES.filter((r) => canAssign(event.role, r));
  const [notice, setNotice] = useState("");
  const [error, setError] = useState<unknown>(null);
  const removing = useConfirmAction<MemberView>();
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

  async function remove(member: MemberView) {
    await api.json<void>(eventPath(event.id, `/members/${member.user_id}`), { method: "DELETE" });
    if (member.user_id === user?.id) {
      navigate("/", { replace: true });
      return;
    }
    list.update((items) => items.filter((m) => m.user_id !== member.user_id));
    setNotice(t("dash.staff.removed", { who: member.name || member.email }));
  }

  const leaving = removing.target !== null && removing.target.user_id === user?.id;

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
      <ErrorBanner error={error} />
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
                            removing.ask(m);
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
        open={removing.target !== null}
        title={leaving ? t("dash.staff.leaveTitle") : t("dash.staff.removeTitle", { who: removing.target ? removing.target.name || removing.target.email : "" })}
        confirmLabel={leaving ? t("dash.staff.leave") : t("dash.staff.remove")}
        danger
        busy={removing.busy}
        error={removing.error}
        onConfirm={() => void removing.run(remove)}
        onCancel={removing.cancel}
      >
        <p>{leaving ? t("dash.staff.leaveText") : t("dash.staff.removeText")}</p>
      </Confirm>
    </section>
  );
}
