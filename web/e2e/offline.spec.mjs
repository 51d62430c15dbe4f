// The offline door, end to end: a phone loads the event's ticket list, loses
// the network, keeps deciding (a valid ticket admitted once, then refused as
// used; a revoked ticket and a forged code refused), keeps those decisions
// through a reload with no network, and uploads them when the network is
// back: the server counts one admission. Then two phones at two gates both
// admit the same ticket offline: once both have uploaded, the server holds
// exactly one conflict with both gates, the organizer's Conflicts tab shows
// it, and the phone that made the later admission is told.
/* global document -- functions passed to page.evaluate run in the browser */
import assert from "node:assert/strict";
import { api, createEvent, issueTicket, openBlank, PHONE, register, revokeTicket, swActivated } from "./lib.mjs";

const DESKTOP = { viewport: { width: 1280, height: 900 } };
const READY = "Ready — scan a ticket with the handheld scanner";
/** Uploads start as soon as the browser is back online; this is only an upper bound. */
const DRAIN_MS = 30_000;

/** The same genuine code with one signature character changed: well formed, badly signed. */
function forge(code) {
  assert.match(code, /^QRE1:[A-Z2-7]{162}$/);
  // Characters 60…160 of the base32 text carry only signature bits (the last one also carries padding).
  const at = "QRE1:".length + 100;
  const swapped = code[at] === "A" ? "B" : "A";
  return code.slice(0, at) + swapped + code.slice(at + 1);
}

const answer = (page) => page.getByTestId("door-answer");
const upload = (page) => page.getByTestId("door-upload");

async function codeFieldHasFocus(page) {
  await page.waitForFunction(() => document.activeElement?.getAttribute("name") === "code", null, { timeout: 5000 });
}

/** What a handheld scanner does: types the code into the focused field, then Enter. */
async function wedge(page, code) {
  await codeFieldHasFocus(page);
  await page.keyboard.type(code);
  await page.keyboard.press("Enter");
}

/** The door volunteer taps the red screen (if it is still up) and the scanner is ready again. */
async function tapToContinue(page) {
  const button = answer(page).getByRole("button", { name: /^(Tap to continue|Next)$/ });
  if (await button.count()) await button.click({ timeout: 5000 }).catch(() => {});
  await page.getByText(READY).waitFor();
}

/** Opens the scanner, sets the gate through its form, turns the camera off (handheld scanner) and waits for the ticket list. */
async function openScanner(page, baseUrl, eventId, gate, tickets) {
  await page.goto(`${baseUrl}/scan/${eventId}`);
  await page.getByLabel("Gate").fill(gate);
  await page.getByRole("button", { name: "Start scanning" }).click();
  await page.getByText(new RegExp(`^Gate ${gate}`)).waitFor();
  const camera = page.getByTestId("door-camera");
  if ((await camera.getAttribute("aria-pressed")) === "true") await camera.click();
  await page.getByText(READY).waitFor();
  await page.getByTestId("door-pack").filter({ hasText: new RegExp(`^${tickets} tickets · updated `) }).waitFor();
  await page.getByTestId("door-net").filter({ hasText: "Online" }).waitFor();
  await upload(page).filter({ hasText: "All uploaded" }).waitFor();
}

async function goOffline(page) {
  await page.context().setOffline(true);
  await page.getByTestId("door-net").filter({ hasText: "Connection: Offline" }).waitFor();
}

/**
 * Records the scans each upload sends and the server's answers. `settled()`
 * waits for the answers' bodies read so far (call it once the screen says
 * everything is uploaded: the page has read them by then).
 */
function watchUploads(page) {
  const sent = [];
  const results = [];
  const conflicts = [];
  const reading = [];
  page.on("request", (req) => {
    if (req.method() === "POST" && req.url().endsWith("/door/sync")) sent.push(...(JSON.parse(req.postData() ?? "{}").scans ?? []));
  });
  page.on("response", (res) => {
    if (res.request().method() !== "POST" || !res.url().endsWith("/door/sync")) return;
    reading.push(
      res.json().then((body) => {
        results.push(...(body?.results ?? []));
        conflicts.push(...(body?.conflicts ?? []));
      }),
    );
  });
  return { sent, results, conflicts, settled: () => Promise.all(reading) };
}

