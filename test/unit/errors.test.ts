import { describe, expect, it } from "vitest";
import { explainCloudError, explainError, explainKubernetesError } from "@/lib/errors";

describe("Alibaba Cloud error codes", () => {
  it("tells the user the console's own credentials lack AliyunRamFullAccess when a RAM call is denied", () => {
    const e = explainError({
      code: "NoPermission",
      statusCode: 403,
      message: "You are not authorized to do this action.",
      accessDeniedDetail: { AuthAction: "ram:CreateUser", NoPermissionType: "ImplicitDeny" },
    });
    expect(e).toMatchObject({ code: "NoPermission", source: "cloud", retryable: false, title: "The console's own credentials are not allowed to call ram:CreateUser" });
    expect(e.whatToDo).toBe(
      "The console's own credentials lack AliyunRamFullAccess. Attach AliyunRamFullAccess to the RAM user or role whose AccessKey the console uses, then retry.",
    );
  });

  it("picks the policy from the action when there is no AccessDeniedDetail (ECS/VPC Forbidden.RAM, ACK)", () => {
    expect(explainCloudError({ code: "Forbidden.RAM", statusCode: 403 }, { action: "vpc:DescribeVSwitches" }).whatToDo).toContain("lack AliyunVPCReadOnlyAccess");
    expect(explainCloudError({ code: "Forbidden.RAM" }, { action: "ecs:DescribeSecurityGroups" }).whatToDo).toContain("lack AliyunECSReadOnlyAccess");
    expect(explainCloudError({ code: "ErrorCheckAcl" }, { action: "cs:InstallClusterAddons" }).whatToDo).toContain("lack AliyunCSFullAccess");
    expect(explainCloudError({ code: "NoPermission" }, { action: "eci:CreateContainerGroup", principal: "addon" })).toMatchObject({
      title: "The add-on's AccessKey is not allowed to call eci:CreateContainerGroup",
      whatToDo: 'Grant the add-on\'s RAM user AliyunECIFullAccess (run "Grant RAM permissions" again), then retry.',
    });
  });

  it("maps RAM entity and limit codes to concrete actions", () => {
    expect(explainCloudError({ code: "EntityAlreadyExists.User", statusCode: 409 }, { resource: "ack-one-user-ce313528c3" }).title).toBe(
      "A RAM user named ack-one-user-ce313528c3 already exists",
    );
    expect(explainCloudError({ code: "EntityNotExist.User", statusCode: 404 }).whatToDo).toContain('Run "Grant RAM permissions" again');
    const limit = explainCloudError({ code: "LimitExceeded.User.AccessKey", statusCode: 409 });
    expect(limit.title).toBe("The RAM user already has 2 AccessKeys, the maximum");
    expect(limit.whatToDo).toContain("delete an unused AccessKey");
    expect(explainCloudError({ code: "EntityAlreadyExists.User.Policy" }).whatToDo).toBe("Nothing to do: the permission is in place.");
  });

  it("separates wrong AccessKey ID, wrong secret and clock skew, for the console and for the add-on", () => {
    expect(explainError({ code: "InvalidAccessKeyId.NotFound", statusCode: 404, message: "Specified access key is not found." }).whatToDo).toContain(
      "AccessKey ID the console is configured with",
    );
    expect(explainError({ code: "InvalidAccessKeyId.NotFound", statusCode: 404 }, { principal: "addon" }).whatToDo).toContain("alibaba-addon-secret");
    expect(explainError({ code: "SignatureDoesNotMatch", statusCode: 400 }).title).toBe("The AccessKey secret does not match the AccessKey ID");
    expect(explainError({ code: "InvalidTimeStamp.Expired", statusCode: 400 }).whatToDo).toContain("NTP");
  });

  it("marks throttling and server errors retryable, including unknown Throttling.* and 5xx codes", () => {
    expect(explainError({ code: "Throttling.User", statusCode: 400 })).toMatchObject({ retryable: true, title: "Your account is sending requests too fast" });
    expect(explainError({ code: "Throttling.Resource", statusCode: 400 })).toMatchObject({ retryable: true, code: "Throttling.Resource" });
    expect(explainError({ code: "ServiceUnavailableTemporary", statusCode: 503 })).toMatchObject({ retryable: true });
    expect(explainError({ code: "InvalidParameter.UserName.InvalidChars", statusCode: 400, message: "The parameter UserName contains invalid chars." })).toMatchObject({
      retryable: false,
      whatToDo: "Correct the value and retry: The parameter UserName contains invalid chars.",
    });
  });

  it("maps ACK cluster, add-on and task codes", () => {
    expect(explainError({ code: "ErrorClusterNotFound", statusCode: 404 }).whatToDo).toContain("registered cluster ID");
    expect(explainError({ code: "ErrorAddonInstanceNotFound", statusCode: 404 }).title).toBe("ack-virtual-node is not installed");
    expect(explainError({ code: "ErrorClusterUnreachable", statusCode: 503 })).toMatchObject({ retryable: true, whatToDo: expect.stringContaining("ack-cluster-agent") });
    expect(explainError({ code: "InvalidParameter.Config", statusCode: 400, message: "vSwitch vsw-x does not exist in vpc-y." }).whatToDo).toBe(
      "Fix the configuration: vSwitch vsw-x does not exist in vpc-y.",
    );
  });
});

