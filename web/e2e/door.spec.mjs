// The door: the attendee's ticket page, and the scanner reading that ticket
// from a (fake) camera, then a handheld scanner typing codes, offline retries,
// and French. Uses the dashboard spec's data from ctx.state, or makes its own
// through the API when run alone.
/* global window, document -- functions passed to page.evaluate run in the browser */
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { PNG } from "pngjs";
import { createEvent, issueTicket, PHONE, register, revokeTicket } from "./lib.mjs";

/** Registers, creates an event running now and two tickets (one revoked), from inside a page. */
async function makeData(ctx) {
  const page = await ctx.newPage();
  const { email, password } = await register(page, ctx.baseUrl, { name: "Door Tester", prefix: "door" });
  const event = await createEvent(page, { name: "Spring Gala", venue: "Salle Pleyel, Paris" });
  const ticket = await issueTicket(page, event.id, { holder_name: "Camille Durand", category: "VIP", holder_email: "camille@example.org" });
  const revoked = await issueTicket(page, event.id, { holder_name: "Noé Martin", category: "General" });
  await revokeTicket(page, event.id, revoked.id);
  await page.context().close();
  Object.assign(ctx.state, {
    email,
    password,
    eventId: event.id,
    ticketId: ticket.id,
    ticketCode: ticket.code,
    attendeePath: ticket.attendee_path,
    revokedCode: revoked.code,
    revokedAttendeePath: revoked.attendee_path,
  });
}

/**
 * A 640×480 Y4M video (4:2:0) whose every frame is the PNG's picture in grey,
 * centred on white paper: Chromium's fake camera plays it in a loop. The
 * standard 4:3 frame keeps the whole code inside the centre square the
 * scanner decodes, whatever size the fake device settles on.
 */
