// Invalid forms in French, on a phone, submitted as a person would: the page
// must speak French about every mistake, whether the form catches it itself
// or the server refuses it, and never show the server's English (its
// `detail` and field `message`s are for logs and API users).
// Registration (empty e-mail, short password), sign-in (wrong password), a
// new event that ends before it starts, a ticket without a holder then with a
// bad e-mail and a validity that ends before it begins, and an invitation to
// an address that is not one.
import assert from "node:assert/strict";
import { PHONE } from "./lib.mjs";

// English the server writes in its problems (and the English UI's own
// texts for the same mistakes): none may reach a French page.
const ENGLISH = [
  "must not be empty",
  "is not a valid e-mail address",
  "must be after starts_at",
  "must be after valid_from",
  "must be at least",
  "validation failed",
  "Some fields need your attention",
  "Required.",
  "Too short.",
  "Wrong e-mail or password",
  "Must be after the start",
  "Not a valid e-mail address",
];

/** The message shown under the field labelled `label` (in `scope`, a page or a part of one). */
function fieldError(scope, label) {
  // `has` takes a locator relative to each field: built from the page, not from `scope`.
  const page = typeof scope.page === "function" ? scope.page() : scope;
  return scope.locator(".field").filter({ has: page.getByLabel(label, { exact: true }) }).locator(".field-error");
}

async function expectFieldError(scope, label, text) {
  const error = fieldError(scope, label);
  await error.waitFor();
  assert.equal((await error.innerText()).trim(), text, `message under “${label}”`);
  assert.equal(await scope.getByLabel(label, { exact: true }).getAttribute("aria-invalid"), "true", `“${label}” is marked invalid`);
}

/** Clicks `button` and returns the problem+json body the server answers to the POST on `path`. */
async function submitRefused(page, button, path, status) {
  const answered = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.endsWith(path));
  await button.click();
  const res = await answered;
  assert.equal(res.status(), status, `${path} answers ${status}`);
  return res.json();
}

/** Nothing English on the page: neither the list above nor what the server wrote in `problems`. */
async function assertNoEnglish(page, problems = []) {
  const text = await page.locator("body").innerText();
  const server = problems.flatMap((p) => [p.detail, ...(p.errors ?? []).map((e) => e.message)]).filter(Boolean);
  for (const english of [...ENGLISH, ...server]) {
    assert.ok(!text.toLowerCase().includes(english.toLowerCase()), `English on the French page: “${english}”`);
  }
}

