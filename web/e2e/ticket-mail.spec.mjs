// Tickets by e-mail, as an organiser sees them, through a real SMTP server
// (aiosmtpd writing to a maildir): issue tickets with addresses (and one
// without), press "E-mail unsent tickets", watch the list's E-mail column
// turn to "Sent" by itself, open a ticket and find it sent with "Send by
// e-mail" disabled; the SMTP server received one message per ticket.
// Runs its own server (the shared one has no SMTP settings), on a port
// chosen here so that its public URL — required with SMTP — is its own.
// Screenshots: ticket-mail-{list,card}-{desktop,phone}.
/* global window */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer, connect } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "./harness.mjs";
import { createEvent, issueTicket, PHONE, register } from "./lib.mjs";

const WEB = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const PYTHON = process.env.QR_EVENT_TEST_PYTHON || "/usr/bin/python3";
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => ok(port));
    });
  });
}

async function listening(port, ms = 10_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const up = await new Promise((ok) => {
      const s = connect(port, "127.0.0.1", () => s.end(() => ok(true)));
      s.once("error", () => ok(false));
    });
    if (up) return;
    await sleep(50);
  }
  throw new Error(`nothing listens on 127.0.0.1:${port}`);
}

/** aiosmtpd on a free port, keeping every message in `dir`'s maildir; null when not installed (outside CI). */
async function startSmtpSink(dir) {
  if (spawnSync(PYTHON, ["-c", "import aiosmtpd"]).status !== 0) {
    assert.notEqual(process.env.CI, "true", "CI=true but aiosmtpd is not installed (apt install python3-aiosmtpd)");
    return null;
  }
  const port = await freePort();
  const child = spawn(PYTHON, ["-m", "aiosmtpd", "-n", "-l", `127.0.0.1:${port}`, "-c", "aiosmtpd.handlers.Mailbox", dir], {
    stdio: "ignore",
  });
  await listening(port);
  return {
    port,
    /** The ticket messages received so far (not the organiser's address check). */
    tickets() {
      let files;
      try {
        files = readdirSync(join(dir, "new"));
      } catch {
        return [];
      }
      return files.map((f) => readFileSync(join(dir, "new", f), "utf8")).filter((m) => m.includes("Message-ID: <ticket-"));
    },
    stop: () => new Promise((ok) => (child.exitCode !== null ? ok() : (child.once("exit", ok), child.kill("SIGTERM")))),
  };
}

/** Screenshot of one card of the page, with a margin, at the current viewport. */
async function cardShot(ctx, page, card, name) {
  await card.scrollIntoViewIfNeeded();
  const box = await card.boundingBox();
  const size = page.viewportSize();
  const x = Math.max(0, box.x - 12);
  const y = Math.max(0, box.y - 12);
  const clip = { x, y, width: Math.min(size.width - x, box.width + 24), height: Math.min(size.height - y, box.height + 24) };
  await ctx.screenshot(page, name, { clip });
}

