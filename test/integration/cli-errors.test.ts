// `vnode` when things go wrong: each failure says what to do, exits with its documented code, and writes nothing.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { kubectl } from "./kubectl";
import { vnode, vnodeEnv } from "./vnode-cli";

const info = inject("sandbox");
const { kubeconfig, cloud } = info;
const env = vnodeEnv(info, "cli-errors");
const run = (args: string[], input?: string) => vnode(env, args, { input });
const secretAbsent = () =>
  kubectl(kubeconfig, "-n", "kube-system", "get", "secret", "alibaba-addon-secret").then(
    () => false,
    (e: Error) => /NotFound/.test(e.message),
  );

beforeAll(async () => {
  await kubectl(kubeconfig, "-n", "kube-system", "delete", "secret", "alibaba-addon-secret", "--ignore-not-found");
});
afterAll(async () => {
  await kubectl(kubeconfig, "-n", "kube-system", "delete", "secret", "alibaba-addon-secret", "--ignore-not-found");
});

describe("vnode errors and exit codes", () => {
  it("a context that does not exist: exit 3, naming the contexts there are", async () => {
    const r = await run(["addon", "status", "ack-virtual-node", "--context", "no-such-context"]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`error: No context named "no-such-context" in the kubeconfig (${kubeconfig}). Pick one of: ${info.clusters![0].context}.\n`);
    const json = await run(["ram-user", "grant", "--addon", "ack-virtual-node", "--context", "no-such-context", "-o", "json"]);
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout)).toMatchObject({ context: "no-such-context", exitCode: 3, error: { code: "UnknownCluster" } });
  }, 30_000);

  it("a wrong AccessKey secret on stdin: exit 2, about the secret, nothing written, the secret never echoed", async () => {
    const wrong = "wrongwrongwrongwrongwrong1";
    const r = await run(["ram-user", "grant", "--addon", "ack-virtual-node", "--access-key-id", cloud!.accessKeyId, "--access-key-secret-stdin"], `${wrong}\n`);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: The AccessKey secret you entered does not belong to that AccessKey ID\. .*Nothing was written\.\n {2}accessKeySecret: /);
    expect(`${r.stdout}${r.stderr}`).not.toContain(wrong);
    expect(await secretAbsent()).toBe(true);
  }, 30_000);

  it("the manual path refuses a secret on the command line and usage mistakes exit 2", async () => {
    const cases: [string[], RegExp][] = [
      [["ram-user", "grant", "--addon", "ack-virtual-node", "--access-key-id", "LTAIexample0000"], /--access-key-secret-stdin: pipe the secret in/],
      [["addon", "install", "ack-virtual-nod"], /Unknown add-on "ack-virtual-nod": vnode manages ack-virtual-node only/],
      [["addon", "install"], /missing required argument 'addon'/],
      [["ram-user", "grant"], /required option '--addon <name>' not specified/],
      [["doctor", "-o", "xml"], /argument 'xml' is invalid/],
      [["eci-profile", "set"], /Nothing to set: pass at least one of --vswitch-ids/],
      [["placment"], /unknown command 'placment'.*\(Did you mean placement\?\)/s],
    ];
    for (const [args, message] of cases) {
      const r = await run(args);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr).toMatch(message);
    }
  }, 60_000);

  it("no Alibaba Cloud credentials: exit 6, saying which variables to set", async () => {
    const bare = {
      ...env,
      ALIBABA_CLOUD_ACCESS_KEY_ID: undefined,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: undefined,
      VNODE_CONSOLE_CONFIG: `${info.stateDir}/cli-errors-bare/console.json`,
    };
    const r = await vnode(bare, ["ram-user", "grant", "--addon", "ack-virtual-node"]);
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(/No Alibaba Cloud credentials .*Set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET/);
    expect(await secretAbsent()).toBe(true);
  }, 30_000);

  it("without a terminal a destructive command is refused unless --yes: exit 4, nothing deleted", async () => {
    await kubectl(
      kubeconfig,
      "-n",
      "kube-system",
      "create",
      "secret",
      "generic",
      "alibaba-addon-secret",
      "--from-literal=access-key-id=LTAIsomeoneelse0000",
      "--from-literal=access-key-secret=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    );
    const r = await run(["ram-user", "revoke"]);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/Not confirmed: there is no terminal to ask on\. Run again with --yes to confirm\./);
    expect(await secretAbsent()).toBe(false);
  }, 30_000);

  it("eci-profile without the add-on: exit 3, saying to install it", async () => {
    const r = await run(["eci-profile", "get"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/kube-system\/eci-profile does not exist .*vnode addon install ack-virtual-node/);
  }, 30_000);

  it("--help shows examples and exits 0; completion scripts know the commands", async () => {
    const help = await run(["ram-user", "grant", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Examples:\n  vnode ram-user grant --addon ack-virtual-node\n");
    const bash = await run(["completion", "bash"]);
    expect(bash.code).toBe(0);
    expect(bash.stdout).toContain('"addon install") words="ack-virtual-node --kubeconfig --context');
    expect(bash.stdout).toContain("complete -F _vnode vnode");
    const zsh = await run(["completion", "zsh"]);
    expect(zsh.stdout.startsWith("#compdef vnode\n")).toBe(true);
    expect((await run(["completion", "fish"])).code).toBe(2);
  }, 30_000);
});
