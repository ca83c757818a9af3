import "server-only";
// The services behind the Add-ons page's actions, for app/…/addons/actions.ts and the CLI.
export { automaticGrant, type AutomaticGrantOutcome } from "./automatic-grant";
export { manualGrant, type ManualGrantOutcome } from "./manual-grant";
export { deleteVirtualNode, runAddonTask } from "./addon";
