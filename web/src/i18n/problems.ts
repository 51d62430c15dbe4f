// The texts of the API's error codes, in English (French: fr/problems.ts):
// one for each problem code (`errors.<code>`, shown in a banner) and one for
// each field code (`field.<code>`, shown next to a form field or a CSV line).
// The tables are typed by the enumerations generated from the OpenAPI
// document, so a code the server adds fails the type check until it is
// translated in both languages.
// The server's own English (`detail`, `message`) is for logs, never shown.
import type { FieldCode, ProblemCode } from "../api/types";

const problemEn: Record<ProblemCode, string> = {
  validation_failed: "Some fields need your attention.",
  malformed_json: "The request could not be read. Reload the page and try again.",
  malformed_body: "What was sent arrived incomplete or damaged. Try again.",
  invalid_query: "The search criteria could not be read. Check them and try again.",
  payload_too_large: "This is too large to send. Try a smaller file or fewer items.",
  unsupported_media_type: "This kind of file is not accepted.",
  method_not_allowed: "This action is not available.",
  unauthenticated: "Please sign in.",
  invalid_credentials: "Wrong e-mail or password.",
  device_revoked: "This phone was signed out of the door. Ask an organizer for a new link.",
  csrf_failed: "Your session could not be verified. Reload the page and try again.",
  forbidden: "You are not allowed to do this.",
  registration_closed: "Registration is by invitation only.",
  not_found: "Not found: it may have been deleted, or you no longer have access to it.",
  invalid_link: "This link is no longer valid (used, expired or withdrawn). Ask for a new one.",
  conflict: "This conflicts with existing data.",
  scan_id_reused: "This scan was already recorded for another event.",
  last_owner: "Every event needs at least one owner: make someone else owner first.",
  event_has_tickets: "This event has tickets, so it cannot be deleted. Archive it instead.",
  too_many_tickets: "Too many tickets for one PDF. Export CSV or download them one by one.",
  no_tickets: "There is no active ticket to print.",
  mail_not_configured: "E-mail is not set up on this server (no SMTP server configured), so tickets cannot be sent.",
  wallet_not_configured: "This server cannot make passes for that wallet.",
  ticket_revoked: "This ticket is already revoked.",
  already_verified: "Your address is already confirmed.",
  invitation_accepted: "This invitation was already accepted: the person is on the staff.",
  device_ended: "This door device is revoked or expired. Add a new one.",
  rate_limited: "Too many attempts. Try again in {wait}.",
  quota_exceeded: "Your account has reached one of its limits for now. Try again in {wait}.",
  busy: "The server is busy. Try again in a moment.",
  unavailable: "The service is temporarily unavailable. Try again in a moment.",
  internal: "An unexpected error occurred (reference {requestId}).",
};

const fieldEn: Record<FieldCode, string> = {
  required: "Required.",
  too_short: "Too short.",
  too_long: "Too long.",
  out_of_range: "Outside the allowed range.",
  invalid: "Not valid.",
  invalid_characters: "Contains characters that are not allowed.",
  invalid_email: "Not a valid e-mail address.",
  invalid_timezone: "Unknown time zone.",
  invalid_length: "Not the expected length.",
  unknown_field: "Not expected here.",
  unknown: "Not one of the accepted values.",
  before_start: "Must be after the start.",
  before_from: "Must be after the start of the period.",
  in_past: "Must be in the future.",
  too_far: "Too far in the future.",
  exclusive: "Give only one of these.",
  duplicate: "Appears more than once.",
  too_many: "Too many items.",
  taken: "Already used by another account.",
  too_common: "Too common; choose something harder to guess.",
  matches_email: "Must not be your e-mail address.",
  incorrect: "Wrong password.",
  encoding: "The file must be UTF-8 text.",
  malformed: "This line cannot be read (check quotes).",
  missing_column: "This column is required in the first line.",
  unknown_column: "Unknown column.",
  too_many_rows: "Too many rows for one import.",
  column_count: "Wrong number of cells on this line.",
  invalid_number: "Must be a whole number.",
  invalid_time: "Not a valid date and time; use RFC 3339, e.g. 2030-05-01T18:00:00+02:00.",
  too_many_errors: "Too many problems: only the first ones are listed.",
};

type Keyed<P extends string, C extends string> = { [K in C as `${P}${K}`]: string };

/** The table's entries as catalogue keys: `{ required: … }` → `{ "field.required": … }`. */
export function keyed<P extends string, C extends string>(prefix: P, texts: Record<C, string>): Keyed<P, C> {
  return Object.fromEntries(Object.entries(texts).map(([code, text]) => [`${prefix}${code}`, text])) as Keyed<P, C>;
}

export const problemsEn = { ...keyed("errors.", problemEn), ...keyed("field.", fieldEn) };
/** Whether this UI has a text for a problem code (a newer server may send others). */
export function isProblemCode(code: string): code is ProblemCode {
  return Object.hasOwn(problemEn, code);
}

/** Whether this UI has a text for a field code. */
export function isFieldCode(code: string): code is FieldCode {
  return Object.hasOwn(fieldEn, code);
}
