// Both catalogues, loaded statically: they are small, and the CLI and the server need them without a bundler.
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";
import type { Locale } from "./locales";

export type Messages = typeof en;

export const MESSAGES: Record<Locale, Messages> = { en, "zh-CN": zhCN as Messages };
