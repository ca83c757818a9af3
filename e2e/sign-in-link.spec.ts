import { request as httpRequest } from "node:http";
import { expect, test, type Page } from "@playwright/test";
import { ClustersPage } from "./pages";
import { e2eSandbox } from "./support/sandbox-helpers";

/** The sign-in link exactly as `npm start` printed it (scripts/start.ts records the same string in sandbox.json). */
function printedLink(): string {
  const link = e2eSandbox().console?.link;
  expect(link, "scripts/start.ts records the printed sign-in link in sandbox.json").toBeTruthy();
  return link!;
}

/** GET from another loopback address (the console sees 127.0.0.2 as the client), with the headers given. */
function getFrom(localAddress: string, url: string, headers: Record<string, string> = {}): Promise<{ status: number; location?: string; setCookie?: string[] }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { localAddress, headers }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, setCookie: res.headers["set-cookie"] }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** Every CSP violation the page reports, from Chromium's console and from the DOM's own event. */
async function watchCsp(page: Page) {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect|frame)/i.test(message.text())) violations.push(message.text());
  });
  page.on("pageerror", (error) => violations.push(`pageerror: ${error.message}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  return violations;
}

test("the link npm start prints signs in, on the host the browser used, and lands on Clusters", async ({ page, request }) => {
  const link = printedLink();
  const { url } = e2eSandbox().console!;
  expect(link.startsWith(`${url}/auth?token=`)).toBe(true);
  // The redirect names a path, not Next's idea of the host (it calls 127.0.0.1 "localhost").
  const answer = await request.get(link, { maxRedirects: 0 });
  expect([303, 307]).toContain(answer.status());
  expect(answer.headers().location).toBe("/clusters");

  await page.goto(link);
  await expect(page).toHaveURL(`${url}/clusters`);
  const clusters = new ClustersPage(page);
  await expect(clusters.heading).toBeVisible();
  // The card's facts, not the card: while the probe streams in, its loading shell and the card are both in the DOM.
  await expect(clusters.card("vnode-sandbox").kubernetesVersion).toHaveText(/^v1\./);
  await expect(clusters.signOutButton).toBeVisible();
  expect(page.url()).not.toContain("token=");
});

test("every response has the security headers, and the Clusters page hydrates under the CSP without violations", async ({ page, request }) => {
  const violations = await watchCsp(page);
  await page.goto(printedLink());
  const response = await page.goto("/clusters");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).not.toContain("unsafe-inline");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  // The streamed cluster card replaced its fallback (an inline script did that), and the client router works.
  await expect(new ClustersPage(page).card("vnode-sandbox").kubernetesVersion).toHaveText(/^v1\./);
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Activity" }).click();
  await expect(page).toHaveURL(/\/activity$/);
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
  await page.goto("/clusters/vnode-sandbox/virtual-nodes");
  await expect(page.getByTestId("stream-health")).toHaveAttribute("data-state", "live");
  expect(violations).toEqual([]);

  // Also on the sign-in page, a redirect, an API refusal and a static file.
  const login = await request.get("/login");
  expect(login.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  const redirect = await request.get("/clusters", { maxRedirects: 0, headers: { cookie: "" } });
  expect(redirect.headers()["x-content-type-options"]).toBe("nosniff");
  const api = await request.get("/api/session", { headers: { cookie: "" } });
  expect(api.headers()["referrer-policy"]).toBe("same-origin");
  const asset = /\/_next\/static\/[^"']+\.js/.exec(await login.text())![0];
  expect((await request.get(asset)).headers()["x-content-type-options"]).toBe("nosniff");
});

test("sign-out revokes the session on the server: a copied cookie stops working", async ({ page, browser }) => {
  await page.goto(printedLink());
  await expect(page).toHaveURL(/\/clusters$/);
  const copied = (await page.context().cookies()).filter((c) => c.name === "vnode_session");
  expect(copied).toHaveLength(1);
  const thief = await browser.newContext();
  await thief.addCookies(copied);
  const stolen = await thief.newPage();
  await stolen.goto("/clusters");
  await expect(stolen).toHaveURL(/\/clusters$/);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);

  await stolen.goto("/clusters");
  await expect(stolen).toHaveURL(/\/login\?next=%2Fclusters$/);
  expect((await thief.request.get("/api/session")).status()).toBe(401);
  await thief.close();
});

test("another site cannot use the sign-in link: 403 with a clear page, and its attempts do not lock anyone out", async ({ page }) => {
  const link = printedLink();
  const { url } = e2eSandbox().console!;
  // localhost and 127.0.0.1 are different sites to the browser: a page on one links to the other.
  const otherSite = url.replace("127.0.0.1", "localhost");
  await page.goto(`${otherSite}/login`);
  const wrong = `${url}/auth?token=${"x".repeat(40)}`;
  for (let i = 0; i < 12; i++) {
    await page.goto(`${otherSite}/login`);
    await page.evaluate(
      (href) => {
        const a = Object.assign(document.createElement("a"), { href, textContent: "sign in" });
        document.body.append(a);
        a.click();
      },
      i < 11 ? wrong : link,
    );
    await expect(page.getByRole("heading", { name: "Sign-in link refused" })).toBeVisible();
  }
  await expect(page.getByText("opened by another web site")).toBeVisible();
  expect((await page.context().cookies(url)).find((c) => c.name === "vnode_session")).toBeUndefined();

  // The user's own navigation to the printed link still signs in: none of those attempts were counted.
  await page.goto(link);
  await expect(page).toHaveURL(`${url}/clusters`);
});

test("wrong tokens lock out only the client that sent them, whatever X-Forwarded-For it claims", async ({ page }) => {
  const link = printedLink();
  const { url } = e2eSandbox().console!;
  const guesser = "127.0.0.2";
  for (let i = 0; i < 10; i++) {
    // Without VNODE_TRUST_PROXY the console ignores a client's own X-Forwarded-For: all ten count against 127.0.0.2.
    const answer = await getFrom(guesser, `${url}/auth?token=${"g".repeat(40)}`, { "X-Forwarded-For": `203.0.113.${i}`, "X-Forwarded-Proto": "https" });
    expect(answer.location).toBe("/login?next=%2Fclusters");
  }
  const locked = await getFrom(guesser, link, { "X-Forwarded-For": "203.0.113.200" });
  expect(locked.location).toBe("/login?next=%2Fclusters");
  expect(locked.setCookie).toBeUndefined();
  // Everyone else (the browser, on 127.0.0.1) still signs in, and a claimed X-Forwarded-Proto does not make the cookie Secure.
  const other = await getFrom("127.0.0.1", link, { "X-Forwarded-Proto": "https" });
  expect(other.location).toBe("/clusters");
  expect(other.setCookie?.join()).not.toMatch(/Secure/i);
  await page.goto(link);
  await expect(page).toHaveURL(`${url}/clusters`);
});
