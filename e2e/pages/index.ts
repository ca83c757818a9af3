// Page objects for the console's pages: specs drive the browser through these, so that a test reads as the user's steps.
export { ConfirmDialog, ConsolePage, clusterPath } from "./console-page";
export { SignInPage } from "./sign-in-page";
export { ClusterCard, ClustersPage } from "./clusters-page";
export { AddonCard, AddonsPage, GrantCard, UninstallDialog } from "./addons-page";
export { VirtualNodesPage } from "./virtual-nodes-page";
export { ConflictView, EciProfileSettingsPage, SaveDialog } from "./eci-profile-settings-page";
export { ActivityPage } from "./activity-page";
export { IdentityProviderPage } from "./identity-provider-page";
