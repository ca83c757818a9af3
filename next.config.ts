import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // client-node is ESM-only and pulls in ws/undici; keeping it external builds faster and avoids bundling them.
  serverExternalPackages: ["@kubernetes/client-node"],
  allowedDevOrigins: ["127.0.0.1"],
  poweredByHeader: false,
};

export default nextConfig;
