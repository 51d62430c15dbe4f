// Door devices, end to end: the manager signs in and adds a door device in the
// dashboard, whose enrolment link shows as a QR code (decoded here: it holds
// the link). A phone without an account opens the link, lands on the scanner
// with the device's gate and name, and admits a ticket online. A guest
// without their code is found by name and let in after the volunteer's
// confirmation; a second time the door refuses them, already used. With
// names kept off door devices, the search gives way to a note and answers
// show no name. Another ticket is admitted offline (uploaded once back
// online); the dashboard counts the scans for the device, shows the app
// version it reported, and lists the device on the Live view. The phone decides a
// third ticket offline, the manager revokes the device, and when the phone
// is back online it shows the signed-out screen and keeps nothing of the
// event in IndexedDB. The used link is refused afterwards.
/* global document, indexedDB, location -- functions passed to page.evaluate run in the browser */
import assert from "node:assert/strict";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { api, createEvent, issueTicket, PHONE, register } from "./lib.mjs";

const DESKTOP = { viewport: { width: 1280, height: 900 } };
const READY = "Ready — scan a ticket with the handheld scanner";

const answer = (page) => page.getByTestId("door-answer");
/** Scans the server decided for the device today: Léa, Chloé twice (by name), Léa without names, Omar offline. */
const SCANS = 5;

