// Every text of the UI, in English and French. Keys are grouped by page;
// the dashboard and door (scanner, attendee) texts live in their own files,
// and so do the texts of the API's error codes (problems.ts).
import { auditEn, auditFr } from "./audit";
import { dashboardEn, dashboardFr } from "./dashboard";
import { devicesEn, devicesFr } from "./devices";
import { doorEn, doorFr } from "./door";
import { invitationsEn, invitationsFr } from "./invitations";
import { problemsEn, problemsFr } from "./problems";

const coreEn = {
  "app.name": "QR Event",
  "app.skip": "Skip to content",
  "lang.label": "Language",
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

const coreFr: Record<keyof typeof coreEn, string> = {
  "app.name": "QR Event",
  "app.skip": "Aller au contenu",
  "lang.label": "Langue",
  "nav.events": "Événements",
  "nav.signOut": "Se déconnecter",
  "nav.api": "Référence de l’API",
  "common.save": "Enregistrer",
  "common.cancel": "Annuler",
  "common.delete": "Supprimer",
  "common.confirm": "Confirmer",
  "common.loading": "Chargement…",
  "common.loadMore": "Afficher plus",
  "common.search": "Rechercher",
  "common.close": "Fermer",
  "common.yes": "Oui",
  "common.no": "Non",
  "common.retry": "Réessayer",
  "common.copy": "Copier",
  "common.copied": "Copié",
  "common.download": "Télécharger",
  "common.none": "Aucun",
  "auth.signIn": "Se connecter",
  "auth.register": "Créer un compte",
  "auth.email": "Adresse e-mail",
  "auth.password": "Mot de passe",
  "auth.name": "Votre nom",
  "auth.noAccount": "Pas encore de compte ?",
  "auth.haveAccount": "Déjà inscrit ?",
  "auth.passwordHint": "Au moins 8 caractères ; les longues phrases de passe sont bienvenues.",
  "auth.sessionExpired": "Votre session a pris fin. Veuillez vous reconnecter.",
  "errors.network": "Le serveur est injoignable. Vérifiez votre connexion et réessayez.",
  "errors.unknown": "Une erreur s’est produite (erreur {status}).",
  "errors.refused": "Le serveur a refusé cette demande (erreur {status}).",
};

export const fr: Messages = { ...coreFr, ...problemsFr, ...dashboardFr, ...auditFr, ...doorFr, ...devicesFr, ...invitationsFr };
