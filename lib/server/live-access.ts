import "server-only";
import type { ImpersonatedUser } from "@/lib/k8s/api-client";
import { mayAccess } from "@/lib/k8s/access-review";
import type { HubItem } from "@/lib/k8s/watch-hub";
import type { LiveResource } from "@/lib/live/topics";

/**
 * Who may receive which frames of the shared watch hub. The hub keeps one upstream watch per topic with the console's
 * own credentials; before a frame of a namespace goes to a person, their right to list and watch that resource there is
 * checked with a SubjectAccessReview, cached briefly and checked again when the answer expires. A person bound only to
 * team-a gets team-a's pods; the others are never sent.
 */
export const LIVE_ACCESS_TTL_MS = Number(process.env.VNODE_LIVE_ACCESS_TTL_MS) || 30_000;

const API_GROUP: Record<LiveResource, string> = { pods: "", nodes: "", namespaces: "", configmaps: "", deployments: "apps" };
const CLUSTER_SCOPED = new Set<LiveResource>(["nodes", "namespaces"]);

/** What a decision reads of an object: its name and namespace. */
type Scoped = Pick<HubItem, "metadata">;

type Decision = { allowed: boolean; until: number };

export class LiveAccess {
  private readonly decisions = new Map<string, Decision>();
  private readonly pending = new Map<string, Promise<boolean>>();
  /** A right this person had was refused when asked again (on a frame's way out or by recheck). */
  private lost = false;

  constructor(
    private readonly cluster: string,
    private readonly who: ImpersonatedUser,
    private readonly resource: LiveResource,
    private readonly now: () => number = Date.now,
  ) {}

  /** list and watch, cluster-wide ("") or in one namespace; for `namespaces`, get of that one namespace object. */
  private ask(scope: string): Promise<boolean> {
    const group = API_GROUP[this.resource];
    if (this.resource === "namespaces" && scope) {
      return mayAccess(this.cluster, this.who, { verb: "get", group, resource: "namespaces", namespace: scope, name: scope });
    }
    const namespace = scope || undefined;
    return Promise.all(["list", "watch"].map((verb) => mayAccess(this.cluster, this.who, { verb, group, resource: this.resource, namespace }))).then((answers) =>
      answers.every(Boolean),
    );
  }

  /**
   * The answer for `scope` if one may be used now, else undefined; an expired or missing one is asked again.
   * An expired "allowed" is still used while its fresh answer is asked for, for at most LIVE_ACCESS_TTL_MS more:
   * awaiting the review held this stream's frames (they go in order) for a round trip to the apiserver every 30 s,
   * hundreds of milliseconds on a busy one. A right taken away thus stops frames within one review, as a watch
   * Kubernetes already serves goes on after a RoleBinding is deleted. An expired refusal is not used: a frame refused
   * on an old answer would be lost, not delayed.
   */
  private cached(scope: string): boolean | undefined {
    const known = this.decisions.get(scope);
    const now = this.now();
    if (known && known.until > now) return known.allowed;
    if (!this.pending.has(scope)) this.askAgain(scope);
    return known?.allowed && known.until + LIVE_ACCESS_TTL_MS > now ? true : undefined;
  }

  /** The answer for `scope`: the one usable now, else the one being asked for. */
  private decide(scope: string): Promise<boolean> {
    const answer = this.cached(scope);
    return answer === undefined ? (this.pending.get(scope) as Promise<boolean>) : Promise.resolve(answer);
  }

  private askAgain(scope: string): Promise<boolean> {
    const had = this.decisions.get(scope)?.allowed === true;
    const asking = this.ask(scope)
      .catch(() => false) // an unanswered review refuses: nothing is sent on a guess
      .then((allowed) => {
        if (had && !allowed) this.lost = true;
        this.decisions.set(scope, { allowed, until: this.now() + LIVE_ACCESS_TTL_MS });
        this.pending.delete(scope);
        return allowed;
      });
    this.pending.set(scope, asking);
    return asking;
  }

  /** The namespace an object's frame is judged by: its own, or for a Namespace object its name ("" for nodes). */
  private scopeOf(object: Scoped): string {
    if (this.resource === "namespaces") return object.metadata.name;
    return CLUSTER_SCOPED.has(this.resource) ? "" : (object.metadata.namespace ?? "");
  }

  /**
   * Whether this object's frame may go to the person. A cluster-wide right covers every namespace. An answer usable
   * now (either scope) goes first: a person with a namespace's right does not wait for the cluster-wide refusal to be
   * asked again.
   */
  async allows(object: Scoped): Promise<boolean> {
    const scope = this.scopeOf(object);
    if (this.cached("") === true || (scope !== "" && this.cached(scope) === true)) return true;
    if (await this.decide("")) return true;
    return scope !== "" && this.decide(scope);
  }

  async filter<T extends Scoped>(objects: T[]): Promise<T[]> {
    if (await this.decide("")) return objects;
    const verdicts = await Promise.all(objects.map((o) => this.allows(o)));
    return objects.filter((_, i) => verdicts[i]);
  }

  /**
   * Asks again every answer that has expired; true when a right the person had is gone (the stream is then ended,
   * and the browser's reconnect gets a snapshot without what they may no longer see).
   */
  async recheck(): Promise<boolean> {
    const now = this.now();
    const expired = [...this.decisions].filter(([, d]) => d.allowed && d.until <= now).map(([scope]) => scope);
    // Awaited here (not served stale): askAgain marks a right that is refused now as lost, and this ends the stream.
    await Promise.all(expired.map((scope) => this.pending.get(scope) ?? this.askAgain(scope)));
    return this.lost;
  }
}
