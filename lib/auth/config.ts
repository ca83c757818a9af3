import "server-only";
import { randomBytes } from "node:crypto";

/**
 * The access token users sign in with, and the key that signs session cookies. `npm start` sets both (printing the
 * token once, as Jupyter does); without VNODE_SESSION_SECRET a per-process key is used, so sessions end on restart.
 */
const processSecret = randomBytes(32).toString("hex");

export const authConfig = {
  accessToken: () => process.env.VNODE_CONSOLE_TOKEN ?? "",
  sessionSecret: () => process.env.VNODE_SESSION_SECRET || processSecret,
  secureCookies: () => process.env.VNODE_SECURE_COOKIES === "1",
};