function y4mFromPng(png, frames) {
  const w = 640;
  const h = 480;
  const left = Math.floor((w - png.width) / 2);
  const top = Math.floor((h - png.height) / 2);
  const luma = Buffer.alloc(w * h, 255);
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const p = (y * png.width + x) * 4;
      const a = png.data[p + 3] / 255;
      const grey = 0.299 * png.data[p] + 0.587 * png.data[p + 1] + 0.114 * png.data[p + 2];
      luma[(top + y) * w + left + x] = Math.round(grey * a + 255 * (1 - a));
    }
  }
  const chroma = Buffer.alloc((w / 2) * (h / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from("FRAME\n"), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${w} H${h} F10:1 Ip A1:1 C420jpeg\n`);
  return Buffer.concat([header, ...Array(frames).fill(frame)]);
}

const answer = (page) => page.getByTestId("door-answer");

async function codeFieldHasFocus(page) {
  await page.waitForFunction(() => document.activeElement?.getAttribute("name") === "code", null, { timeout: 5000 });
}

export default async function door(ctx) {
  const s = ctx.state;
  if (!s.eventId || !s.attendeePath || !s.revokedCode || !s.email) {
    ctx.log("no dashboard data in ctx.state: creating an event and tickets through the API");
    await makeData(ctx);
  }
  const key = s.attendeePath.replace(/^\/t\//, "");
  const pub = await (await fetch(`${ctx.baseUrl}/api/v1/public/tickets/${key}`)).json();
  const now = Date.now();
  assert.ok(
    Date.parse(pub.valid_from) <= now && now < Date.parse(pub.valid_until),
    `the ticket must be valid now to be admitted (valid ${pub.valid_from} – ${pub.valid_until})`,
  );
  const holder = pub.holder_name;

  // --- The attendee's page, without any session --------------------------------
  const attendee = await ctx.newPage({ ...PHONE });
  await attendee.goto(`${ctx.baseUrl}${s.attendeePath}`);
  await attendee.getByRole("heading", { level: 1, name: pub.event_name }).waitFor();
  await attendee.getByText(holder, { exact: true }).waitFor();
  const qr = attendee.getByRole("img", { name: `QR code of the ticket for ${holder}` });
  await qr.waitFor();
  await attendee.waitForFunction(() => {
    const img = document.querySelector("img.ticket-qr");
    return img && img.complete && img.naturalWidth > 0;
  });
  for (const [name, path] of [
    ["Download image (PNG)", "/qr.png?size=1024"],
    ["Download PDF", "/ticket.pdf"],
    ["Add to calendar", "/event.ics"],
  ]) {
    const href = await attendee.getByRole("link", { name }).getAttribute("href");
    assert.equal(href, `/api/v1/public/tickets/${key}${path}`);
    const res = await fetch(`${ctx.baseUrl}${href}`);
    assert.equal(res.status, 200, `${name} answers`);
  }
  await ctx.screenshot(attendee, "attendee", { fullPage: true });

  // An unknown link: a friendly not-found, no QR code.
  ctx.expectConsoleError(/status of 404 .*\/api\/v1\/public\/tickets\/not-a-ticket-key/);
  await attendee.goto(`${ctx.baseUrl}/t/not-a-ticket-key`);
  await attendee.getByRole("heading", { name: "Ticket not found" }).waitFor();
  assert.equal(await attendee.locator("img.ticket-qr").count(), 0);
  if (s.revokedAttendeePath) {
    await attendee.goto(`${ctx.baseUrl}${s.revokedAttendeePath}`);
    await attendee.getByRole("heading", { name: "This ticket has been cancelled" }).waitFor();
    assert.equal(await attendee.locator("img.ticket-qr").count(), 0, "no QR code for a revoked ticket");
  }
  await attendee.context().close();

  // --- A fake camera showing the ticket's QR code ---------------------------------
  const pngRes = await fetch(`${ctx.baseUrl}/api/v1/public/tickets/${key}/qr.png?size=400&margin=4`);
  assert.equal(pngRes.status, 200);
  const video = join(ctx.artifacts, "ticket-qr.y4m");
  writeFileSync(video, y4mFromPng(PNG.sync.read(Buffer.from(await pngRes.arrayBuffer())), 30));
  const camera = await ctx.launchWithCamera(video);
  const page = await ctx.newPage({ browser: camera, ...PHONE, permissions: ["camera"] });
  const scanIds = [];
  page.on("request", (req) => {
    if (req.method() === "POST" && req.url().endsWith("/scan")) scanIds.push(JSON.parse(req.postData() ?? "{}"));
  });

  // Sign in through the UI, landing back on the scanner.
  await page.goto(`${ctx.baseUrl}/scan/${s.eventId}`);
  await page.waitForURL(/\/login\?next=/);
  await page.getByLabel("E-mail").fill(s.email);
  await page.getByLabel("Password").fill(s.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(new RegExp(`/scan/${s.eventId}$`));
  const cookies = await page.context().cookies();
  assert.ok(cookies.some((c) => c.name === "__Host-qre_access" && c.secure), "Secure __Host- session cookie on http://127.0.0.1");

  await page.getByLabel("Gate").fill("North");
  await page.getByRole("button", { name: "Start scanning" }).click();
  const decoder = await page.evaluate(() => ("BarcodeDetector" in window ? "BarcodeDetector" : "zxing worker"));
  ctx.log(`decoding with ${decoder}`);

  const admitted = answer(page).filter({ hasText: "ADMITTED" });
  try {
    await admitted.waitFor({ timeout: 20_000 });
  } catch (err) {
    const video = await page.evaluate(() => {
      const v = document.querySelector("video");
      return v && { width: v.videoWidth, height: v.videoHeight, ready: v.readyState, paused: v.paused };
    });
    ctx.log(`camera video when nothing was read: ${JSON.stringify(video)}`);
    ctx.log(`scans sent: ${JSON.stringify(scanIds)}`);
    ctx.log(`screen: ${(await page.locator("main").innerText()).replace(/\s+/g, " ").slice(0, 300)}`);
    throw err;
  }
  await admitted.getByText(holder, { exact: true }).waitFor();
  await ctx.screenshot(page, "scanner-admitted");
  assert.equal(scanIds[0]?.gate, "North");
  assert.equal(scanIds[0]?.mode, "check_in");

  // The camera still shows the code: a code left in the picture is not
  // scanned again (no request, no count).
  await page.waitForTimeout(4000);
  assert.equal(scanIds.length, 1, "a code staying in the picture is scanned once");
  await page.getByText("Admitted: 1", { exact: true }).waitFor();

  // --- A handheld scanner: types into the focused field and presses Enter ------
  await page.getByRole("button", { name: "Camera" }).click();
  await page.getByText("Ready — scan a ticket with the handheld scanner").waitFor();
  await codeFieldHasFocus(page);
  // The same ticket again, on purpose: refused, with where it was first used.
  await page.keyboard.type(pub.code ?? s.ticketCode);
  await page.keyboard.press("Enter");
  const refused = answer(page).filter({ hasText: "REFUSED" }).filter({ hasText: "Already used" });
  await refused.getByText(/at gate North/).waitFor();
  await ctx.screenshot(page, "scanner-refused");
  assert.ok(scanIds.length === 2 && scanIds[0].scan_id !== scanIds[1].scan_id, "one scan id per physical scan");
  // A scan right behind a refusal waits until the red screen has been seen
  // (inserted at once: typing it would take longer than the wait).
  await codeFieldHasFocus(page);
  await page.keyboard.insertText(s.revokedCode);
  await page.keyboard.press("Enter");
  await refused.getByTestId("door-waiting").filter({ hasText: "1 scan waiting" }).waitFor();
  await answer(page).filter({ hasText: "REFUSED" }).filter({ hasText: "Cancelled ticket" }).waitFor();
  await codeFieldHasFocus(page);

  // --- Offline: the device decides, stores the decision, uploads it later --------
  ctx.expectConsoleError(/ERR_INTERNET_DISCONNECTED/);
  const synced = [];
  page.on("request", (req) => {
    if (req.method() === "POST" && req.url().endsWith("/door/sync")) synced.push(JSON.parse(req.postData() ?? "{}"));
  });
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByText("Ready — scan a ticket with the handheld scanner").waitFor();
  await page.context().setOffline(true);
  await page.getByRole("status").filter({ hasText: "Connection: Offline" }).waitFor();
  const before = scanIds.length;
  await page.keyboard.type(s.revokedCode);
  await page.keyboard.press("Enter");
  const offline = answer(page).filter({ hasText: "Cancelled ticket" });
  await offline.getByTestId("door-offline-label").filter({ hasText: "Offline decision" }).waitFor();
  assert.equal(scanIds.length, before, "decided on the device, without a request");
  await page.getByTestId("door-upload").filter({ hasText: "1 waiting to upload" }).waitFor();
  await ctx.screenshot(page, "scanner-offline");
  await page.context().setOffline(false);
  await page.getByTestId("door-upload").filter({ hasText: "All uploaded" }).waitFor({ timeout: 15_000 });
  await page.getByRole("status").filter({ hasText: "Connection: Online" }).waitFor();
  const uploaded = synced.flatMap((r) => r.scans ?? []);
  assert.equal(uploaded.length, 1, "the offline decision is uploaded once");
  assert.equal(uploaded[0].offline_result, "rejected");
  assert.equal(uploaded[0].offline_reason, "revoked");
  assert.equal(uploaded[0].gate, "North");

  // --- French -----------------------------------------------------------------
  await page.getByRole("combobox", { name: "Language" }).selectOption("fr");
  await page.getByText("Entrée North").waitFor();
  await page.getByText("Prêt — scannez un billet avec le lecteur").waitFor();
  await codeFieldHasFocus(page);
  await page.keyboard.type(s.revokedCode);
  await page.keyboard.press("Enter");
  await answer(page).filter({ hasText: "REFUSÉ" }).filter({ hasText: "Billet annulé" }).waitFor();
  await ctx.screenshot(page, "scanner-fr");

  const fr = await ctx.newPage({ ...PHONE });
  await fr.goto(`${ctx.baseUrl}${s.attendeePath}`);
  await fr.getByText(holder, { exact: true }).waitFor();
  await fr.getByRole("combobox", { name: "Language" }).selectOption("fr");
  await fr.getByText("Votre billet").waitFor();
  await fr.getByRole("link", { name: "Ajouter au calendrier" }).waitFor();
  await fr.waitForFunction(() => document.querySelector("img.ticket-qr")?.naturalWidth > 0);
  await ctx.screenshot(fr, "attendee-fr", { fullPage: true });
}
