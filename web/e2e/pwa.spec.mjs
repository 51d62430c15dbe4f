// The installable app: manifest and icons, precompressed assets, and the
// service worker that lets the attendee's ticket and the door scanner open
// again with no network once they have been opened.
import assert from "node:assert/strict";
import { createEvent, issueTicket, PHONE, register, swActivated } from "./lib.mjs";

/** A user, an event running now and one ticket, through the API (cookies stay in the page's context). */
async function setup(page, baseUrl) {
  await register(page, baseUrl, { name: "Pwa Tester", prefix: "pwa" });
  const event = await createEvent(page, { name: "Offline Fair" });
  const ticket = await issueTicket(page, event.id, { holder_name: "Lise Meitner", category: "Press" });
  return { eventId: event.id, attendeePath: ticket.attendee_path };
}

export const tests = [
  {
    name: "manifest, icons and precompressed assets",
    async run(ctx) {
      const res = await fetch(`${ctx.baseUrl}/manifest.webmanifest`);
      assert.equal(res.status, 200);
      const manifest = await res.json();
      assert.equal(manifest.start_url, "/");
      assert.equal(manifest.display, "standalone");
      for (const icon of manifest.icons) {
        const got = await fetch(`${ctx.baseUrl}${icon.src}`);
        assert.equal(got.status, 200, icon.src);
        assert.equal(got.headers.get("content-type")?.split(";")[0], icon.type, icon.src);
      }
      const sw = await fetch(`${ctx.baseUrl}/sw.js`);
      assert.equal(sw.status, 200);
      assert.match(sw.headers.get("content-type") ?? "", /javascript/);
      const source = await sw.text();
      assert.match(source, /const MANIFEST = \{"version":"[0-9a-f]{16}","files":\[.*"\/index\.html"/);
      const html = await (await fetch(`${ctx.baseUrl}/`)).text();
      assert.match(html, /<link rel="manifest" href="\/manifest\.webmanifest"/);
      const script = /src="(\/assets\/index-[^"]+\.js)"/.exec(html)?.[1];
      assert.ok(script, "the shell names its entry script");
      assert.ok(source.includes(`"${script}"`), "the entry script is precached");
      // The siblings exist; serving them by Accept-Encoding is the server's part.
      ctx.state.pwaEntry = script;
    },
  },
  {
    name: "attendee page opens again offline",
    async run(ctx) {
      const setupPage = await ctx.newPage();
      const data = await setup(setupPage, ctx.baseUrl);
      Object.assign(ctx.state, { pwa: data });
      const page = await ctx.newPage({ ...PHONE });
      await page.goto(`${ctx.baseUrl}${data.attendeePath}`);
      await page.getByRole("heading", { level: 1, name: "Offline Fair" }).waitFor();
      await swActivated(page);
      // The attendee page never asks who is signed in.
      const asked = [];
      page.on("request", (r) => r.url().includes("/api/v1/auth/") && asked.push(r.url()));
      await page.reload();
      await page.getByRole("heading", { level: 1, name: "Offline Fair" }).waitFor();
      assert.deepEqual(asked, [], "no /auth/* request from the attendee page");

      ctx.expectConsoleError(/ERR_INTERNET_DISCONNECTED|Failed to load resource/);
      await page.context().setOffline(true);
      const res = await page.reload();
      assert.ok(res?.fromServiceWorker(), "the page came from the service worker");
      // The shell and the code from the service worker's cache, the ticket from the page's own copy.
      await page.getByTestId("attendee-saved-copy").waitFor();
      await page.getByRole("heading", { level: 1, name: "Offline Fair" }).waitFor();
      await page.getByText("Lise Meitner", { exact: true }).waitFor();
      await ctx.screenshot(page, "attendee-offline-reload");
      await page.context().setOffline(false);
    },
  },
  {
    name: "door scanner opens again offline, signed in",
    async run(ctx) {
      const page = await ctx.newPage({ ...PHONE });
      const { eventId } = await setup(page, ctx.baseUrl);
      await page.goto(`${ctx.baseUrl}/scan/${eventId}`);
      await page.waitForURL(new RegExp(`/scan/${eventId}$`));
      await page.locator("#root main, #root [class^=door]").first().waitFor();
      await swActivated(page);

      ctx.expectConsoleError(/ERR_INTERNET_DISCONNECTED|Failed to load resource/);
      await page.context().setOffline(true);
      const res = await page.reload();
      assert.ok(res?.fromServiceWorker(), "the page came from the service worker");
      // Not sent to the sign-in page: the scanner works without the server.
      await page.locator("#root main, #root [class^=door]").first().waitFor();
      assert.match(new URL(page.url()).pathname, new RegExp(`^/scan/${eventId}$`));
      assert.equal(await page.getByRole("button", { name: "Sign in" }).count(), 0);
      await ctx.screenshot(page, "scanner-offline-reload");
      await page.context().setOffline(false);
    },
  },
];
