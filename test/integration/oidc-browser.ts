/**
 * A browser's part of an OpenID Connect sign-in at the sandbox's provider, over plain HTTP: follows the redirects,
 * keeps the provider's cookies, fills its sign-in form. Returns the URL the provider sent the browser back to.
 */
export async function signInAtProvider(authorizationUrl: string, username: string, password: string): Promise<URL> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair.indexOf("=");
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  let url = new URL(authorizationUrl);
  let init: RequestInit = {};
  for (let hop = 0; hop < 10; hop++) {
    const response = await fetch(url, { ...init, redirect: "manual", headers: { ...(init.headers as Record<string, string>), cookie: cookie() } });
    keep(response);
    const location = response.headers.get("location");
    if (location) {
      const next = new URL(location, url);
      if (next.origin !== url.origin) return next;
      url = next;
      init = {};
      continue;
    }
    const page = await response.text();
    const alert = /<p role="alert">([^<]*)<\/p>/.exec(page)?.[1];
    if (alert) throw new Error(`the provider refused: ${alert}`);
    const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1];
    if (!action) throw new Error(`the provider answered ${response.status} without a sign-in form: ${page.slice(0, 300)}`);
    url = new URL(action.replace(/&#47;/g, "/"), url);
    init = { method: "POST", body: new URLSearchParams({ username, password }).toString(), headers: { "content-type": "application/x-www-form-urlencoded" } };
  }
  throw new Error("too many redirects at the provider");
}
