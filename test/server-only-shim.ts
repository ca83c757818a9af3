// Tests run outside Next.js, where the "server-only" guard would throw; the real guard stays in the app build.
export {};
