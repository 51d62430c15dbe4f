// Every text of the UI in English: the catalogue every page is built with,
// and the type that the French one (fr/, its own chunk, loaded only when
// needed: catalog.ts) must fill key for key. Keys are grouped by page; the
// dashboard and door (scanner, attendee) texts live in their own files, and
// so do the texts of the API's error codes (problems.ts).
import { auditEn } from "./audit";
import { dashboardEn } from "./dashboard";
import { devicesEn } from "./devices";
import { doorEn } from "./door";
import { invitationsEn } from "./invitations";
import { problemsEn } from "./problems";

export const coreEn = {
  "app.name": "QR Event",
  "app.skip": "Skip to content",
  "lang.label": "Language",
  "lang.unavailable": "{language} could not be loaded (no connection?). Try again later.",
  "nav.events": "Events",
  "nav.signOut": "Sign out",
  "nav.api": "API reference",
  "common.save": "Save",
  "common.cancel": "Cancel",
  "common.delete": "Delete",
  "common.confirm": "Confirm",
  "common.loading": "Loading…",
  "common.loadMore": "Load more",
  "common.search": "Search",
  "common.close": "Close",
  "common.yes": "Yes",
  "common.no": "No",
  "common.retry": "Try again",
  "common.copy": "Copy",
  "common.copied": "Copied",
  "common.download": "Download",
  "common.none": "None",
  "auth.signIn": "Sign in",
  "auth.register": "Create an account",
  "auth.email": "E-mail",
  "auth.password": "Password",
  "auth.name": "Your name",
  "auth.noAccount": "No account yet?",
  "auth.haveAccount": "Already registered?",
  "auth.passwordHint": "At least 8 characters; long passphrases are welcome.",
  "auth.sessionExpired": "Your session has ended. Please sign in again.",
  "errors.network": "The server cannot be reached. Check your connection and try again.",
  "errors.unknown": "Something went wrong (error {status}).",
  "errors.refused": "The server refused this request (error {status}).",
} as const;

export const en = { ...coreEn, ...problemsEn, ...dashboardEn, ...auditEn, ...doorEn, ...devicesEn, ...invitationsEn } as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

/** Whether `key` names a text of the catalogue (for keys built from codes). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}
