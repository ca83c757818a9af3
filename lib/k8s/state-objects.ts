import "server-only";
import type { CoreV1Api, V1ObjectMeta } from "@kubernetes/client-node";
import { say, words } from "@/lib/errors";

/**
 * The console's shared state as small objects in one namespace: ConfigMaps (and one Secret), read and written whole,
 * every write carrying the resourceVersion it read, so two replicas' writes never overwrite each other silently.
 */
export type StateKind = "ConfigMap" | "Secret";

export interface StateObject {
  data: Record<string, string>;
  resourceVersion?: string;
  createdAt?: Date;
}

const codeOf = (error: unknown) => (error as { code?: number } | null)?.code;

const decode = (data: Record<string, string> | undefined, kind: StateKind) =>
  Object.fromEntries(Object.entries(data ?? {}).map(([k, v]) => [k, kind === "Secret" ? Buffer.from(v, "base64").toString("utf8") : v]));
const encode = (data: Record<string, string>, kind: StateKind) =>
  Object.fromEntries(Object.entries(data).map(([k, v]) => [k, kind === "Secret" ? Buffer.from(v, "utf8").toString("base64") : v]));

/** The object's data (Secret values decoded), or null when it does not exist. */
export async function readStateObject(core: CoreV1Api, kind: StateKind, namespace: string, name: string): Promise<StateObject | null> {
  try {
    const obj = kind === "Secret" ? await core.readNamespacedSecret({ name, namespace }) : await core.readNamespacedConfigMap({ name, namespace });
    return { data: decode(obj.data, kind), resourceVersion: obj.metadata?.resourceVersion, createdAt: obj.metadata?.creationTimestamp };
  } catch (error) {
    if (codeOf(error) === 404) return null;
    throw error;
  }
}

export interface UpdateOptions {
  /** Create the object when it is missing (ConfigMaps); a Secret the console may only update, never create. */
  create: boolean;
  labels?: Record<string, string>;
  attempts?: number;
}

/**
 * Read-modify-write with optimistic concurrency: `change` gets the current data (null: no object yet) and returns the
 * new data, or undefined for "nothing to change". A 409 (someone else wrote first, or created it first) re-reads and
 * re-applies the change, so concurrent changes from several replicas all survive.
 */
export async function updateStateObject(
  core: CoreV1Api,
  kind: StateKind,
  namespace: string,
  name: string,
  change: (current: StateObject | null) => Record<string, string> | undefined,
  options: UpdateOptions,
): Promise<StateObject> {
  const attempts = options.attempts ?? 20;
  for (let attempt = 1; ; attempt++) {
    const current = await readStateObject(core, kind, namespace, name);
    if (!current && !options.create) throw new Error(say(words("server.kube.stateObjectMissing", { object: `${kind} ${namespace}/${name}` })));
    const data = change(current);
    if (data === undefined) return current ?? { data: {} };
    const metadata: V1ObjectMeta = { name, namespace, labels: options.labels, resourceVersion: current?.resourceVersion };
    try {
      const body = { metadata, data: encode(data, kind) };
      const written = current
        ? kind === "Secret"
          ? await core.replaceNamespacedSecret({ name, namespace, body })
          : await core.replaceNamespacedConfigMap({ name, namespace, body })
        : await core.createNamespacedConfigMap({ namespace, body });
      return { data, resourceVersion: written.metadata?.resourceVersion, createdAt: written.metadata?.creationTimestamp };
    } catch (error) {
      if (codeOf(error) !== 409 || attempt >= attempts) throw error;
      // Spread the retries of writers that collided, so they do not collide again in step.
      await new Promise((r) => setTimeout(r, Math.random() * 20 * Math.min(attempt, 5)));
    }
  }
}
