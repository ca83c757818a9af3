import { describe, expect, it } from "vitest";
import { completionTable } from "@/cli/completion";
import { CliError } from "@/cli/exit-codes";
import { buildProgram } from "@/cli/program";
import { laneOf } from "@/cli/commands/placement-run";

const parse = (...args: string[]) => buildProgram().parseAsync(args, { from: "user" });

describe("vnode argument parsing", () => {
  it("knows the commands of the seed's flow and their options", () => {
    const t = completionTable(buildProgram());
    expect(t.get("")?.words).toEqual(expect.arrayContaining(["ram-user", "addon", "virtual-nodes", "eci-profile", "placement", "doctor", "completion"]));
    expect(t.get("ram-user")?.words).toEqual(["grant", "show", "revoke"]);
    expect(t.get("ram-user grant")?.options).toEqual(
      expect.arrayContaining(["--addon", "--rotate", "--access-key-id", "--access-key-secret-stdin", "--all-contexts", "--context", "--kubeconfig", "-o"]),
    );
    expect(t.get("addon install")?.words).toEqual(["ack-virtual-node"]);
    expect(t.get("addon uninstall")?.options).toEqual(expect.arrayContaining(["--yes", "-y", "--no-wait"]));
    expect(t.get("placement")?.options).toEqual(expect.arrayContaining(["-n", "-l", "-w", "--watch"]));
    expect(t.get("eci-profile set")?.options).toEqual(expect.arrayContaining(["--vswitch-ids", "--security-group", "--dry-run"]));
    // Only the commands the issue names take --all-contexts.
    for (const path of ["ram-user grant", "addon install", "addon status", "doctor"]) expect(t.get(path)?.options).toContain("--all-contexts");
    for (const path of ["ram-user revoke", "addon uninstall", "eci-profile set", "placement"]) expect(t.get(path)?.options).not.toContain("--all-contexts");
  });

  it("refuses usage mistakes before touching anything, with exit code 2", async () => {
    await expect(parse("addon", "install", "other-addon")).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('Unknown add-on "other-addon"') });
    await expect(parse("ram-user", "grant", "--addon", "ack-virtual-node", "--access-key-secret-stdin")).rejects.toBeInstanceOf(CliError);
    await expect(parse("ram-user", "grant", "--addon", "ack-virtual-node", "--access-key-id", "LTAIx", "--rotate", "--access-key-secret-stdin")).rejects.toMatchObject({
      exitCode: 2,
    });
    await expect(parse("completion", "fish")).rejects.toMatchObject({ exitCode: 2 });
    await expect(parse("addon", "status")).rejects.toMatchObject({ code: "commander.missingArgument" });
  });

  it("puts a pod in its lane by its node", () => {
    expect(laneOf("virtual-kubelet-cn-hangzhou-b", { virtual: true })).toBe("ECI");
    expect(laneOf("node-1", { virtual: false })).toBe("data center");
    expect(laneOf(undefined, undefined)).toBe("not placed");
    expect(laneOf("gone", undefined)).toBe("not placed");
  });
});
