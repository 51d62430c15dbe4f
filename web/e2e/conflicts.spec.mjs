// Door conflicts on the dashboard: two doors admit the same single-use ticket
// while offline; once both uploads reach the server, the Live view counts one
// conflict and the Conflicts tab shows both scans side by side.
/* global document -- functions passed to page.evaluate run in the browser */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { api, createEvent, issueTicket, register } from "./lib.mjs";

/** An owner, an event running now, one ticket, and two offline admissions of it synced. */
async function setup(page, baseUrl) {
  await register(page, baseUrl, { name: "Grace Hopper", prefix: "conflicts" });
  const event = await createEvent(page, { name: "Harbour Night" });
  const ticket = await issueTicket(page, event.id, { holder_name: "Ada Lovelace", category: "Crew" });
  const admit = (gate, secondsAgo) => ({
    scan_id: randomUUID(),
    code: ticket.code,
    mode: "check_in",
    gate,
    scanned_at: new Date(Date.now() - secondsAgo * 1000).toISOString(),
    offline_result: "admitted",
  });
  const sync = (scan) => api(page, "POST", `/api/v1/events/${event.id}/door/sync`, { device_id: randomUUID(), scans: [scan] });
  const first = await sync(admit("North", 120));
  const second = await sync(admit("South", 60));
  return { eventId: event.id, results: [first.results[0].result, second.results[0].result] };
}

export default async function conflicts(ctx) {
  const page = await ctx.newPage();
  const { eventId, results } = await setup(page, ctx.baseUrl);
  assert.deepEqual(results, ["admitted", "conflict"]);

  // --- Live: the count, prominent, with a way to the details --------------------
  await page.goto(`${ctx.baseUrl}/events/${eventId}/live`);
  const figure = page.getByTestId("live-conflicts");
  await figure.getByText("1", { exact: true }).waitFor();
  const alert = page.getByTestId("live-conflicts-alert");
  await alert.getByText("1 person was let in offline although the server would have refused them.").waitFor();
  await ctx.screenshot(page, "dashboard-live-conflicts");
  await alert.getByRole("link", { name: "Review the conflicts" }).click();
  await page.waitForURL(new RegExp(`/events/${eventId}/conflicts$`));
  // The title follows the route once the section has rendered.
  await page.waitForFunction((title) => document.title === title, "Conflicts – Harbour Night – QR Event");

  // --- Conflicts: both admissions side by side ------------------------------------
  await page.getByRole("heading", { level: 2, name: "Door conflicts" }).waitFor();
  const row = page.getByTestId("conflict");
  await row.first().waitFor();
  assert.equal(await row.count(), 1);
  await row.getByRole("heading", { level: 3, name: /Ada Lovelace/ }).waitFor();
  await row.getByText("Server’s answer: Already used").waitFor();
  const first = row.getByTestId("conflict-first");
  const second = row.getByTestId("conflict-second");
  await first.getByText("First admission").waitFor();
  await first.getByText("North", { exact: true }).waitFor();
  await second.getByText("Second admission").waitFor();
  await second.getByText("South", { exact: true }).waitFor();
  await second.getByText("Grace Hopper", { exact: true }).waitFor();
  assert.equal(await row.getByText("Offline", { exact: true }).count(), 2);
  await ctx.screenshot(page, "dashboard-conflicts", { fullPage: true });

  // The same in French.
  await page.getByRole("combobox", { name: "Language" }).selectOption("fr");
  await page.getByRole("heading", { level: 2, name: "Conflits à l’entrée" }).waitFor();
  await second.getByText("Seconde entrée").waitFor();
}