describe("Kubernetes Status reasons", () => {
  it("turns a Forbidden message into the exact RBAC to bind", () => {
    const e = explainError({
      code: 403,
      body: JSON.stringify({
        kind: "Status",
        apiVersion: "v1",
        status: "Failure",
        reason: "Forbidden",
        code: 403,
        message: 'configmaps "eci-profile" is forbidden: User "console" cannot update resource "configmaps" in API group "" in the namespace "kube-system"',
        details: { name: "eci-profile", kind: "configmaps" },
      }),
    });
    expect(e).toMatchObject({ code: "k8s:Forbidden", source: "kubernetes", retryable: false, title: "console may not update configmaps in kube-system" });
    expect(e.whatToDo).toBe('Bind a Role in namespace kube-system that allows "update" on "configmaps" to console, the identity in the console\'s kubeconfig, then retry.');
  });

  it("explains Conflict as someone else's change, never as something to overwrite", () => {
    const e = explainKubernetesError({
      reason: "Conflict",
      code: 409,
      message: 'Operation cannot be fulfilled on configmaps "eci-profile": the object has been modified; please apply your changes to the latest version and try again',
      details: { name: "eci-profile", kind: "configmaps" },
    });
    expect(e).toMatchObject({
      title: "configmaps eci-profile was changed by someone else since it was read",
      whatToDo: "Review their change: merge it with yours or reload. Nothing was overwritten.",
      retryable: false,
    });
  });

  it("covers NotFound, AlreadyExists, Invalid (with causes), Unauthorized and unavailability", () => {
    expect(explainKubernetesError({ reason: "NotFound", code: 404, details: { name: "alibaba-addon-secret", kind: "secrets" } }).title).toBe(
      "secrets alibaba-addon-secret does not exist",
    );
    expect(explainKubernetesError({ reason: "AlreadyExists", code: 409, details: { name: "alibaba-addon-secret", kind: "secrets" } }).whatToDo).toContain("earlier attempt");
    expect(
      explainKubernetesError({
        reason: "Invalid",
        code: 422,
        details: { name: "eci-profile", kind: "ConfigMap", causes: [{ field: "data[bad key]", message: "a valid config key must consist of alphanumeric characters" }] },
      }).whatToDo,
    ).toBe("Fix: data[bad key]: a valid config key must consist of alphanumeric characters.");
    expect(explainError({ code: 401, body: "Unauthorized" })).toMatchObject({ code: "k8s:Unauthorized", whatToDo: expect.stringContaining("fresh kubeconfig") });
    expect(explainKubernetesError({ reason: "ServiceUnavailable", code: 503 }).retryable).toBe(true);
    expect(explainKubernetesError({ reason: "Timeout", code: 504 }).retryable).toBe(true);
    expect(explainKubernetesError({ code: 429, details: { retryAfterSeconds: 3 } })).toMatchObject({
      code: "k8s:TooManyRequests",
      whatToDo: "Wait 3 s and retry.",
      retryable: true,
    });
  });

  it("recognises network failures and unknown errors", () => {
    expect(explainError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:6443"), { code: "ECONNREFUSED" }))).toMatchObject({
      source: "network",
      code: "ECONNREFUSED",
      retryable: true,
    });
    expect(explainError(Object.assign(new Error("The operation was aborted due to timeout"), { name: "TimeoutError" }))).toMatchObject({ source: "network", code: "TimeoutError" });
    expect(explainError(new Error("boom"))).toMatchObject({ source: "unknown", code: "Unknown", whatToDo: "Details: boom" });
  });
});

