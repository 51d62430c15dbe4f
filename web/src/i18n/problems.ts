// The texts of the API's error codes, in English and French: one for each
// problem code (`errors.<code>`, shown in a banner) and one for each field
// code (`field.<code>`, shown next to a form field or a CSV line). The tables
// are typed by the enumerations generated from the OpenAPI document, so a
// code the server adds fails the type check until it is translated here.
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

const problemFr: Record<ProblemCode, string> = {
  validation_failed: "Certains champs demandent votre attention.",
  malformed_json: "La requête n’a pas pu être lue. Rechargez la page et réessayez.",
  malformed_body: "Les données envoyées sont arrivées incomplètes ou abîmées. Réessayez.",
  invalid_query: "Les critères de recherche n’ont pas pu être lus. Vérifiez-les et réessayez.",
  payload_too_large: "C’est trop volumineux pour être envoyé. Essayez un fichier plus petit ou moins d’éléments.",
  unsupported_media_type: "Ce type de fichier n’est pas accepté.",
  method_not_allowed: "Cette action n’est pas disponible.",
  unauthenticated: "Veuillez vous connecter.",
  invalid_credentials: "Adresse e-mail ou mot de passe incorrect.",
  device_revoked: "Ce téléphone a été déconnecté du contrôle. Demandez un nouveau lien à un organisateur.",
  csrf_failed: "Votre session n’a pas pu être vérifiée. Rechargez la page et réessayez.",
  forbidden: "Vous n’avez pas le droit de faire cela.",
  registration_closed: "L’inscription se fait uniquement sur invitation.",
  not_found: "Introuvable : l’élément a peut-être été supprimé, ou vous n’y avez plus accès.",
  invalid_link: "Ce lien n’est plus valable (déjà utilisé, expiré ou retiré). Demandez-en un nouveau.",
  conflict: "Cela entre en conflit avec des données existantes.",
  scan_id_reused: "Ce scan a déjà été enregistré pour un autre événement.",
  last_owner: "Un événement doit garder au moins un propriétaire : nommez d’abord quelqu’un d’autre propriétaire.",
  event_has_tickets: "Un événement qui a des billets ne peut pas être supprimé. Archivez-le plutôt.",
  too_many_tickets: "Trop de billets pour un seul PDF. Exportez en CSV ou téléchargez-les un par un.",
  no_tickets: "Aucun billet actif à imprimer.",
  mail_not_configured: "L’envoi d’e-mails n’est pas configuré sur ce serveur (aucun serveur SMTP) : les billets ne peuvent pas être envoyés.",
  wallet_not_configured: "Ce serveur ne peut pas créer de carte pour ce portefeuille.",
  ticket_revoked: "Ce billet est déjà révoqué.",
  already_verified: "Votre adresse est déjà confirmée.",
  invitation_accepted: "Cette invitation a déjà été acceptée : la personne fait partie de l’équipe.",
  device_ended: "Cet appareil de contrôle est révoqué ou expiré. Ajoutez-en un nouveau.",
  rate_limited: "Trop de tentatives. Réessayez dans {wait}.",
  quota_exceeded: "Votre compte a atteint l’une de ses limites pour le moment. Réessayez dans {wait}.",
  busy: "Le serveur est occupé. Réessayez dans un instant.",
  unavailable: "Le service est momentanément indisponible. Réessayez dans un instant.",
  internal: "Une erreur inattendue s’est produite (référence {requestId}).",
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

const fieldFr: Record<FieldCode, string> = {
  required: "Obligatoire.",
  too_short: "Trop court.",
  too_long: "Trop long.",
  out_of_range: "En dehors des valeurs autorisées.",
  invalid: "Non valide.",
  invalid_characters: "Contient des caractères non autorisés.",
  invalid_email: "Adresse e-mail non valide.",
  invalid_timezone: "Fuseau horaire inconnu.",
  invalid_length: "N’a pas la longueur attendue.",
  unknown_field: "Non attendu ici.",
  unknown: "Ne fait pas partie des valeurs acceptées.",
  before_start: "Doit être après le début.",
  before_from: "Doit être après le début de la période.",
  in_past: "Doit être une date future.",
  too_far: "Date trop lointaine.",
  exclusive: "Un seul de ces champs peut être rempli.",
  duplicate: "Figure plus d’une fois.",
  too_many: "Trop d’éléments.",
  taken: "Déjà utilisée par un autre compte.",
  too_common: "Trop courant ; choisissez quelque chose de plus difficile à deviner.",
  matches_email: "Ne doit pas être votre adresse e-mail.",
  incorrect: "Mot de passe incorrect.",
  encoding: "Le fichier doit être du texte UTF-8.",
  malformed: "Cette ligne est illisible (vérifiez les guillemets).",
  missing_column: "Cette colonne est obligatoire sur la première ligne.",
  unknown_column: "Colonne inconnue.",
  too_many_rows: "Trop de lignes pour un seul import.",
  column_count: "Nombre de cellules incorrect sur cette ligne.",
  invalid_number: "Doit être un nombre entier.",
  invalid_time: "Date et heure non valides ; utilisez le format RFC 3339, par ex. 2030-05-01T18:00:00+02:00.",
  too_many_errors: "Trop de problèmes : seuls les premiers sont listés.",
};

type Keyed<P extends string, C extends string> = { [K in C as `${P}${K}`]: string };

/** The table's entries as catalogue keys: `{ required: … }` → `{ "field.required": … }`. */
function keyed<P extends string, C extends string>(prefix: P, texts: Record<C, string>): Keyed<P, C> {
  return Object.fromEntries(Object.entries(texts).map(([code, text]) => [`${prefix}${code}`, text])) as Keyed<P, C>;
}

export const problemsEn = { ...keyed("errors.", problemEn), ...keyed("field.", fieldEn) };
export const problemsFr: Record<keyof typeof problemsEn, string> = {
  ...keyed("errors.", problemFr),
  ...keyed("field.", fieldFr),
};

/** Whether this UI has a text for a problem code (a newer server may send others). */
export function isProblemCode(code: string): code is ProblemCode {
  return Object.hasOwn(problemEn, code);
}

/** Whether this UI has a text for a field code. */
export function isFieldCode(code: string): code is FieldCode {
  return Object.hasOwn(fieldEn, code);
}
