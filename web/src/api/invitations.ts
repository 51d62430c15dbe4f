// Staff invitations and address confirmation. An invitation grants nothing
// by itself: the person opens its one-time link (`/invite#<token>`), signs
// in or registers, and accepts. The organiser's endpoints (invite, list,
// withdraw), the invited person's (accept), and the e-mail confirmation.
import { eventPath } from "../lib/query";
import { api } from "./client";
import type { Accepted, Invitation, InvitationList, Invited, RoleName, UserView } from "./types";

export type { Accepted, Invitation, InvitationList, Invited };

/** The statuses this UI knows (the server's `status` is a string: a newer one shows as it is). */
export const INVITATION_STATUSES = ["pending", "accepted", "revoked", "expired"] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export function invitationStatus(i: Pick<Invitation, "status">): InvitationStatus | null {
  return (INVITATION_STATUSES as readonly string[]).includes(i.status) ? (i.status as InvitationStatus) : null;
}

/** `POST /events/{id}/members`: 202 with the link; the same answer whether or not the address has an account. */
export function invite(eventId: string, email: string, role: RoleName): Promise<Invited> {
  return api.json<Invited>(eventPath(eventId, "/members"), { method: "POST", body: { email, role } });
}

export function invitationsPath(eventId: string): string {
  return eventPath(eventId, "/invitations");
}

/** Withdraws a pending invitation: its link stops working (409 `invitation_accepted` when too late). */
export function withdrawInvitation(eventId: string, invitationId: string): Promise<Invitation> {
  return api.json<Invitation>(eventPath(eventId, `/invitations/${encodeURIComponent(invitationId)}/revoke`), { method: "POST" });
}

const accepting = new Map<string, Promise<Accepted>>();

/**
 * Accepts an invitation for the signed-in account, once per token and page
 * (a second request would be refused as a used link); a failure may be tried again.
 */
export function acceptInvitation(token: string): Promise<Accepted> {
  let attempt = accepting.get(token);
  if (!attempt) {
    attempt = api.json<Accepted>("/api/v1/invitations/accept", { method: "POST", body: { token } });
    accepting.set(token, attempt);
    attempt.catch(() => accepting.delete(token));
  }
  return attempt;
}

const verifying = new Map<string, Promise<UserView>>();

/** Confirms an address with the link sent to it (no sign-in needed); once per token and page. */
export function verifyEmail(token: string): Promise<UserView> {
  let attempt = verifying.get(token);
  if (!attempt) {
    attempt = api.json<UserView>("/api/v1/auth/verify-email", { method: "POST", body: { token }, noRefresh: true });
    verifying.set(token, attempt);
    attempt.catch(() => verifying.delete(token));
  }
  return attempt;
}

/** Sends a new confirmation link to the signed-in account (409 `already_verified`, 429 with Retry-After). */
export async function resendVerification(): Promise<void> {
  // 202 without a body.
  await api.response("/api/v1/auth/verify-email/resend", { method: "POST" });
}
