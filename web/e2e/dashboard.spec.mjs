// The organizer's dashboard, driven like a person would: register, create an
// event, issue and revoke tickets, check a CSV file (one bad row) and import
// a good one, invite a scanner (who accepts the link on a phone), watch the
// live view (a scan shows up there, pushed, without a reload), read the audit
// trail.
// Runs first (alphabetical order) and leaves in ctx.state what the door spec
// needs: { email, password, eventId, ticketId, ticketCode, attendeePath,
// revokedCode, revokedAttendeePath }.
/* global document, window */
import assert from "node:assert/strict";
import { api, PHONE } from "./lib.mjs";

const ZONE = "Europe/Paris";
const MINUTE = 60_000;

/** The wall-clock time of an instant in a zone, as a datetime-local input wants it. */
function wallClock(ms, timeZone) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(new Date(ms));
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** Opens a ticket's page from a link and reads what it shows: id, code, attendee link. */
async function readTicketPage(page, holder) {
  await page.getByRole("heading", { level: 2, name: holder }).waitFor();
  const ticketId = page.url().split("/tickets/")[1].split(/[?#]/)[0];
  const code = await page.getByLabel("Code inside the QR").inputValue();
  const link = await page.getByLabel("Link to the attendee’s ticket page").inputValue();
  assert.match(code, /^QRE1:/, "the ticket page shows the code inside the QR");
  assert.ok(link.startsWith(`${new URL(page.url()).origin}/t/`), `attendee link on this site: ${link}`);
  return { ticketId, code, attendeePath: new URL(link).pathname };
}

export default async function dashboard(ctx) {
  const { baseUrl } = ctx;
  const email = `organizer-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}@example.org`;
  const password = "a long enough passphrase";
  const page = await ctx.newPage({ locale: "en-US", viewport: { width: 1280, height: 900 } });

  // --- Register ---------------------------------------------------------------
  await page.goto(`${baseUrl}/register`);
  await page.getByLabel("Your name").fill("Olive Organizer");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create an account" }).click();
  await page.getByRole("heading", { level: 1, name: "Events" }).waitFor();
  await page.getByText("You have no events yet.").waitFor();
  ctx.log(`registered ${email}`);

  // --- Create an event running now, in Paris time --------------------------------
  await page.getByRole("link", { name: "New event" }).click();
  await page.getByRole("heading", { level: 1, name: "New event" }).waitFor();
  const startMs = Math.floor((Date.now() - 60 * MINUTE) / MINUTE) * MINUTE;
  const endMs = startMs + 6 * 60 * MINUTE;
  await page.getByLabel("Event name").fill("Spring Gala");
  await page.getByLabel("Time zone").selectOption(ZONE);
  await page.getByLabel("Starts").fill(wallClock(startMs, ZONE));
  await page.getByLabel("Ends").fill(wallClock(endMs, ZONE));
  await page.getByLabel("Venue").fill("Salle Pleyel, Paris");
  await page.getByRole("button", { name: "Create the event" }).click();
  await page.getByRole("heading", { level: 1, name: "Spring Gala" }).waitFor();
  await page.waitForURL(/\/events\/[0-9a-f-]{36}\/tickets$/);
  const eventId = page.url().match(/\/events\/([0-9a-f-]{36})\//)[1];
  // The wall-clock times were read in Paris time and sent as UTC instants.
  const event = await api(page, "GET", `/api/v1/events/${eventId}`);
  assert.equal(Date.parse(event.starts_at), startMs, `starts_at ${event.starts_at}`);
  assert.equal(Date.parse(event.ends_at), endMs, `ends_at ${event.ends_at}`);
  assert.equal(event.timezone, ZONE);
  ctx.log(`event ${eventId}`);

  // --- The events list ------------------------------------------------------------
  await page.getByRole("link", { name: "← Events" }).click();
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Spring Gala" }) });
  await card.getByText("Salle Pleyel, Paris").waitFor();
  await card.getByText("Owner").waitFor();
  assert.equal(await card.getByRole("link", { name: /^Scanner/ }).getAttribute("href"), `/scan/${eventId}`);
  await ctx.screenshot(page, "events");
  await card.getByRole("link", { name: "Spring Gala", exact: true }).click();
  await page.getByRole("heading", { level: 2, name: "Tickets" }).waitFor();
  await page.getByText("No tickets yet.").waitFor();

  // --- Issue two tickets, one at a time ------------------------------------------------
  await page.getByRole("link", { name: "Add tickets" }).click();
  const one = page.getByRole("region", { name: "Issue one ticket" });
  await one.getByLabel("Holder’s name").fill("Ada Lovelace");
  await one.getByLabel("Holder’s e-mail (optional)").fill("ada@example.org");
  await one.getByLabel("Category (optional)").fill("VIP");
  await one.getByRole("button", { name: "Issue the ticket" }).click();
  await one.getByText("Ticket issued for Ada Lovelace.").waitFor();
  assert.equal(await one.getByLabel("Holder’s name").inputValue(), "", "the form is ready for the next ticket");

  await one.getByLabel("Holder’s name").fill("Revoked Person");
  await one.getByLabel("Category (optional)").fill("General");
  await one.getByRole("button", { name: "Issue the ticket" }).click();
  await one.getByRole("link", { name: "Open the ticket of Revoked Person" }).click();
  const revoked = await readTicketPage(page, "Revoked Person");

  await page.getByRole("link", { name: "← All tickets" }).click();
  await page.getByRole("link", { name: "Ada Lovelace", exact: true }).click();
  const ada = await readTicketPage(page, "Ada Lovelace");
  await page.getByRole("button", { name: "Show the QR code" }).click();
  const qr = page.getByRole("img", { name: "QR code of the ticket of Ada Lovelace" });
  await qr.waitFor();
  assert.match(await qr.getAttribute("src"), /^blob:/, "the QR preview is a blob: URL (CSP-safe)");

  // --- Revoke the second one from the list, with confirmation -----------------------------
  await page.getByRole("link", { name: "← All tickets" }).click();
  const row = page.getByRole("row").filter({ hasText: "Revoked Person" });
  await row.getByRole("button", { name: "Revoke – Revoked Person" }).click();
  const dialog = page.getByRole("dialog", { name: "Revoke the ticket of Revoked Person?" });
  await dialog.getByRole("button", { name: "Revoke" }).click();
  await page.getByText("The ticket of Revoked Person is revoked.").waitFor();
  await row.getByText("Revoked", { exact: true }).waitFor();
  assert.equal(await row.getByRole("button", { name: /^Revoke/ }).count(), 0, "no revoke button on a revoked ticket");
  const adaRow = page.getByRole("row").filter({ hasText: "Ada Lovelace" });
  await adaRow.getByText("Active", { exact: true }).waitFor();
  await adaRow.getByText("0 of 1").waitFor();
  await ctx.screenshot(page, "event-tickets");
  const [exported] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export CSV" }).click()]);
  assert.equal(exported.suggestedFilename(), `tickets-${eventId}.csv`);
  const { readFile } = await import("node:fs/promises");
  const exportedCsv = await readFile(await exported.path(), "utf8");
  assert.match(exportedCsv, /Ada Lovelace/);
  assert.ok(exportedCsv.includes(ada.code), "the export carries the codes for an owner");

  // --- CSV: a dry run that finds an empty holder_name on line 3, then a clean import ---------
  await page.getByRole("link", { name: "Add tickets" }).click();
  const csv = page.getByRole("region", { name: "Import from a CSV file" });
  const bad = "holder_name,holder_email,category,max_uses\nGrace Hopper,grace@example.org,Speaker,1\n,nobody@example.org,Guest,1\nAlan Turing,alan@example.org,Speaker,two\n";
  await csv.getByLabel("CSV file").setInputFiles({ name: "guests.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  await csv.getByRole("button", { name: "Check the file" }).click();
  const report = csv.getByRole("table", { name: "Problems found, line by line" });
  await report.waitFor();
  const line3 = report.getByRole("rowgroup").filter({ has: page.getByRole("rowheader", { name: "3", exact: true }) });
  await line3.getByRole("cell", { name: "holder_name" }).waitFor();
  await line3.getByRole("cell", { name: "Required." }).waitFor();
  const line4 = report.getByRole("rowgroup").filter({ has: page.getByRole("rowheader", { name: "4", exact: true }) });
  await line4.getByRole("cell", { name: "max_uses" }).waitFor();
  await csv.getByText("3 rows read. 2 lines have problems.").waitFor();
  assert.equal(await csv.getByRole("button", { name: /^Import/ }).count(), 0, "no import while a line is wrong");
  await csv.scrollIntoViewIfNeeded();
  await ctx.screenshot(page, "csv-dry-run");

  const good = "holder_name;holder_email;category\nGrace Hopper;grace@example.org;Speaker\nAlan Turing;alan@example.org;Speaker\nKatherine Johnson;;Speaker\n";
  await csv.getByLabel("CSV file").setInputFiles({ name: "guests-fixed.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
  await csv.getByRole("button", { name: "Check the file" }).click();
  await csv.getByText("3 rows read. No problems found: ready to import.").waitFor();
  await csv.getByRole("button", { name: "Import 3 tickets" }).click();
  await csv.getByText("3 tickets imported.").waitFor();

  // --- Bulk issue: 40 day passes ------------------------------------------------------
  const many = page.getByRole("region", { name: "Bulk issue" });
  await many.getByLabel("Number of tickets").fill("40");
  await many.getByLabel("Category (optional)").fill("Day pass");
  await many.getByRole("button", { name: "Issue the tickets" }).click();
  await many.getByText("40 tickets issued.").waitFor();

  // --- Staff: invite a scanner who has no account yet. Inviting grants nothing: the
  // organizer gets a one-time link (no mail server here, so it is not e-mailed) and
  // the person opens it on their phone, creates an account and accepts ----------------
  await page.getByRole("link", { name: "Staff" }).click();
  const members = page.getByRole("table", { name: "Members" });
  await members.getByRole("row").filter({ hasText: email }).waitFor();
  const invite = page.getByRole("region", { name: "Invite someone" });
  const scannerEmail = `scanner-${Date.now().toString(36)}@example.org`;
  await invite.getByLabel("E-mail").fill(scannerEmail);
  await invite.getByLabel("Role").selectOption("scanner");
  await invite.getByRole("button", { name: "Invite" }).click();
  const linkPanel = page.getByRole("region", { name: `Invitation for ${scannerEmail}` });
  await linkPanel.getByText(`${scannerEmail} is invited as Scanner.`).waitFor();
  await linkPanel.getByText(`No e-mail was sent: pass this link on to ${scannerEmail} yourself`).waitFor();
  await linkPanel.getByText(/^It works once, for 7 days/).waitFor();
  const inviteLink = await linkPanel.getByLabel("Invitation link").inputValue();
  assert.match(inviteLink, new RegExp(`^${new URL(page.url()).origin}/invite#[A-Za-z0-9._~-]{8,}$`), `an absolute invitation link: ${inviteLink}`);
  const invitations = page.getByRole("table", { name: "Invitations" });
  await invitations.getByRole("row").filter({ hasText: scannerEmail }).getByText("Waiting").waitFor();
  assert.equal(await members.getByRole("row").filter({ hasText: scannerEmail }).count(), 0, "an invitation grants nothing by itself");
  await linkPanel.scrollIntoViewIfNeeded();
  await ctx.screenshot(page, "staff-invite-link");

  const phone = await ctx.newPage({ ...PHONE, locale: "en-US" });
  await phone.goto(inviteLink);
  await phone.getByText("You are invited to join the staff of an event.").waitFor();
  assert.equal(new URL(phone.url()).hash, "", "the token leaves the address bar at once");
  await ctx.screenshot(phone, "invite-signed-out");
  await phone.getByRole("link", { name: "Create an account" }).click();
  await phone.getByRole("heading", { level: 1, name: "Create an account" }).waitFor();
  await phone.getByLabel("Your name").fill("Sam Scanner");
  await phone.getByLabel("E-mail").fill(scannerEmail);
  await phone.getByLabel("Password").fill(password);
  await phone.getByRole("button", { name: "Create an account" }).click();
  // Back on the invitation, signed in: accepting is a click, with the account named.
  await phone.getByText(`You are signed in as ${scannerEmail}.`).waitFor();
  await phone.getByRole("button", { name: "Accept the invitation" }).click();
  await phone.getByText("You are now Scanner of “Spring Gala”.").waitFor();
  await ctx.screenshot(phone, "invite-accepted");
  await phone.getByRole("link", { name: "Open the event" }).click();
  await phone.getByRole("heading", { level: 1, name: "Spring Gala" }).waitFor();
  await phone.getByText("Your role: Scanner").waitFor();
  // The link works once.
  ctx.expectConsoleError(/status of 400/);
  await phone.goto(inviteLink);
  await phone.getByRole("button", { name: "Accept the invitation" }).click();
  await phone.getByText("This invitation link cannot be used: it was already used, has expired or was withdrawn.").waitFor();
  await phone.context().close();

  await page.reload();
  await members.getByRole("row").filter({ hasText: scannerEmail }).waitFor();
  assert.equal(await members.getByLabel("Role of Sam Scanner").inputValue(), "scanner");
  await invitations.getByRole("row").filter({ hasText: scannerEmail }).getByText("Accepted", { exact: true }).waitFor();
  assert.equal(await invitations.getByRole("button", { name: `Withdraw – ${scannerEmail}` }).count(), 0, "an accepted invitation cannot be withdrawn");

  // A pending invitation can be withdrawn: its link stops working.
  const otherEmail = `manager-${Date.now().toString(36)}@example.org`;
  await invite.getByLabel("E-mail").fill(otherEmail);
  await invite.getByLabel("Role").selectOption("manager");
  await invite.getByRole("button", { name: "Invite" }).click();
  await page.getByRole("region", { name: `Invitation for ${otherEmail}` }).getByRole("button", { name: "Close" }).click();
  await invitations.getByRole("button", { name: `Withdraw – ${otherEmail}` }).click();
  await page.getByRole("dialog", { name: `Withdraw the invitation for ${otherEmail}?` }).getByRole("button", { name: "Withdraw" }).click();
  await page.getByText(`The invitation for ${otherEmail} was withdrawn.`).waitFor();
  await invitations.getByRole("row").filter({ hasText: otherEmail }).getByText("Withdrawn").waitFor();

  // --- Settings: deleting an event with tickets is refused, with the way out -------------------
  ctx.expectConsoleError(/status of 409/);
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("button", { name: "Delete this event" }).click();
  await page.getByRole("dialog", { name: "Delete “Spring Gala”?" }).getByRole("button", { name: "Delete this event" }).click();
  await page.getByText("This event has tickets, so it cannot be deleted. Archive it instead.").waitFor();
  await page.getByRole("button", { name: "Archive it instead" }).waitFor();

  // --- Live: door traffic arrives from scanners (simulated here through the API: the
  // scanner page is the door spec's subject); Ada's ticket is kept unused for it ----------
  const page1 = await api(page, "GET", `/api/v1/events/${eventId}/tickets?limit=100&status=active`);
  const passes = page1.items.filter((t) => t.category === "Day pass").slice(0, 18);
  const scans = await page.evaluate(
    async ({ eventId, codes, revokedCode }) => {
      const csrf = decodeURIComponent(document.cookie.split("; ").find((c) => c.split("=")[0].endsWith("csrf")).split("=")[1]);
      const scan = async (code, gate) => {
        const res = await fetch(`/api/v1/events/${eventId}/scan`, {
          method: "POST",
          headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
          body: JSON.stringify({ code, mode: "check_in", gate, scan_id: crypto.randomUUID() }),
        });
        return (await res.json()).result;
      };
      const results = [];
      for (const [i, code] of codes.entries()) results.push(await scan(code, i % 3 === 0 ? "North" : "Main"));
      results.push(await scan(codes[0], "Main")); // a second use: already_used
      results.push(await scan(revokedCode, "North"));
      results.push(await scan("QRE1:NOTAREALCODE", "Main"));
      return results;
    },
    { eventId, codes: passes.map((t) => t.code), revokedCode: revoked.code },
  );
  assert.equal(scans.filter((r) => r === "admitted").length, passes.length);
  // The figures are pushed (GET …/live, server-sent events), not polled (GET …/stats).
  const asked = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (/\/(live|stats)$/.test(url.pathname)) asked.push(`${url.pathname.split("/").pop()}${url.search}`);
  });
  const liveOpened = Date.now();
  await page.getByRole("link", { name: "Live" }).click();
  await page.getByRole("heading", { level: 2, name: "Live" }).waitFor();
  const peopleIn = page.locator(".figure").filter({ hasText: "People in" });
  await peopleIn.getByText(String(passes.length), { exact: true }).waitFor();
  await page.getByText(`People in: ${passes.length} of 44 valid tickets`).waitFor();
  const refusals = page.getByRole("region", { name: "Refusals by reason" });
  for (const reason of ["Already used", "Revoked", "Not a valid code"]) await refusals.getByRole("rowheader", { name: reason }).waitFor();
  await page.getByRole("region", { name: "Admissions by gate" }).getByRole("rowheader", { name: "North" }).waitFor();
  await page.getByRole("img", { name: /Admissions per minute/ }).waitFor();
  await page.getByText(/live: figures sent as they change/).waitFor();
  // A scan at the door shows up within seconds, without a reload.
  const next = page1.items.filter((t) => t.category === "Day pass")[passes.length];
  const scanned = await api(page, "POST", `/api/v1/events/${eventId}/scan`, { code: next.code, mode: "check_in", gate: "North", scan_id: crypto.randomUUID() });
  assert.equal(scanned.result, "admitted");
  const pushedWithin = { timeout: 5_000 };
  await peopleIn.getByText(String(passes.length + 1), { exact: true }).waitFor(pushedWithin);
  await page.getByText(`People in: ${passes.length + 1} of 44 valid tickets`).waitFor(pushedWithin);
  // Longer than a polling round: still one stream, and no GET …/stats.
  await page.waitForTimeout(Math.max(0, liveOpened + 6_000 - Date.now()));
  await page.getByText(/live: figures sent as they change/).waitFor();
  assert.deepEqual(asked, ["live?minutes=120"], "one stream, no polling, while the figures are pushed");
  await ctx.screenshot(page, "live", { fullPage: true });
  // An expired access token: the new stream is refused (401, EventSource gives up);
  // the app asks once through its API client, which renews the session, then streams again.
  ctx.expectConsoleError(/status of 401 .*\/events\/[0-9a-f-]{36}\/(live|stats|devices)\b/);
  const access = (await page.context().cookies()).find((c) => c.name.endsWith("qre_access"));
  await page.context().clearCookies({ name: access.name });
  asked.length = 0;
  await page.getByRole("button", { name: "Pause updates" }).click();
  await page.getByText(/updates paused/).waitFor();
  await page.getByRole("button", { name: "Resume updates" }).click();
  await page.getByText(/live: figures sent as they change/).waitFor();
  assert.match(asked.join(" "), /^live\?minutes=120 (stats\?minutes=120 ){1,2}live\?minutes=120$/, "refused stream, one question through the client, a new stream");
  // Where there is no EventSource, the same figures are polled.
  const polled = await page.context().newPage();
  await polled.addInitScript(() => delete window.EventSource);
  await polled.goto(`${baseUrl}/events/${eventId}/live`);
  await polled.getByText(/refreshes every 5 s/).waitFor();
  await polled.getByText(`People in: ${passes.length + 1} of 44 valid tickets`).waitFor();
  await polled.close();

  // --- Audit: the trail, its seal status, a filter ---------------------------------------
  await page.getByRole("link", { name: "Audit" }).click();
  await page.getByRole("heading", { level: 2, name: "Audit" }).waitFor();
  await page.getByText("Intact", { exact: true }).waitFor();
  const auditTable = page.getByRole("table", { name: "Audit" });
  await auditTable.getByRole("rowheader", { name: /Ticket revoked/ }).waitFor();
  await auditTable.getByRole("rowheader", { name: /Check-in scan/ }).first().waitFor();
  await ctx.screenshot(page, "audit");
  await page.getByLabel("Action").selectOption("ticket.revoked");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await page.getByText("1 entry shown.").waitFor();
  assert.equal(await auditTable.getByRole("rowheader").count(), 1);

  Object.assign(ctx.state, {
    email,
    password,
    eventId,
    ticketId: ada.ticketId,
    ticketCode: ada.code,
    attendeePath: ada.attendeePath,
    revokedCode: revoked.code,
    revokedAttendeePath: revoked.attendeePath,
  });
  await page.context().close();
}
