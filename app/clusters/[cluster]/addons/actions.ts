"use server";

import { addonTaskSpec, automaticGrantSpec, deleteVirtualNodesSpec, manualGrantSpec } from "@/lib/server/addon-actions";
import { defineAction } from "@/lib/server/guard";
import { addonOperationSchema, automaticGrantSchema, deleteVirtualNodesSchema, manualGrantSchema } from "./schema";

// The declarations (body, audit, error wording) live in lib/server/addon-actions.ts, shared with the `vnode` CLI.

/** Step 1, automatic: the RAM user, policy and attachment, and an AccessKey written into alibaba-addon-secret. */
export const grantAutomatically = defineAction({ ...automaticGrantSpec, schema: automaticGrantSchema });

/** Step 1, manual: the user's own AccessKey pair, proven and written; says which permissions it lacks. */
export const grantManually = defineAction({ ...manualGrantSpec, schema: manualGrantSchema });

export const installVirtualNodeAddon = defineAction({ ...addonTaskSpec("install"), schema: addonOperationSchema });
export const uninstallVirtualNodeAddon = defineAction({ ...addonTaskSpec("uninstall"), schema: addonOperationSchema });

/** `kubectl delete node` for virtual nodes left behind after an uninstall, one or all; each deletion is audited. */
export const deleteVirtualNodes = defineAction({ ...deleteVirtualNodesSpec, schema: deleteVirtualNodesSchema });