export default async function offline(ctx) {
  const { baseUrl } = ctx;
  ctx.expectConsoleError(/ERR_INTERNET_DISCONNECTED/);

  // --- An organizer, an event running now, its tickets (through the API) ----------------
  const org = await ctx.newPage({ ...DESKTOP });
  const organizer = await register(org, baseUrl, { name: "Olga Organizer", prefix: "offline-org" });
  const event = await createEvent(org, { name: "Riverside Festival", venue: "Quai de Saône, Lyon" });
  const eventId = event.id;
  const a = await issueTicket(org, eventId, { holder_name: "Inès Moreau", category: "General" });
  const b = await issueTicket(org, eventId, { holder_name: "Hugo Lambert", category: "VIP" });
  const r = await issueTicket(org, eventId, { holder_name: "Noé Martin", category: "General" });
  await revokeTicket(org, eventId, r.id);
  const forged = forge(a.code);
  assert.notEqual(forged, a.code);
  ctx.log(`event ${eventId}: tickets A ${a.id}, B ${b.id}, R ${r.id} (revoked)`);

  // --- One phone: the list on the device, then no network ---------------------------------
  const phone = await ctx.newPage({ ...PHONE });
  await openBlank(phone, baseUrl);
  await api(phone, "POST", "/api/v1/auth/login", organizer);
  const uploads = watchUploads(phone);
  const scans = [];
  phone.on("request", (req) => {
    if (req.method() === "POST" && req.url().endsWith("/scan")) scans.push(req.url());
  });
  await openScanner(phone, baseUrl, eventId, "Main", 3);
  // The app is cached by the service worker before the network goes.
  await swActivated(phone);
  await goOffline(phone);

  // A: admitted, decided on the phone.
  await wedge(phone, a.code);
  const admitted = answer(phone).filter({ hasText: "ADMITTED" });
  await admitted.getByTestId("door-offline-label").filter({ hasText: "Offline decision" }).waitFor();
  await admitted.getByText("Inès Moreau", { exact: true }).waitFor();
  await ctx.screenshot(phone, "door-offline-admitted");
  // A green answer gives way after a few seconds: it must still be up after the picture was taken.
  assert.ok(await admitted.isVisible(), "the ADMITTED answer was on screen for the screenshot");
  await upload(phone).filter({ hasText: "1 waiting to upload" }).waitFor();
  await phone.getByText(READY).waitFor();

  // A again: already used, from the phone's own queue.
  await wedge(phone, a.code);
  const usedAgain = answer(phone).filter({ hasText: "REFUSED" }).filter({ hasText: "Already used" });
  await usedAgain.getByTestId("door-offline-label").waitFor();
  await usedAgain.getByText(/at gate Main/).waitFor();
  await tapToContinue(phone);

  // R: revoked (the list on the phone says so).
  await wedge(phone, r.code);
  const revoked = answer(phone).filter({ hasText: "REFUSED" }).filter({ hasText: "Cancelled ticket" });
  await revoked.getByTestId("door-offline-label").waitFor();
  await revoked.getByText("Noé Martin", { exact: true }).waitFor();
  await tapToContinue(phone);

  // The forged code: the signature does not verify with the event's public key.
  await wedge(phone, forged);
  const invalid = answer(phone).filter({ hasText: "REFUSED" }).filter({ hasText: "Not a valid ticket" });
  await invalid.getByTestId("door-offline-label").waitFor();
  await tapToContinue(phone);

  // Every offline decision is stored to be uploaded, refusals too (the audit trail records them).
  const decidedOffline = 4;
  await upload(phone).filter({ hasText: `${decidedOffline} waiting to upload` }).waitFor();
  assert.equal(scans.length, 0, "no scan request while offline");
  assert.equal(uploads.sent.length, 0, "nothing uploaded while offline");
  await phone.getByText("Admitted: 1", { exact: true }).waitFor();
  await phone.getByText("Refused: 3", { exact: true }).waitFor();
  await ctx.screenshot(phone, "door-waiting-counter");

  // --- A reload with no network: the scanner opens from the cache, the queue is intact ------
  const reloaded = await phone.reload();
  assert.ok(reloaded?.fromServiceWorker(), "the scanner page came from the service worker");
  assert.match(new URL(phone.url()).pathname, new RegExp(`^/scan/${eventId}$`));
  await phone.getByText(READY).waitFor();
  await phone.getByTestId("door-net").filter({ hasText: "Connection: Offline" }).waitFor();
  await upload(phone).filter({ hasText: `${decidedOffline} waiting to upload` }).waitFor();
  await phone.getByTestId("door-pack").filter({ hasText: /^3 tickets · updated / }).waitFor();
  await phone.getByText(/^Gate Main/).waitFor();
  assert.equal(await phone.getByRole("button", { name: "Sign in" }).count(), 0);

  // --- Back online: the queue drains, the server counts A once ------------------------------
  await phone.context().setOffline(false);
  await upload(phone).filter({ hasText: "All uploaded" }).waitFor({ timeout: DRAIN_MS });
  await phone.getByTestId("door-net").filter({ hasText: "Connection: Online" }).waitFor();
  assert.equal(await phone.getByTestId("door-set-aside").count(), 0, "no scan set aside");
  await uploads.settled();
  assert.equal(uploads.sent.length, decidedOffline, "each offline decision uploaded once");
  assert.equal(new Set(uploads.sent.map((s) => s.scan_id)).size, decidedOffline, "one scan id per scan");
  assert.ok(uploads.sent.every((s) => s.gate === "Main" && s.mode === "check_in"));
  assert.deepEqual(
    uploads.sent.map((s) => [s.offline_result, s.offline_reason ?? null]),
    [
      ["admitted", null],
      ["rejected", "already_used"],
      ["rejected", "revoked"],
      ["rejected", "invalid_code"],
    ],
    "uploaded in the order decided",
  );
  const byScan = new Map(uploads.results.map((x) => [x.scan_id, x]));
  assert.deepEqual(
    uploads.sent.map((s) => [byScan.get(s.scan_id)?.result, byScan.get(s.scan_id)?.reason ?? null]),
    [
      ["admitted", null],
      ["rejected", "already_used"],
      ["rejected", "revoked"],
      ["rejected", "invalid_code"],
    ],
    "the server agrees with every offline decision",
  );
  const stats = await api(org, "GET", `/api/v1/events/${eventId}/stats`);
  assert.equal(stats.admitted, 1, "A counted once");
  assert.equal(stats.unique_in, 1);
  assert.equal(stats.conflicts, 0);
  const refusedBy = Object.fromEntries(stats.rejected.map((x) => [x.label, x.count]));
  assert.deepEqual(refusedBy, { already_used: 1, revoked: 1, invalid_code: 1 }, "the offline refusals are counted as refusals");

  await org.goto(`${baseUrl}/events/${eventId}/live`);
  const figure = (label) => org.locator(".figure").filter({ has: org.getByRole("term").filter({ hasText: new RegExp(`^${label}$`) }) });
  await figure("Admissions").locator(".figure-value").filter({ hasText: /^1$/ }).waitFor();
  await figure("People in").locator(".figure-value").filter({ hasText: /^1$/ }).waitFor();
  await org.getByTestId("live-conflicts").getByText("0", { exact: true }).waitFor();
  await phone.context().close();

  // --- Two phones, two gates, the same ticket admitted offline at both ------------------------
  const north = await ctx.newPage({ ...PHONE });
  const south = await ctx.newPage({ ...PHONE });
  const northScanner = await register(north, baseUrl, { name: "Nadia Benali", prefix: "offline-north" });
  const southScanner = await register(south, baseUrl, { name: "Sven Olsen", prefix: "offline-south" });
  // An invitation grants nothing until its link is accepted by the invited account.
  for (const [scanner, { email }] of [
    [north, northScanner],
    [south, southScanner],
  ]) {
    const { token } = await api(org, "POST", `/api/v1/events/${eventId}/members`, { email, role: "scanner" });
    await api(scanner, "POST", "/api/v1/invitations/accept", { token });
  }
  const northUploads = watchUploads(north);
  const southUploads = watchUploads(south);
  await openScanner(north, baseUrl, eventId, "North", 3);
  await openScanner(south, baseUrl, eventId, "South", 3);
  await goOffline(north);
  await goOffline(south);

  // North first, then South: South's is the later admission.
  for (const page of [north, south]) {
    await wedge(page, b.code);
    const ok = answer(page).filter({ hasText: "ADMITTED" });
    await ok.getByTestId("door-offline-label").waitFor();
    await ok.getByText("Hugo Lambert", { exact: true }).waitFor();
    await upload(page).filter({ hasText: "1 waiting to upload" }).waitFor();
  }

  // North uploads first: admitted. Then South: the server records a conflict and tells South.
  await north.context().setOffline(false);
  await upload(north).filter({ hasText: "All uploaded" }).waitFor({ timeout: DRAIN_MS });
  await northUploads.settled();
  assert.deepEqual(northUploads.results.map((x) => x.result), ["admitted"]);
  await south.context().setOffline(false);
  await upload(south).filter({ hasText: "All uploaded" }).waitFor({ timeout: DRAIN_MS });
  await southUploads.settled();
  assert.deepEqual(southUploads.results.map((x) => x.result), ["conflict"]);
  assert.equal(southUploads.conflicts.length, 1, "the later admission's device is told in its upload's answer");
  assert.equal(northUploads.conflicts.length, 0);
  const notice = south.getByTestId("door-conflict");
  await notice.filter({ hasText: "Ticket of Hugo Lambert was also admitted at gate North — conflict recorded." }).waitFor();
  await south.getByText(READY).waitFor();
  await ctx.screenshot(south, "door-conflict-notice");

  const list = await api(org, "GET", `/api/v1/events/${eventId}/door/conflicts`);
  assert.equal(list.items.length, 1, "exactly one conflict");
  const [conflict] = list.items;
  assert.equal(conflict.ticket_id, b.id);
  assert.equal(conflict.reason, "already_used");
  assert.equal(conflict.first.gate, "North");
  assert.equal(conflict.second.gate, "South");
  assert.ok(conflict.first.offline && conflict.second.offline, "both admissions were offline");
  assert.ok(conflict.first.device_id && conflict.second.device_id && conflict.first.device_id !== conflict.second.device_id, "two devices");
  assert.notEqual(conflict.first.user_id, conflict.second.user_id);
  assert.equal(conflict.second.scan_id, southUploads.sent[0].scan_id);
  assert.equal(southUploads.conflicts[0].id, conflict.id);
  const after = await api(org, "GET", `/api/v1/events/${eventId}/stats`);
  assert.equal(after.admitted, 2, "B counted once more; the conflicting admission adds no use");
  assert.equal(after.conflicts, 1);

  // --- The organizer's dashboard: counted on Live, both gates on the Conflicts tab -----------
  // The Live tab has stayed open since the first upload: it follows the server by itself.
  await org.getByTestId("live-conflicts").getByText("1", { exact: true }).waitFor({ timeout: 20_000 });
  await figure("Admissions").locator(".figure-value").filter({ hasText: /^2$/ }).waitFor();
  await org.getByTestId("live-conflicts-alert").getByRole("link", { name: "Review the conflicts" }).click();
  await org.waitForURL(new RegExp(`/events/${eventId}/conflicts$`));
  // The tab is marked once the route has rendered (waited for, not read at once).
  await org.locator('a[aria-current="page"]').filter({ hasText: /^Conflicts$/ }).waitFor({ timeout: 10_000 });
  assert.equal(await org.getByRole("link", { name: "Conflicts", exact: true }).getAttribute("aria-current"), "page", "the Conflicts tab is the one shown");
  const row = org.getByTestId("conflict");
  await row.first().waitFor();
  assert.equal(await row.count(), 1);
  assert.equal(await row.getAttribute("data-conflict-id"), conflict.id);
  await row.getByRole("heading", { level: 3, name: /Hugo Lambert/ }).waitFor();
  const first = row.getByTestId("conflict-first");
  const second = row.getByTestId("conflict-second");
  await first.getByText("North", { exact: true }).waitFor();
  await first.getByText("Nadia Benali", { exact: true }).waitFor();
  await second.getByText("South", { exact: true }).waitFor();
  await second.getByText("Sven Olsen", { exact: true }).waitFor();
  await ctx.screenshot(org, "door-conflict-dashboard", { fullPage: true });
}
