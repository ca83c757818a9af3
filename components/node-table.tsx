import type { NodeSummary } from "@/lib/node-summary";

export function NodeTable({ nodes }: { nodes: NodeSummary[] }) {
  if (nodes.length === 0) return <p className="text-slate-600">This cluster has no nodes yet.</p>;
  return (
    <table className="w-full overflow-hidden rounded border border-slate-200 bg-white text-sm">
      <thead className="bg-slate-100 text-left text-slate-600">
        <tr>
          <th className="px-3 py-2">Name</th>
          <th className="px-3 py-2">Status</th>
          <th className="px-3 py-2">Roles</th>
          <th className="px-3 py-2">Zone</th>
          <th className="px-3 py-2">Version</th>
          <th className="px-3 py-2">Internal IP</th>
        </tr>
      </thead>
      <tbody>
        {nodes.map((node) => (
          <tr key={node.name} className="border-t border-slate-100" data-testid="node-row">
            <td className="px-3 py-2 font-mono">{node.name}</td>
            <td className={`px-3 py-2 ${node.ready === "Ready" ? "text-emerald-700" : "text-red-700"}`}>{node.ready}</td>
            <td className="px-3 py-2">{node.roles.join(", ") || "<none>"}</td>
            <td className="px-3 py-2">{node.zone ?? "—"}</td>
            <td className="px-3 py-2">{node.version ?? "—"}</td>
            <td className="px-3 py-2 font-mono">{node.internalIP ?? "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
