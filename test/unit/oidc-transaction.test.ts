import { afterEach, describe, expect, it } from "vitest";
import { authConfig } from "@/lib/auth/config";
import { openTransaction, sealTransaction } from "@/lib/auth/oidc-transaction";

const tx = { state: "s", nonce: "n", verifier: "v", next: "/clusters" };
const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe("the sign-in transaction cookie", () => {
  it("opens only with the key it was sealed with, unaltered and within 10 minutes", () => {
    const sealed = sealTransaction(tx, "key-1");
    expect(openTransaction(sealed, "key-1")).toMatchObject(tx);
    expect(openTransaction(sealed, "key-2")).toBeNull();
    const [payload, signature] = sealed.split(".");
    const altered = Buffer.from(JSON.stringify({ ...tx, state: "other", exp: 9e9 })).toString("base64url");
    expect(openTransaction(`${altered}.${signature}`, "key-1")).toBeNull();
    expect(openTransaction(`${payload}.${signature}`, "key-1", Date.now() + 11 * 60_000)).toBeNull();
    expect(openTransaction(undefined, "key-1")).toBeNull();
  });
});

describe("the token sign-in beside OpenID Connect", () => {
  it("is off when OIDC is configured, unless VNODE_TOKEN_SIGN_IN=1 keeps it", () => {
    Object.assign(process.env, { VNODE_CONSOLE_TOKEN: "t".repeat(40), VNODE_OIDC_ISSUER: "https://idp.example.com", VNODE_OIDC_CLIENT_ID: "console" });
    delete process.env.VNODE_TOKEN_SIGN_IN;
    expect(authConfig.accessToken()).toBe("");
    process.env.VNODE_TOKEN_SIGN_IN = "1";
    expect(authConfig.accessToken()).toBe("t".repeat(40));
    delete process.env.VNODE_OIDC_ISSUER;
    delete process.env.VNODE_TOKEN_SIGN_IN;
    expect(authConfig.accessToken()).toBe("t".repeat(40));
  });
});
