"use client";

import { createContext, useContext } from "react";
import type { PagePermissions } from "@/lib/page-permissions";

/** The page's permissions (lib/server/permissions.ts); everything allowed when none were given (e.g. in tests). */
const PermissionsContext = createContext<PagePermissions>({ operate: null, admin: null, labelNamespaces: "all", labelRefusal: "" });

export function PermissionsProvider({ value, children }: { value: PagePermissions; children: React.ReactNode }) {
  return <PermissionsContext.Provider value={value}>{children}</PermissionsContext.Provider>;
}

export const usePermissions = () => useContext(PermissionsContext);

/** Why the person may not label this namespace, or null when they may. */
export function useLabelRefusal(namespace: string): string | null {
  const { labelNamespaces, labelRefusal } = usePermissions();
  return labelNamespaces === "all" || labelNamespaces.includes(namespace) ? null : labelRefusal;
}

/** The reason under a disabled button, announced with it (aria-describedby). */
export function RefusalNote({ id, reason }: { id: string; reason: string | null }) {
  if (!reason) return null;
  return (
    <p id={id} data-testid="permission-refusal" className="text-xs text-slate-600">
      {reason}
    </p>
  );
}
