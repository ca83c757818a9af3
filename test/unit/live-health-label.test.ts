import { describe, expect, it } from "vitest";
import { healthLabel, STALE_AFTER_MS, type StreamHealth } from "@/lib/live/health-label";
import { translatorFor } from "@/lib/i18n/translator";

const now = 1_000_000_000;
const health = (patch: Partial<StreamHealth>): StreamHealth => ({ connection: "open", lastEventAt: now - 1_000, topics: {}, ...patch });

describe("healthLabel: the stream health badge's words", () => {
  it("never invents a last event when none came", () => {
    const reconnecting = healthLabel(health({ connection: "reconnecting", lastEventAt: null }), now);
    expect(reconnecting).toMatchObject({ state: "reconnecting", label: "reconnecting, no event received yet" });
    const upstream = healthLabel(health({ lastEventAt: now, topics: { t: { state: "reconnecting", error: "refused", lastEventAt: null } } }), now);
    expect(upstream.label).toBe("reconnecting (refused), no event received yet");
    expect(healthLabel(health({ lastEventAt: null }), now).state).toBe("connecting");
  });

  it("shows the upstream watch's last event, not the stream's heartbeat, when the apiserver behind a topic is gone", () => {
    const label = healthLabel(health({ lastEventAt: now, topics: { t: { state: "reconnecting", error: "no answer within 30 s", lastEventAt: now - 42_000 } } }), now);
    expect(label).toEqual({ state: "reconnecting", label: "reconnecting (no answer within 30 s), last event 42s ago", tone: "warn" });
  });

  it("is live, stale, failed or signed out", () => {
    expect(healthLabel(health({ topics: { t: { state: "live", lastEventAt: now } } }), now)).toEqual({ state: "live", label: "live", tone: "live" });
    expect(healthLabel(health({ lastEventAt: now - STALE_AFTER_MS - 5_000 }), now).label).toBe(`stale: no event for ${(STALE_AFTER_MS + 5_000) / 1000}s`);
    expect(healthLabel(health({ topics: { t: { state: "failed", error: "400: bad selector" } } }), now)).toMatchObject({ state: "failed", label: "failed: 400: bad selector" });
    expect(healthLabel(health({ connection: "signed-out" }), now).state).toBe("signed-out");
  });
});

describe("the badge's words in Simplified Chinese", () => {
  it("says live, reconnecting and stale in the reader's language, with the same state", () => {
    const zh = translatorFor("zh-CN");
    expect(healthLabel(health({ topics: { t: { state: "live", lastEventAt: now } } }), now, zh)).toEqual({ state: "live", label: "实时", tone: "live" });
    expect(healthLabel(health({ connection: "reconnecting", lastEventAt: now - 42_000 }), now, zh).label).toBe("正在重新连接，上次事件在 42 秒前");
    expect(healthLabel(health({ lastEventAt: now - STALE_AFTER_MS - 5_000 }), now, zh).label).toBe(`数据可能已过期：${(STALE_AFTER_MS + 5_000) / 1000} 秒内没有事件`);
  });
});
