export const ECI_LABEL = "alibabacloud.com/eci";

export interface NamespaceView {
  uid: string;
  name: string;
  phase: string;
  eci: boolean;
  labels: Record<string, string>;
}

export function toNamespaceView(ns: { metadata: { uid: string; name: string; labels?: Record<string, string> }; status?: { phase?: string } }): NamespaceView {
  const labels = ns.metadata.labels ?? {};
  return { uid: ns.metadata.uid, name: ns.metadata.name, phase: ns.status?.phase ?? "Active", eci: labels[ECI_LABEL] === "true", labels };
}
