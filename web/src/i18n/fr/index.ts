// Every text of the UI in French: a chunk of its own, loaded by catalog.ts
// only for the people who read French. Typed against the English catalogue,
// so a key missing here (or one English no longer has) fails the type check.
import type { coreEn, Messages } from "../messages";
import { auditFr } from "./audit";
import { dashboardFr } from "./dashboard";
import { devicesFr } from "./devices";
import { doorFr } from "./door";
import { invitationsFr } from "./invitations";
import { problemsFr } from "./problems";

const coreFr: Record<keyof typeof coreEn, string> = {
  "app.name": "QR Event",
  "app.skip": "Aller au contenu",
  "lang.label": "Langue",
  "lang.unavailable": "Impossible de charger : {language} (pas de connexion ?). Réessayez plus tard.",
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
