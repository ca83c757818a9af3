// A container's environment as the kubelet builds it when it starts the container (kubelet_pods.go makeEnvironmentVariables):
// `env` values, `valueFrom` Secret/ConfigMap keys and pod fields, and `envFrom`. The values are fixed for the life of
// that container: a Secret edited later never reaches it; only a new container (a new pod) reads it again.
// A reference that cannot be resolved fails the container start with CreateContainerConfigError, unless it is
// `optional: true`, in which case the variable is simply absent (the container starts).
import type { CoreV1Api, V1ConfigMap, V1Container, V1Pod, V1Secret } from "@kubernetes/client-node";

/** The kubelet's reason for a container whose configuration cannot be built. */
export const CREATE_CONTAINER_CONFIG_ERROR = "CreateContainerConfigError";

export class ContainerConfigError extends Error {
  readonly reason = CREATE_CONTAINER_CONFIG_ERROR;
}

/** An optional reference that did not resolve, so its variable is absent: what is missing, in kubelet words. */
export interface SkippedOptional {
  variable?: string;
  kind: "Secret" | "ConfigMap";
  name: string;
  key?: string;
  why: "not found" | "key not found";
}

export interface ContainerEnv {
  env: Record<string, string>;
  skipped: SkippedOptional[];
}

const isNotFound = (error: unknown) => (error as { code?: number }).code === 404;

/** Resolves `container`'s environment in `pod` now, reading each referenced Secret/ConfigMap once. */
export async function resolveContainerEnv(core: CoreV1Api, pod: V1Pod, container: V1Container): Promise<ContainerEnv> {
  const namespace = pod.metadata!.namespace!;
  const secrets = new Map<string, Promise<V1Secret | undefined>>();
  const configMaps = new Map<string, Promise<V1ConfigMap | undefined>>();
  const read = <T>(cache: Map<string, Promise<T | undefined>>, name: string, fetch: () => Promise<T>) => {
    let p = cache.get(name);
    if (!p) {
      p = fetch().catch((error) => {
        if (isNotFound(error)) return undefined;
        throw error;
      });
      cache.set(name, p);
    }
    return p;
  };
  const secret = (name: string) => read(secrets, name, () => core.readNamespacedSecret({ name, namespace }));
  const configMap = (name: string) => read(configMaps, name, () => core.readNamespacedConfigMap({ name, namespace }));
  const env: Record<string, string> = {};
  const skipped: SkippedOptional[] = [];

  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? "";
    if (from.secretRef) {
      const s = await secret(from.secretRef.name!);
      if (!s) {
        if (from.secretRef.optional) skipped.push({ kind: "Secret", name: from.secretRef.name!, why: "not found" });
        else throw new ContainerConfigError(`secret "${from.secretRef.name}" not found`);
      } else for (const [k, v] of Object.entries(s.data ?? {})) env[prefix + k] = Buffer.from(v, "base64").toString("utf8");
    } else if (from.configMapRef) {
      const c = await configMap(from.configMapRef.name!);
      if (!c) {
        if (from.configMapRef.optional) skipped.push({ kind: "ConfigMap", name: from.configMapRef.name!, why: "not found" });
        else throw new ContainerConfigError(`configmap "${from.configMapRef.name}" not found`);
      } else for (const [k, v] of Object.entries(c.data ?? {})) env[prefix + k] = v;
    }
  }

  for (const e of container.env ?? []) {
    const ref = e.valueFrom;
    if (!ref) {
      env[e.name] = e.value ?? "";
    } else if (ref.secretKeyRef) {
      const { name, key, optional } = ref.secretKeyRef as { name: string; key: string; optional?: boolean };
      const s = await secret(name);
      const value = s?.data?.[key];
      if (value !== undefined) env[e.name] = Buffer.from(value, "base64").toString("utf8");
      else if (optional) skipped.push({ variable: e.name, kind: "Secret", name, key, why: s ? "key not found" : "not found" });
      else throw new ContainerConfigError(s ? `couldn't find key ${key} in Secret ${namespace}/${name}` : `secret "${name}" not found`);
    } else if (ref.configMapKeyRef) {
      const { name, key, optional } = ref.configMapKeyRef as { name: string; key: string; optional?: boolean };
      const c = await configMap(name);
      const value = c?.data?.[key];
      if (value !== undefined) env[e.name] = value;
      else if (optional) skipped.push({ variable: e.name, kind: "ConfigMap", name, key, why: c ? "key not found" : "not found" });
      else throw new ContainerConfigError(c ? `couldn't find key ${key} in ConfigMap ${namespace}/${name}` : `configmap "${name}" not found`);
    } else if (ref.fieldRef) {
      const path = ref.fieldRef.fieldPath;
      const fields: Record<string, string | undefined> = {
        "metadata.name": pod.metadata?.name,
        "metadata.namespace": namespace,
        "metadata.uid": pod.metadata?.uid,
        "spec.nodeName": pod.spec?.nodeName,
        "spec.serviceAccountName": pod.spec?.serviceAccountName,
        "status.podIP": pod.status?.podIP,
        "status.hostIP": pod.status?.hostIP,
      };
      const label = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
      env[e.name] = (label ? pod.metadata?.[label[1] as "labels" | "annotations"]?.[label[2]] : fields[path]) ?? "";
    }
  }
  return { env, skipped };
}

/** Every container of the pod, in order; the first unresolvable reference throws ContainerConfigError. */
export async function resolvePodEnv(core: CoreV1Api, pod: V1Pod): Promise<Record<string, ContainerEnv>> {
  const out: Record<string, ContainerEnv> = {};
  for (const c of pod.spec?.containers ?? []) out[c.name] = await resolveContainerEnv(core, pod, c);
  return out;
}