describe("one module for every error the console shows", () => {
  it("words fetch's wrapped network failures, not 'fetch failed'", () => {
    const refused = Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:6443"), { code: "ECONNREFUSED" }) });
    expect(explainError(refused, { endpoint: "the API server of prod" })).toMatchObject({
      code: "ECONNREFUSED",
      source: "network",
      title: "Connection refused by the API server of prod",
    });
    const tls = Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("self-signed certificate"), { code: "DEPTH_ZERO_SELF_SIGNED_CERT" }) });
    expect(explainError(tls, { endpoint: "the API server of prod" })).toMatchObject({
      code: "TLS",
      title: "The TLS certificate of the API server of prod was not accepted",
      retryable: false,
    });
    const timeout = Object.assign(new Error("The operation was aborted due to timeout"), { name: "TimeoutError" });
    expect(explainError(timeout, { endpoint: "the API server of prod", timeoutSeconds: 5 }).title).toBe("No answer from the API server of prod within 5 s");
  });

  it("says a Kubernetes conflict the same way wherever it comes from", () => {
    const fromClient = explainError({ code: 409, body: JSON.stringify({ kind: "Status", reason: "Conflict", code: 409, details: { name: "eci-profile", kind: "configmaps" } }) });
    const fromRawGet = explainError(Object.assign(new Error("the object has been modified"), { code: 409, reason: "Conflict" }));
    expect(fromClient.whatToDo).toBe("Review their change: merge it with yours or reload. Nothing was overwritten.");
    expect(fromRawGet.whatToDo).toBe(fromClient.whatToDo);
  });

  it("passes the console's own errors through with their code, and never calls a file error a cloud error", async () => {
    const { ConsoleError, InputError } = await import("@/lib/errors");
    expect(explainError(new ConsoleError({ code: "NotAVirtualNode", title: "n1 is not a virtual node", whatToDo: "Delete it with kubectl." }))).toMatchObject({
      code: "NotAVirtualNode",
      source: "console",
      title: "n1 is not a virtual node",
    });
    expect(new InputError("Bad", { accessKeySecret: "x" }).fieldErrors).toEqual({ accessKeySecret: "x" });
    const enoent = Object.assign(new Error("ENOENT: no such file or directory, open '/etc/kube'"), { code: "ENOENT", syscall: "open", path: "/etc/kube" });
    expect(explainError(enoent)).toMatchObject({ source: "console", title: "The console could not open /etc/kube (ENOENT)" });
  });

  it("judges a pasted AccessKey pair as input, not as a broken Secret", () => {
    const e = explainError({ code: "SignatureDoesNotMatch", statusCode: 400 }, { principal: "entered" });
    expect(e.title).toBe("The AccessKey secret you entered does not belong to that AccessKey ID");
    expect(`${e.title} ${e.whatToDo}`).not.toContain("alibaba-addon-secret holds");
  });
});
