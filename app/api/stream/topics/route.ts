import { z } from "zod";
import { currentSession } from "@/lib/auth/session";
import { liveStreams, streamTopicProblem, watchHub } from "@/lib/server/live";
import { MAX_TOPICS_PER_STREAM, serverStreamLimits } from "@/lib/live/limits";
import { applyTopicChange } from "@/lib/live/stream-plan";
import { topicKey, topicSchema } from "@/lib/live/topics";
import { languageOf } from "@/lib/server/request-language";
import { translatorFor } from "@/lib/i18n/translator";

export const dynamic = "force-dynamic";

const changeSchema = z.object({
  stream: z.uuid(),
  add: z.array(topicSchema).max(MAX_TOPICS_PER_STREAM).default([]),
  remove: z.array(topicSchema).max(MAX_TOPICS_PER_STREAM).default([]),
});

const refuse = (status: number, error: string, message: string) => Response.json({ error, message }, { status });

/**
 * Adds and removes topics of one open /api/stream of this session (its id is the stream's hello frame): a tab that
 * opens a page adds its topics without the stream being reopened, so nothing already served is sent again; the new
 * topics' snapshots go down that stream only. The stream's limits stay those of /api/stream.
 */
export async function POST(request: Request) {
  const session = await currentSession();
  const t = translatorFor(languageOf(request));
  if (!session) return refuse(401, "unauthenticated", t("server.stream.signIn"));
  const parsed = changeSchema.safeParse(await request.json().catch(() => undefined));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // i18n-ignore: a protocol error for the console's own client code, not for a person
    return refuse(400, "bad-request", `Expected {stream, add?: topics, remove?: topics}; ${issue.path.length ? `${issue.path.join(".")}: ` : ""}${issue.message}.`);
  }
  const { stream, add, remove } = parsed.data;
  const handle = liveStreams.find(stream, session.sid);
  if (!handle) return refuse(404, "no-stream", t("server.stream.notOpen"));
  for (const topic of add) {
    const problem = streamTopicProblem(topic);
    if (problem) return refuse(400, "bad-request", problem);
  }
  const next = applyTopicChange(handle.keys(), add.map(topicKey), remove.map(topicKey), MAX_TOPICS_PER_STREAM);
  if ("error" in next) return refuse(400, "too-many-topics", next.error);
  if (!watchHub.hasRoomFor(add)) return refuse(503, "hub-full", t("server.hubFull", { limit: serverStreamLimits.upstreamWatches }));
  for (const topic of remove) handle.unfollow(topicKey(topic));
  for (const topic of add) handle.follow(topic);
  return Response.json({ topics: next.keys.size });
}
