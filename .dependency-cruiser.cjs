// The console's layers and the arrows allowed between them (README "Architecture"). `npm run lint` checks them.
const ADAPTERS = "^lib/(k8s|alicloud)/";
// lib/i18n/request*.ts read the request (cookie, Accept-Language) for next-intl: server glue, not domain.
const DOMAIN = "^lib/(?!(k8s|alicloud|server|auth|console-config)/|i18n/request)";
const NODE_IO =
  "^(fs|node:fs|fs/promises|node:fs/promises|net|node:net|http|node:http|https|node:https|child_process|node:child_process|dgram|node:dgram|tls|node:tls|os|node:os)$";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "ui-not-to-adapters",
      comment: "Pages, route handlers, actions and components reach Kubernetes and Alibaba Cloud only through lib/server.",
      severity: "error",
      from: { path: "^(app|components)/" },
      to: { path: `${ADAPTERS}|^lib/console-config/store` },
    },
    {
      name: "components-not-to-server",
      comment: "Components run in the browser too: they call server actions, never lib/server directly.",
      severity: "error",
      from: { path: "^components/" },
      to: { path: "^lib/(server|auth)/" },
    },
    {
      name: "cli-through-server",
      comment: "The vnode CLI calls the same lib/server services as the console: never an adapter, the config store or sessions.",
      severity: "error",
      from: { path: "^cli/" },
      to: { path: `${ADAPTERS}|^lib/(console-config/store|auth/)|^app/|^components/|node_modules/next/` },
    },
    {
      name: "adapters-not-to-next-or-auth",
      comment: "Adapters know nothing of requests, sessions or pages: they are usable from the CLI and tests as they are.",
      severity: "error",
      from: { path: ADAPTERS },
      to: { path: "^lib/(auth|server)/|node_modules/next/" },
    },
    {
      name: "k8s-not-to-alicloud",
      comment: "One adapter per outside system; combining them is lib/server's job.",
      severity: "error",
      from: { path: "^lib/k8s/" },
      to: { path: "^lib/alicloud/" },
    },
    {
      name: "alicloud-not-to-k8s",
      comment: "One adapter per outside system; combining them is lib/server's job.",
      severity: "error",
      from: { path: "^lib/alicloud/" },
      to: { path: "^lib/k8s/" },
    },
    {
      name: "product-not-to-sandbox",
      comment: "Production code does not know the sandbox exists: endpoints and credentials come from configuration.",
      severity: "error",
      from: { path: "^(app|components|lib|cli)/|^proxy\\.ts$" },
      to: { path: "^sandbox/" },
    },
    {
      name: "domain-is-pure",
      comment: "Domain modules (eci-profile, add-on state, live views, errors…) do no I/O and import no adapter or server code.",
      severity: "error",
      from: { path: DOMAIN },
      to: { path: `${ADAPTERS}|^lib/(server|auth|console-config/store)|^node_modules/(@kubernetes|@alicloud|next)/|${NODE_IO}`, dependencyTypesNot: ["type-only"] },
    },
    {
      name: "no-circular",
      severity: "error",
      from: { path: "^(app|components|lib|cli)/" },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(\\.next|test-results)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"], mainFields: ["module", "main", "types"] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