export default async function ticketMail(ctx) {
  const tmp = mkdtempSync(join(tmpdir(), "qre-e2e-mail-"));
  const sink = await startSmtpSink(join(tmp, "maildir"));
  if (!sink) {
    ctx.log("aiosmtpd not installed: skipped");
    rmSync(tmp, { recursive: true, force: true });
    return;
  }
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const errors = [];
  const server = startServer({
    webDir: join(WEB, "dist"),
    dataDir: join(tmp, "server"),
    bind: `127.0.0.1:${port}`,
    args: [
      "--smtp-url",
      `smtp://127.0.0.1:${sink.port}`,
      "--mail-from",
      "QR Event <tickets@example.org>",
      "--public-url",
      baseUrl,
      "--mail-per-minute",
      "6000",
    ],
    onLine: (line) => /"level":"ERROR"/.test(line) && errors.push(line.slice(0, 400)),
  });
  try {
    await server.url;
    await run(ctx, baseUrl, sink);
    assert.deepEqual(errors, [], "no error in the mail server's log");
  } finally {
    await server.stop();
    await sink.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function run(ctx, baseUrl, sink) {
  const page = await ctx.newPage({ locale: "en-US", viewport: { width: 1280, height: 900 } });
  await register(page, baseUrl, { name: "Mia Mailer", prefix: "mailer" });
  const event = await createEvent(page, { name: "Autumn Ball", venue: "Salle Gaveau, Paris" });
  const people = [
    ["Ada Lovelace", "ada@example.org"],
    ["Grace Hopper", "grace@example.org"],
    ["Katherine Johnson", "katherine@example.org"],
    ["Walk-in Guest", null],
  ];
  for (const [holder_name, holder_email] of people) {
    await issueTicket(page, event.id, { holder_name, ...(holder_email ? { holder_email } : {}), category: "Guest" });
  }

  // Nothing sent yet: the list has no E-mail column.
  await page.goto(`${baseUrl}/events/${event.id}/tickets`);
  const table = page.getByRole("table", { name: "Tickets" });
  await table.getByRole("row", { name: /Ada Lovelace/ }).waitFor();
  assert.equal(await table.getByRole("columnheader", { name: "E-mail" }).count(), 0, "no E-mail column before any delivery");

  await page.getByRole("button", { name: "E-mail unsent tickets" }).click();
  await page.getByText("3 tickets queued for e-mail; 1 without an address.").waitFor();
  await table.getByRole("columnheader", { name: "E-mail" }).waitFor();
  // The column turns to "Sent" by itself (the page asks again while some are queued).
  for (const [name, address] of people) {
    const cell = table.getByRole("row", { name: new RegExp(name) }).locator("td[data-mail]");
    if (address) {
      await cell.and(page.locator('[data-mail="sent"]')).waitFor({ timeout: 30_000 });
      assert.match(await cell.innerText(), /Sent/);
      assert.match(await cell.locator("[title]").getAttribute("title"), /^Sent on /, "the time on hover");
    } else {
      assert.equal(await cell.getAttribute("data-mail"), "no_address");
      assert.match(await cell.innerText(), /No address/);
    }
  }

  // One message per ticket with an address reached the SMTP server, no more.
  const until = Date.now() + 15_000;
  while (sink.tickets().length < 3 && Date.now() < until) await sleep(100);
  await sleep(300);
  const messages = sink.tickets();
  assert.equal(messages.length, 3, "three ticket messages");
  for (const [, address] of people.filter(([, a]) => a)) {
    assert.equal(messages.filter((m) => m.includes(`To: ${address}`)).length, 1, `one message to ${address}`);
  }

  // A ticket issued afterwards is "Not sent" (the column stays: the event has deliveries).
  await issueTicket(page, event.id, { holder_name: "Late Arrival", holder_email: "late@example.org", category: "Guest" });
  await page.reload();
  const late = table.getByRole("row", { name: /Late Arrival/ }).locator("td[data-mail]");
  await late.and(page.locator('[data-mail="unsent"]')).waitFor();
  assert.match(await late.innerText(), /Not sent/);
  await table.getByRole("row", { name: /Ada Lovelace/ }).locator('[data-mail="sent"]').waitFor();

  await ctx.screenshot(page, "ticket-mail-list-desktop", { fullPage: true });
  // On a phone each row is a card: the first three (not sent, no address, sent).
  await page.setViewportSize(PHONE.viewport);
  await page.evaluate(() => window.scrollTo(0, 0));
  const top = await table.getByRole("row", { name: /Late Arrival/ }).boundingBox();
  const bottom = await table.getByRole("row", { name: /Katherine Johnson/ }).boundingBox();
  const clip = { x: 0, y: top.y - 8, width: PHONE.viewport.width, height: bottom.y + bottom.height - top.y + 16 };
  await ctx.screenshot(page, "ticket-mail-list-phone", { fullPage: true, clip });
  await page.setViewportSize({ width: 1280, height: 900 });

  // The ticket page: sent, with its time; sending again is not offered.
  await table.getByRole("link", { name: "Grace Hopper", exact: true }).click();
  await page.getByRole("heading", { level: 2, name: "Grace Hopper" }).waitFor();
  const card = page.getByRole("region", { name: "E-mail" });
  await card.locator('[data-mail="sent"]').waitFor();
  assert.match(await card.innerText(), /Sent on /);
  assert.equal(await card.getByRole("button", { name: "Send by e-mail" }).isDisabled(), true, "Send by e-mail is disabled");
  await cardShot(ctx, page, card, "ticket-mail-card-desktop");
  await page.setViewportSize(PHONE.viewport);
  await cardShot(ctx, page, card, "ticket-mail-card-phone");
}
