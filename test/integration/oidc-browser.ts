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

/**
 * The console's own sign-in for one of the sandbox's people, through its route handlers (login, then the provider,
 * then the callback): the session cookie's value. The console's OIDC settings must be in process.env already.
 */
export async function consoleSessionFor(origin: string, username: string, password: string): Promise<string> {
  const { NextRequest } = await import("next/server");
  const { GET: login } = await import("@/app/auth/oidc/login/route");
  const { GET: callback } = await import("@/app/auth/oidc/callback/route");
  const host = new URL(origin).host;
  const cookieOf = (response: Response, name: string) =>
    response.headers
      .getSetCookie()
      .map((line) => line.split(";")[0])
      .find((pair) => pair.startsWith(`${name}=`))
      ?.slice(name.length + 1);
  const started = await login(new NextRequest(`${origin}/auth/oidc/login`, { headers: { host } }));
  const tx = cookieOf(started, "vnode_oidc_tx");
  const back = await signInAtProvider(started.headers.get("location")!, username, password);
  const done = await callback(new NextRequest(`${origin}${back.pathname}${back.search}`, { headers: { host, cookie: `vnode_oidc_tx=${tx}` } }));
  const session = cookieOf(done, "vnode_session");
  if (done.status !== 200 || !session) throw new Error(`sign-in as ${username} failed: ${await done.text()}`);
  return session;
}
