import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** The fields of a kube-apiserver audit event (audit.k8s.io/v1 Event) this suite reads. */
export interface AuditEvent {
  stage: string;
  verb: string;
  requestURI: string;
  user: { username: string; groups?: string[] };
  impersonatedUser?: { username: string; groups?: string[] };
  objectRef?: { resource?: string; subresource?: string; namespace?: string; name?: string; apiGroup?: string };
  responseStatus?: { code?: number };
  requestReceivedTimestamp: string;
}

interface PolicyRule {
  apiGroups?: string[];
  resources?: string[];
  verbs: string[];
  resourceNames?: string[];
}
interface RoleObject {
  kind: string;
  metadata: { name: string; namespace?: string };
  rules: PolicyRule[];
}

/** Every completed request in the sandbox apiserver's audit log files (JSON lines) since `since`. */
export function auditEvents(logsDir: string, since: string): AuditEvent[] {
  const files = existsSync(logsDir) ? readdirSync(logsDir).filter((f) => /audit.*\.log$/.test(f)) : [];
  if (files.length === 0) throw new Error(`no apiserver audit log in ${logsDir} (the sandbox starts kube-apiserver with --audit-log-path there)`);
  const events: AuditEvent[] = [];
  for (const file of files) {
    for (const line of readFileSync(path.join(logsDir, file), "utf8").split("\n")) {
      if (!line.startsWith("{")) continue;
      const event = JSON.parse(line) as AuditEvent;
      if (event.stage === "ResponseComplete" && event.requestReceivedTimestamp >= since) events.push(event);
    }
  }
  return events;
}

const includes = (list: string[] | undefined, value: string) => !!list && (list.includes("*") || list.includes(value));

/** Whether one RBAC rule of a role allows one audited request (RBAC's own matching, without aggregation). */
function allows(role: RoleObject, rule: PolicyRule, event: AuditEvent): boolean {
  const ref = event.objectRef;
  if (!ref?.resource) return false;
  if (role.kind === "Role" && ref.namespace !== role.metadata.namespace) return false;
  const resource = ref.subresource ? `${ref.resource}/${ref.subresource}` : ref.resource;
  if (!includes(rule.apiGroups, ref.apiGroup ?? "") || !includes(rule.resources, resource) || !includes(rule.verbs, event.verb)) return false;
  return !rule.resourceNames?.length || (!!ref.name && rule.resourceNames.includes(ref.name));
}

/**
 * The rules (role, index, verbs on resources) that no audited request needed: a request needs a rule when that rule
 * allows it and no other rule of these roles does. An empty list means removing any one rule refuses something the
 * console did.
 */
export function rulesNeverUsed(roles: RoleObject[], events: AuditEvent[]): string[] {
  const all = roles.flatMap((role) => role.rules.map((rule, index) => ({ role, rule, index })));
  return all
    .filter(({ role, rule }) => !events.some((event) => allows(role, rule, event) && all.every((other) => other.rule === rule || !allows(other.role, other.rule, event))))
    .map(
      ({ role, rule, index }) =>
        `${role.kind} ${role.metadata.name} rule ${index}: ${rule.verbs.join(",")} ${(rule.resources ?? []).join(",")}${rule.resourceNames?.length ? ` [${rule.resourceNames.join(",")}]` : ""}`,
    );
}