/** Polls `check` until it holds (the phone's pack refreshes every few seconds). */
async function until(check, what, timeout = 20_000) {
  const end = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** What a handheld scanner does: types the code into the focused field, then Enter. */
async function wedge(page, code) {
  await page.waitForFunction(() => document.activeElement?.getAttribute("name") === "code", null, { timeout: 5000 });
  await page.keyboard.type(code);
  await page.keyboard.press("Enter");
}

/** With no network: the phone admits `code` itself and keeps the decision in its queue. */
async function offlineAdmission(phone, code) {
  await phone.context().setOffline(true);
  await phone.getByTestId("door-net").filter({ hasText: "Offline" }).waitFor();
  // The previous answer gives way to the ready notice (a tap hurries it).
  if (await answer(phone).count()) await answer(phone).click({ timeout: 2000 }).catch(() => {});
  await phone.getByText(READY).waitFor();
  await wedge(phone, code);
  await answer(phone).filter({ hasText: "ADMITTED" }).getByTestId("door-offline-label").waitFor();
  await phone.getByTestId("door-upload").filter({ hasText: "1 waiting to upload" }).waitFor();
}

/** Reads the QR code on screen (the panel's picture) the way a phone camera would. */
async function readQr(locator) {
  const png = PNG.sync.read(await locator.screenshot());
  const found = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
  assert.ok(found, "the enrolment QR code decodes");
  return found.data;
}

/** Everything the door keeps in IndexedDB that belongs to `eventId` (pack, pages of tickets, queue), as JSON text. */
function doorData(page, eventId) {
  return page.evaluate(async (eventId) => {
    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open("qre-door");
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const all = (name) =>
      new Promise((resolve, reject) => {
        if (!db.objectStoreNames.contains(name)) return resolve([]);
        const store = db.transaction(name).objectStore(name);
        const keys = store.getAllKeys();
        const values = store.getAll();
        values.onsuccess = () => resolve(values.result.map((value, i) => ({ key: keys.result[i], value })));
        values.onerror = () => reject(values.error);
      });
    const stores = [...db.objectStoreNames];
    const out = {};
    for (const name of stores) {
      const mine = (await all(name)).filter(({ key, value }) => JSON.stringify([key, value]).includes(eventId));
      out[name] = mine.length;
    }
    const text = JSON.stringify(await Promise.all(stores.map(all)));
    db.close();
    return { stores, counts: out, text };
  }, eventId);
}

export default async function devices(ctx) {
  const { baseUrl } = ctx;
  // A revoked device's requests answer 401 (device_revoked), and the phone is offline for a while.
  ctx.expectConsoleError(/status of 401 .*\/api\/v1\/(devices|events)\//);
  ctx.expectConsoleError(/ERR_INTERNET_DISCONNECTED/);
  // The name search refused while the event keeps names off door devices.
  ctx.expectConsoleError(/status of 403 .*\/door\/search/);

  // --- The organizer's account, an event running now and two tickets (API) ---------------
  const setup = await ctx.newPage({ ...DESKTOP });
  const account = await register(setup, baseUrl, { name: "Mia Manager", prefix: "devices" });
  const event = await createEvent(setup, { name: "Harbour Nights", venue: "Quai des Chartrons, Bordeaux" });
  const eventId = event.id;
  const first = await issueTicket(setup, eventId, { holder_name: "Léa Fontaine", category: "General" });
  const second = await issueTicket(setup, eventId, { holder_name: "Omar Diallo", category: "VIP" });
  const third = await issueTicket(setup, eventId, { holder_name: "Yuki Tanaka", category: "General" });
  await issueTicket(setup, eventId, { holder_name: "Chloé Martin", category: "Guest list" });
  await setup.context().close();
  ctx.log(`event ${eventId}`);

  // --- The manager signs in and adds a door device -----------------------------------------
  const manager = await ctx.newPage({ ...DESKTOP });
  await manager.goto(`${baseUrl}/login`);
  await manager.getByLabel("E-mail").fill(account.email);
  await manager.getByLabel("Password").fill(account.password);
  await manager.getByRole("button", { name: "Sign in" }).click();
  await manager.getByRole("heading", { level: 1, name: "Events" }).waitFor();
  await manager.goto(`${baseUrl}/events/${eventId}`);
  await manager.getByRole("link", { name: "Door devices" }).click();
  await manager.getByRole("heading", { level: 2, name: "Door devices" }).waitFor();
  await manager.getByText("No door device yet.").waitFor();
  await manager.getByLabel("Name").fill("Volunteer phone 1");
  await manager.getByLabel("Gate", { exact: true }).fill("Harbour gate");
  await manager.getByRole("button", { name: "Create and show the link" }).click();
  const panel = manager.getByTestId("enrol-panel");
  await panel.getByRole("heading", { name: "Enrol Volunteer phone 1" }).waitFor();
  const link = await panel.getByRole("textbox", { name: "Enrolment link" }).inputValue();
  assert.ok(link.startsWith(`${baseUrl}/door/enrol#`), `an absolute link on this site: ${link}`);
  await panel.getByText(/^The link expires in 1[45]:\d\d\.$/).waitFor();
  assert.equal(await readQr(panel.getByRole("img", { name: "QR code of the enrolment link for Volunteer phone 1" })), link);
  await ctx.screenshot(manager, "devices-enrol-qr");
  const row = manager.getByTestId("device-row").filter({ hasText: "Volunteer phone 1" });
  await row.getByText("Not enrolled yet").waitFor();

  // --- A phone without an account opens the link and scans ----------------------------------
  const phone = await ctx.newPage({ ...PHONE });
  // Door streams the phone opened and the server accepted.
  let doorStreams = 0;
  phone.on("response", (res) => {
    if (new URL(res.url()).pathname.endsWith("/door/live") && res.status() === 200) doorStreams += 1;
  });
  await phone.goto(link);
  await phone.waitForURL(`${baseUrl}/scan/${eventId}`);
  assert.equal(new URL(phone.url()).hash, "", "the token left the address bar");
  await phone.getByTestId("door-device").filter({ hasText: "Door device: Volunteer phone 1" }).waitFor();
  await phone.getByText("Gate Harbour gate").waitFor();
  assert.equal(await phone.getByLabel("Gate").count(), 0, "no gate form: the device's gate is fixed");
  assert.equal(await phone.getByRole("link", { name: "Back to the event" }).count(), 0, "no way to the dashboard");
  // A browser that lost what it kept of the enrolment asks the server who it is (device cookies).
  await phone.evaluate(() => localStorage.removeItem(`qre.door.device.${location.pathname.split("/").pop()}`));
  await phone.reload();
  await phone.getByTestId("door-device").filter({ hasText: "Door device: Volunteer phone 1" }).waitFor();
  const camera = phone.getByTestId("door-camera");
  if ((await camera.getAttribute("aria-pressed")) === "true") await camera.click();
  await phone.getByText(READY).waitFor();
  await phone.getByTestId("door-pack").filter({ hasText: /^4 tickets · updated / }).waitFor();
  await ctx.screenshot(phone, "devices-phone-ready");
  await wedge(phone, first.code);
  const admitted = answer(phone).filter({ hasText: "ADMITTED" });
  await admitted.getByText("Léa Fontaine", { exact: true }).waitFor();
  assert.equal(await admitted.getByTestId("door-offline-label").count(), 0, "decided by the server");
  await ctx.screenshot(phone, "devices-phone-admitted");

  await answer(phone).click();
  await phone.getByText(READY).waitFor();

  // --- A ticket issued at the office reaches the phone: its door stream announces it (a busy door
  // is told at most every 5 s; without the stream it would wait for the once-a-minute refresh) ---
  await until(async () => doorStreams > 0, "the phone follows the door stream");
  await issueTicket(manager, eventId, { holder_name: "Nadia Benali", category: "General" });
  await phone.getByTestId("door-pack").filter({ hasText: /^5 tickets · updated / }).waitFor({ timeout: 20_000 });

  // --- A guest without their code: found by name, let in once the volunteer checked who they are
  await phone.getByTestId("door-search-open").click();
  await phone.getByLabel("Holder’s name").fill("Martin");
  const match = phone.getByTestId("door-search-item").filter({ hasText: "Chloé Martin" });
  await match.getByText("Entries: 0 of 1").waitFor();
  await match.scrollIntoViewIfNeeded();
  await ctx.screenshot(phone, "devices-find-by-name", { fullPage: true });
  const confirm = phone.getByRole("dialog", { name: "Checked who they are?" });
  const letIn = async () => {
    await match.getByRole("button", { name: "Let in – Chloé Martin" }).click();
    await confirm.getByText(/^Chloé Martin \(Guest list\) has no code to show\./).waitFor();
    await confirm.getByRole("button", { name: "Yes, let in" }).click();
  };
  // Cancelled: nothing happens.
  await match.getByRole("button", { name: "Let in – Chloé Martin" }).click();
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await phone.getByText(READY).waitFor();
  await letIn();
  const byName = answer(phone).filter({ hasText: "ADMITTED" });
  await byName.getByText("Chloé Martin", { exact: true }).waitFor();
  await byName.getByText("Guest list", { exact: true }).waitFor();
  assert.equal(await byName.getByTestId("door-offline-label").count(), 0, "decided by the server");
  // The match is asked again after its answer: now used up.
  await match.getByText("Entries: 1 of 1").waitFor();
  await answer(phone).click();
  await letIn();
  const usedAgain = answer(phone).filter({ hasText: "REFUSED" });
  await usedAgain.getByText("Already used", { exact: true }).waitFor();
  await usedAgain.getByText(/^First used on .+ at gate Harbour gate\.$/).waitFor();
  await usedAgain.getByText("Chloé Martin", { exact: true }).waitFor();
  await usedAgain.click();
  await phone.getByRole("button", { name: "Close the search" }).click();

  // --- Names kept off door devices: no search by name, answers without the name -----------
  await api(manager, "PATCH", `/api/v1/events/${eventId}`, { door_names: false });
  await phone.getByTestId("door-search-open").click();
  await phone.getByLabel("Holder’s name").fill("Yuki");
  await phone.getByTestId("door-search-off").filter({ hasText: "Names are kept off door devices for this event" }).waitFor();
  assert.equal(await phone.getByLabel("Holder’s name").count(), 0, "the search is gone");
  await wedge(phone, first.code);
  const nameless = answer(phone).filter({ hasText: "REFUSED" });
  await nameless.getByTestId("door-name-hidden").filter({ hasText: "Name not shown on door devices" }).waitFor();
  await nameless.getByText("General", { exact: true }).waitFor();
  assert.doesNotMatch(await nameless.innerText(), /Léa|undefined/);
  await ctx.screenshot(phone, "devices-phone-name-hidden");
  await nameless.click();
  // The names left the phone's ticket list too (a full pack); they come back when allowed again.
  await until(async () => !(await doorData(phone, eventId)).text.includes("Yuki Tanaka"), "names leave the phone");
  await api(manager, "PATCH", `/api/v1/events/${eventId}`, { door_names: true });
  await until(async () => (await doorData(phone, eventId)).text.includes("Yuki Tanaka"), "names come back to the phone");

  // --- A ticket decided on the phone with no network, uploaded when it is back ----------------
  await offlineAdmission(phone, second.code);
  await phone.context().setOffline(false);
  await phone.getByTestId("door-upload").filter({ hasText: "All uploaded" }).waitFor({ timeout: 30_000 });

  // The dashboard counts both scans for the device, and shows the app version its upload reported.
  await manager.getByRole("button", { name: "Hide the link" }).click();
  await row.getByText("Active").waitFor({ timeout: 20_000 });
  await row.locator('td[data-label="Scans today"]').filter({ hasText: new RegExp(`^${SCANS}$`) }).waitFor({ timeout: 20_000 });
  await row.locator('td[data-label="App version"]').filter({ hasText: /^\d+\.\d+\.\d+/ }).waitFor();
  await row.locator('td[data-label="Waiting uploads"]').filter({ hasText: /^0$/ }).waitFor();
  assert.match(await row.innerText(), /Gate Harbour gate · Check-in/);
  await ctx.screenshot(manager, "devices-list", { fullPage: true });

  // The Live view lists the device with its scans, heard from just now, not marked.
  await manager.getByRole("link", { name: "Live" }).click();
  const liveRow = manager.getByTestId("live-device").filter({ hasText: "Volunteer phone 1" });
  await liveRow.getByText("Gate Harbour gate").waitFor();
  await liveRow.getByText("Active").waitFor();
  await liveRow.locator('td[data-label="Scans today"]').filter({ hasText: new RegExp(`^${SCANS}$`) }).waitFor();
  await liveRow.locator('td[data-label="Waiting uploads"]').filter({ hasText: /^0$/ }).waitFor();
  await liveRow.locator('td[data-label="Last seen"]').filter({ hasText: /^(just now|\d+ sec ago)$/ }).waitFor();
  assert.equal(await liveRow.getAttribute("data-alert"), null, "a device heard from just now is not marked");
  // Three minutes later by the organizer's clock, without a word from the phone: the device is marked.
  const later = await ctx.newPage({ ...DESKTOP, storageState: await manager.context().storageState() });
  await later.clock.install({ time: Date.now() + 3 * 60_000 });
  await later.goto(`${baseUrl}/events/${eventId}/live`);
  const quiet = later.getByTestId("live-device").filter({ hasText: "Volunteer phone 1" });
  await quiet.getByText("Not seen for 3 minutes").waitFor();
  assert.equal(await quiet.getAttribute("data-alert"), "unseen");
  await later.context().close();
  await manager.getByRole("link", { name: "Door devices" }).click();

  // --- Another one offline: it waits in the phone's queue -------------------------------------
  await offlineAdmission(phone, third.code);
  const held = await doorData(phone, eventId);
  assert.ok(held.text.includes("Yuki Tanaka") && held.counts.queue >= 1, `the phone holds the event's tickets and queue: ${JSON.stringify(held.counts)}`);

  // --- The manager revokes the device ------------------------------------------------------
  await row.getByRole("button", { name: /^Revoke/ }).click();
  const dialog = manager.getByRole("dialog", { name: "Revoke Volunteer phone 1?" });
  await dialog.getByRole("button", { name: "Revoke" }).click();
  await manager.getByText("Volunteer phone 1 was revoked.").waitFor();
  await row.getByText("Revoked").waitFor();
  // The audit trail names the device where it shows its id.
  const deviceId = await row.getAttribute("data-device-id");
  await manager.getByRole("link", { name: "Audit" }).click();
  await manager.locator("table.audit").getByText("Volunteer phone 1").first().waitFor();
  await manager.locator(`table.audit [title="${deviceId}"]`).filter({ hasText: /^Volunteer phone 1$/ }).first().waitFor();
  await manager.getByRole("link", { name: "Door devices" }).click();

  // --- Back online, the phone's next request signs it out and wipes the event ---------------
  await phone.context().setOffline(false);
  const gone = phone.getByTestId("door-signed-out");
  await gone.getByRole("heading", { level: 1, name: "This phone was signed out of the door" }).waitFor({ timeout: 20_000 });
  await gone.locator('[data-wiped="yes"]').waitFor();
  assert.equal(await answer(phone).count(), 0, "no ticket answer left on screen");
  assert.equal(await phone.getByText("Yuki Tanaka").count(), 0);
  const left = await doorData(phone, eventId);
  assert.deepEqual(
    Object.values(left.counts).filter((n) => n > 0),
    [],
    `nothing of the event in IndexedDB: ${JSON.stringify(left.counts)}`,
  );
  for (const secret of [first.id, second.id, third.id, "Léa Fontaine", "Omar Diallo", "Yuki Tanaka"]) {
    assert.ok(!left.text.includes(secret), `IndexedDB no longer holds ${secret}`);
  }
  const kept = await phone.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("qre.door.") && k !== "qre.door.prefs"));
  assert.deepEqual(kept, [], "the enrolment and the door's notes are forgotten");
  await ctx.screenshot(phone, "devices-phone-signed-out");

  // A reload stays signed out; the used link is refused, in words the volunteer can act on.
  await phone.reload();
  await phone.getByTestId("door-signed-out").waitFor();
  const again = await ctx.newPage({ ...PHONE });
  ctx.expectConsoleError(/status of 400 .*\/api\/v1\/devices\/enrol/);
  await again.goto(link);
  await again
    .getByTestId("enrol-refused")
    .filter({ hasText: "This link has expired or was already used. Ask the organizer for a new link." })
    .waitFor();
  assert.equal(new URL(again.url()).hash, "");
}