export default async function errorsFr(ctx) {
  const { baseUrl } = ctx;
  const page = await ctx.newPage({ ...PHONE, locale: "fr-FR" });
  const email = `camille-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}@example.org`;
  const password = "une phrase de passe assez longue";
  ctx.expectConsoleError(/status of 422 .*\/api\/v1\/(auth\/register|events\/[0-9a-f-]+\/(tickets|members))/);
  ctx.expectConsoleError(/status of 401 .*\/api\/v1\/auth\/login/);

  // --- Registration: an empty e-mail and a password that is too short -------------
  await page.goto(`${baseUrl}/register`);
  await page.getByRole("heading", { level: 1, name: "Créer un compte" }).waitFor();
  assert.equal(await page.locator("html").getAttribute("lang"), "fr");
  const form = page.locator("form");
  await page.getByLabel("Votre nom").fill("Camille Martin");
  await page.getByLabel("Mot de passe").fill("court");
  const registration = await submitRefused(page, form.getByRole("button", { name: "Créer un compte" }), "/auth/register", 422);
  assert.deepEqual(registration.errors.map((e) => [e.field, e.code]).sort(), [["email", "required"], ["password", "too_short"]]);
  await page.getByRole("alert").filter({ hasText: "Certains champs demandent votre attention." }).waitFor();
  await expectFieldError(page, "Adresse e-mail", "Obligatoire.");
  await expectFieldError(page, "Mot de passe", "Trop court.");
  await assertNoEnglish(page, [registration]);
  await ctx.screenshot(page, "errors-fr-register", { fullPage: true });

  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(password);
  await form.getByRole("button", { name: "Créer un compte" }).click();
  await page.getByRole("heading", { level: 1, name: "Événements" }).waitFor();

  // --- Sign-in with a wrong password ---------------------------------------------------
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await page.getByRole("heading", { level: 1, name: "Se connecter" }).waitFor();
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe").fill("pas le bon mot de passe");
  const login = await submitRefused(page, page.locator("form").getByRole("button", { name: "Se connecter" }), "/auth/login", 401);
  assert.equal(login.code, "invalid_credentials");
  await page.getByRole("alert").filter({ hasText: "Adresse e-mail ou mot de passe incorrect." }).waitFor();
  await assertNoEnglish(page, [login]);
  await ctx.screenshot(page, "errors-fr-sign-in");

  await page.getByLabel("Mot de passe").fill(password);
  await page.locator("form").getByRole("button", { name: "Se connecter" }).click();
  await page.getByRole("heading", { level: 1, name: "Événements" }).waitFor();

  // --- A new event that ends before it starts (the form catches it) -------------------------
  await page.getByRole("link", { name: "Nouvel événement" }).first().click();
  await page.getByRole("heading", { level: 1, name: "Nouvel événement" }).waitFor();
  await page.getByLabel("Nom de l’événement").fill("Fête de la musique");
  await page.getByLabel("Fuseau horaire").selectOption("Europe/Paris");
  await page.getByLabel("Début").fill("2030-06-21T20:00");
  await page.getByLabel("Fin").fill("2030-06-21T18:00");
  await page.getByRole("button", { name: "Créer l’événement" }).click();
  await expectFieldError(page, "Fin", "Doit être après le début.");
  await assertNoEnglish(page);
  await page.getByLabel("Fin").scrollIntoViewIfNeeded();
  await ctx.screenshot(page, "errors-fr-event");

  await page.getByLabel("Fin").fill("2030-06-22T02:00");
  await page.getByRole("button", { name: "Créer l’événement" }).click();
  await page.getByRole("heading", { level: 1, name: "Fête de la musique" }).waitFor();

  // --- A ticket without a holder (the form), then one the server refuses ---------------------
  await page.getByRole("link", { name: "Ajouter des billets" }).click();
  const one = page.getByRole("region", { name: "Émettre un billet" });
  await one.getByRole("button", { name: "Émettre le billet" }).click();
  await expectFieldError(one, "Nom du titulaire", "Obligatoire.");
  await assertNoEnglish(page);

  await one.getByLabel("Nom du titulaire").fill("Léa Dupont");
  await one.getByLabel("E-mail du titulaire (facultatif)").fill("lea.dupont");
  await one.getByLabel("Valable à partir du").fill("2030-06-21T19:00");
  await one.getByLabel("Valable jusqu’au").fill("2030-06-21T17:00");
  const ticket = await submitRefused(page, one.getByRole("button", { name: "Émettre le billet" }), "/tickets", 422);
  assert.deepEqual(ticket.errors.map((e) => [e.field, e.code]).sort(), [["holder_email", "invalid_email"], ["valid_until", "before_start"]]);
  await one.getByRole("alert").filter({ hasText: "Certains champs demandent votre attention." }).waitFor();
  await expectFieldError(one, "E-mail du titulaire (facultatif)", "Adresse e-mail non valide.");
  await expectFieldError(one, "Valable jusqu’au", "Doit être après le début.");
  await assertNoEnglish(page, [ticket]);
  await one.getByRole("alert").first().evaluate((banner) => banner.scrollIntoView({ block: "start" }));
  await ctx.screenshot(page, "errors-fr-ticket");

  // --- An invitation to an address that is not one -----------------------------------
  await page.getByRole("link", { name: "Équipe" }).click();
  const invite = page.getByRole("region", { name: "Inviter quelqu’un" });
  await invite.getByLabel("Adresse e-mail").fill("camille.martin@");
  const invitation = await submitRefused(page, invite.getByRole("button", { name: "Inviter" }), "/members", 422);
  assert.deepEqual(invitation.errors.map((e) => [e.field, e.code]), [["email", "invalid_email"]]);
  await invite.getByRole("alert").filter({ hasText: "Certains champs demandent votre attention." }).waitFor();
  await expectFieldError(invite, "Adresse e-mail", "Adresse e-mail non valide.");
  await assertNoEnglish(page, [invitation]);
  await invite.scrollIntoViewIfNeeded();
  await ctx.screenshot(page, "errors-fr-invite");
  ctx.log("every refusal was shown in French");
}
