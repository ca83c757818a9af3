import { describe, expect, it } from "vitest";
import { dataDiff, parseOutputFormat, serialize, splitFlagList, table } from "@/cli/format";
import { mapPool } from "@/cli/pool";

describe("vnode output formatting", () => {
  it("aligns table columns like kubectl and shows <none> for empty cells", () => {
    expect(
      table(
        ["CONTEXT", "RESULT", "MESSAGE"],
        [
          ["prod", "ok", "installed"],
          ["staging-long", "failed (exit 6)", undefined],
        ],
      ),
    ).toBe(["CONTEXT        RESULT            MESSAGE", "prod           ok                installed", "staging-long   failed (exit 6)   <none>"].join("\n"));
  });

  it("diffs ConfigMap data per key, leaving unchanged keys out", () => {
    expect(dataDiff({ a: "1", vSwitchIds: "vsw-a", gone: "x" }, { a: "1", vSwitchIds: "vsw-a,vsw-b", added: "y" })).toEqual([
      "+ added: y",
      "- gone: x",
      "- vSwitchIds: vsw-a",
      "+ vSwitchIds: vsw-a,vsw-b",
    ]);
    expect(dataDiff({ a: "1" }, { a: "1" })).toEqual([]);
  });

  it("parses -o and serializes JSON and YAML", () => {
    expect(parseOutputFormat(undefined)).toBe("text");
    expect(parseOutputFormat("json")).toBe("json");
    expect(parseOutputFormat("yaml")).toBe("yaml");
    expect(() => parseOutputFormat("xml")).toThrow("-o xml is not supported: use json, yaml, or leave it out for text.");
    expect(serialize({ a: [1] }, "json")).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(serialize({ a: [1] }, "yaml")).toBe("a:\n  - 1");
  });

  it("splits comma lists from flags", () => {
    expect(splitFlagList(" vsw-a, ,vsw-b ,")).toEqual(["vsw-a", "vsw-b"]);
    expect(splitFlagList(undefined)).toEqual([]);
  });
});

describe("the --all-contexts pool", () => {
  it("runs at most `limit` at once and keeps the input's order", async () => {
    let running = 0;
    let peak = 0;
    const gates: (() => void)[] = [];
    const done = mapPool([1, 2, 3, 4, 5], 2, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise<void>((resolve) => gates.push(resolve));
      running--;
      return n * 10;
    });
    // Release the waiting workers one by one until all five have run.
    while (gates.length || running) {
      await new Promise((r) => setImmediate(r));
      gates.shift()?.();
    }
    expect(await done).toEqual([10, 20, 30, 40, 50]);
    expect(peak).toBe(2);
  });
});
