import { describe, expect, it } from "vitest";
import { EXIT, exitCodeFor } from "@/cli/exit-codes";
import { explainError } from "@/lib/errors";

describe("vnode exit codes", () => {
  it("are the documented numbers", () => {
    expect(EXIT).toEqual({ ok: 0, failure: 1, usage: 2, notFound: 3, refused: 4, conflict: 5, cloud: 6 });
  });

  it("map each kind of error to one code", () => {
    expect(exitCodeFor({ code: "UnknownCluster" })).toBe(3);
    expect(exitCodeFor({ code: "k8s:NotFound", source: "kubernetes" })).toBe(3);
    expect(exitCodeFor({ code: "SignatureDoesNotMatch", source: "console" }, { accessKeySecret: "wrong" })).toBe(2);
    expect(exitCodeFor({ code: "InvalidInput" })).toBe(2);
    expect(exitCodeFor({ code: "ClusterNotLinked" })).toBe(4);
    expect(exitCodeFor({ code: "k8s:Forbidden", source: "kubernetes" })).toBe(4);
    expect(exitCodeFor({ code: "NoPermission", source: "cloud" })).toBe(4);
    expect(exitCodeFor({ code: "k8s:Conflict", source: "kubernetes" })).toBe(5);
    expect(exitCodeFor({ code: "AlreadyRunning" })).toBe(5);
    expect(exitCodeFor({ code: "CloudNotConfigured", source: "console" })).toBe(6);
    expect(exitCodeFor({ code: "ECONNREFUSED", source: "network" })).toBe(1);
  });

  it("take the source from the console's error mapping", () => {
    expect(exitCodeFor(explainError({ code: "Throttling.User", statusCode: 400, message: "Request was denied due to user flow control." }))).toBe(6);
    expect(exitCodeFor(explainError({ code: "InternalError", statusCode: 500 }))).toBe(6);
    expect(exitCodeFor(explainError({ code: 409, body: { kind: "Status", reason: "Conflict", code: 409 } }))).toBe(5);
    expect(exitCodeFor(explainError(new Error("boom")))).toBe(1);
  });
});
