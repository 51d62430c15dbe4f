// Phone wallets on the attendee's page, as an attendee sees them on a phone:
// with credentials configured (made here with the openssl command: a
// self-signed Pass Type ID certificate and a Google service-account key),
// "Add to Apple Wallet" serves a signed .pkpass and "Add to Google Wallet"
// leads to Google's save page with a signed link carrying the ticket's code;
// in French the buttons speak French; a revoked ticket offers neither; the
// shared server (no credentials) shows no wallet button at all.
// Runs its own server for the credentials. Screenshot: attendee-wallets-phone.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "./harness.mjs";
import { api, createEvent, issueTicket, PHONE, register, revokeTicket } from "./lib.mjs";

const WEB = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function openssl(dir, args) {
  const out = spawnSync("openssl", args, { cwd: dir, encoding: "utf8" });
  assert.equal(out.status, 0, `openssl ${args.join(" ")}: ${out.stderr}`);
}

function credentials(dir) {
  openssl(dir, ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "pass.key", "-out", "pass.pem", "-days", "2", "-subj", "/UID=pass.org.example.e2e/CN=Pass Type ID: pass.org.example.e2e/OU=TEAME2E001/O=Riverside Festival"]);
  openssl(dir, ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "google.key"]);
  const account = { client_email: "passes@e2e.iam.gserviceaccount.com", private_key: readFileSync(join(dir, "google.key"), "utf8") };
  writeFileSync(join(dir, "google.json"), JSON.stringify(account));
  return [
    "--apple-pass-cert", join(dir, "pass.pem"),
    "--apple-pass-key", join(dir, "pass.key"),
    "--apple-wwdr-cert", join(dir, "pass.pem"),
    "--google-wallet-issuer-id", "3388000000000000042",
    "--google-wallet-key", join(dir, "google.json"),
  ];
}

/** The JSON payload of a JWT. */
function claims(jwt) {
  return JSON.parse(Buffer.from(jwt.split(".")[1], "base64url").toString("utf8"));
}

async function run(ctx, baseUrl) {
  const org = await ctx.newPage({ locale: "en-US" });
  await register(org, baseUrl, { name: "Wanda Wallet", prefix: "wallet" });
  const event = await createEvent(org, { name: "Riverside Festival", venue: "Quai de Saône, Lyon" });
  const ticket = await issueTicket(org, event.id, { holder_name: "Zoë Ørsted", category: "VIP" });

  const phone = await ctx.newPage({ ...PHONE, locale: "en-US" });
  // Google's page is outside this closed network: answer for it.
  await phone.route("https://pay.google.com/**", (route) =>
    route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>Google Wallet</title>" }),
  );
  await phone.goto(`${baseUrl}/t/${ticket.access_key}`);
  const wallets = phone.getByRole("navigation", { name: "Add to a phone wallet" });
  const apple = wallets.getByRole("link", { name: "Add to Apple Wallet" });
  await apple.waitFor();
  await ctx.screenshot(phone, "attendee-wallets-phone", { fullPage: true });

  // The Apple pass: a signed archive (a ZIP) served as a pass.
  const href = await apple.getAttribute("href");
  const pass = await phone.request.get(`${baseUrl}${href}`);
  assert.equal(pass.status(), 200);
  assert.equal(pass.headers()["content-type"], "application/vnd.apple.pkpass");
  const body = await pass.body();
  assert.equal(body.subarray(0, 4).toString("latin1"), "PK\u0003\u0004", "a ZIP archive");
  for (const name of ["pass.json", "manifest.json", "signature"]) {
    assert.ok(body.includes(Buffer.from(name)), `the pass holds ${name}`);
  }
  assert.ok(body.includes(Buffer.from(ticket.code)), "the pass carries the ticket's code");

  // Google: the button leads to Google's save page with the signed link.
  await Promise.all([
    phone.waitForURL(/^https:\/\/pay\.google\.com\/gp\/v\/save\//),
    wallets.getByRole("button", { name: "Add to Google Wallet" }).click(),
  ]);
  const jwt = phone.url().split("/gp/v/save/")[1];
  const object = claims(jwt).payload.eventTicketObjects[0];
  assert.equal(object.barcode.value, ticket.code);
  assert.equal(object.ticketHolderName, "Zoë Ørsted");

  // In French.
  const fr = await ctx.newPage({ ...PHONE, locale: "fr-FR" });
  await fr.goto(`${baseUrl}/t/${ticket.access_key}`);
  await fr.getByRole("link", { name: "Ajouter à Apple Wallet" }).waitFor();
  await fr.getByRole("button", { name: "Ajouter à Google Wallet" }).waitFor();

  // Revoked: no wallet.
  await revokeTicket(org, event.id, ticket.id);
  await fr.reload();
  await fr.getByRole("alert").waitFor();
  assert.equal(await fr.getByRole("navigation", { name: "Ajouter à un portefeuille du téléphone" }).count(), 0);
}

export default async function wallet(ctx) {
  // The shared server has no wallet credentials: no button.
  const page = await ctx.newPage({ ...PHONE, locale: "en-US" });
  await register(page, ctx.baseUrl, { name: "Nora None", prefix: "nowallet" });
  const event = await createEvent(page, { name: "Quiet Evening" });
  const ticket = await issueTicket(page, event.id, { holder_name: "Ada" });
  await page.goto(`${ctx.baseUrl}/t/${ticket.access_key}`);
  await page.getByRole("link", { name: "Download PDF" }).waitFor();
  assert.equal(await page.getByRole("navigation", { name: "Add to a phone wallet" }).count(), 0);
  const page_ = await api(page, "GET", `/api/v1/public/tickets/${ticket.access_key}`);
  assert.deepEqual(page_.wallets, { apple: false, google: false });

  const tmp = mkdtempSync(join(tmpdir(), "qre-e2e-wallet-"));
  const errors = [];
  const server = startServer({
    webDir: join(WEB, "dist"),
    dataDir: join(tmp, "server"),
    args: credentials(tmp),
    onLine: (line) => /"level":"ERROR"/.test(line) && errors.push(line.slice(0, 400)),
  });
  try {
    await run(ctx, await server.url);
    assert.deepEqual(errors, [], "no error in the wallet server's log");
  } finally {
    await server.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}
