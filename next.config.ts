import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { STATIC_SECURITY_HEADERS } from "./lib/auth/security-headers";

const nextConfig: NextConfig = {
  // The container image runs Next's standalone server (the Dockerfile sets VNODE_BUILD_STANDALONE); npm start runs
  // scripts/console-server.mjs on the regular build, which Next refuses to serve from a standalone one.
  output: process.env.VNODE_BUILD_STANDALONE === "1" ? "standalone" : undefined,
  // The tests build the image's standalone server beside the regular build (scripts/build-standalone.sh), not over it.
  distDir: process.env.VNODE_DIST_DIR || ".next",
  // client-node is ESM-only and pulls in ws/undici; keeping it external builds faster and avoids bundling them.
  // The Alibaba Cloud SDKs too: bundled, they were one 8 MB chunk per server layer (RSC and SSR), each held by V8 as a
  // two-byte string of 15.5 MiB (a few non-Latin-1 characters) plus every moment locale; node loads them once.
  // undici and zod too: bundled, each route handler got its own copy (Turbopack does not share modules across server
  // entries), 8 copies of about 1 MB of source, where node loads one (client-node already loads undici).
  serverExternalPackages: [
    "@kubernetes/client-node",
    "undici",
    "zod",
    "@alicloud/credentials",
    "@alicloud/cs20151215",
    "@alicloud/ecs20140526",
    "@alicloud/openapi-core",
    "@alicloud/ram20150501",
    "@alicloud/sts20150401",
    "@alicloud/vpc20160428",
  ],
  allowedDevOrigins: ["127.0.0.1"],
  poweredByHeader: false,
  // On every response, static files included; proxy.ts adds the Content-Security-Policy (it needs a per-request nonce).
  async headers() {
    return [{ source: "/:path*", headers: Object.entries(STATIC_SECURITY_HEADERS).map(([key, value]) => ({ key, value })) }];
  },
};

// Languages: the locale comes from a cookie or Accept-Language, never the URL (lib/i18n/request.ts).
export default createNextIntlPlugin("./lib/i18n/request.ts")(nextConfig);
