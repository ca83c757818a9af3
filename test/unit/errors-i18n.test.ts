import { describe, expect, it } from "vitest";
import {
  ConsoleError,
  InputError,
  KNOWN_CLOUD_CODES,
  KNOWN_KUBE_REASONS,
  KNOWN_NETWORK_CODES,
  errorSentence,
  explainCloudError,
  explainError,
  explainKubernetesError,
  words,
  type ErrorContext,
  type UserFacingError,
} from "@/lib/errors";
import { withLocale } from "@/lib/i18n/locale-context";
import { translatorFor } from "@/lib/i18n/translator";

const CJK = /[\u3400-\u9fff]/;
const FORBIDDEN_UPDATE = 'configmaps "eci-profile" is forbidden: User "alice" cannot update resource "configmaps" in API group "" in the namespace "kube-system"';
const refused = () => Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED", message: "connect ECONNREFUSED 10.0.0.1:6443" } });

/** The same call in English (outside any request: the default) and in Simplified Chinese (inside withLocale). */
const both = <R>(fn: () => R): { en: R; zh: R } => ({ en: fn(), zh: withLocale("zh-CN", fn) });

describe("errors in the caller's language", () => {
  it("words a cloud NoPermission with the policy that grants it", () => {
    const { en, zh } = both(() => explainCloudError({ code: "NoPermission", accessDeniedDetail: { AuthAction: "ram:CreateUser" } }));
    expect(en.title).toBe("The console's own credentials are not allowed to call ram:CreateUser");
    expect(en.whatToDo).toBe(
      "The console's own credentials lack AliyunRamFullAccess. Attach AliyunRamFullAccess to the RAM user or role whose AccessKey the console uses, then retry.",
    );
    expect(zh.title).toBe("控制台自身的凭据没有权限调用 ram:CreateUser");
    expect(zh.whatToDo).toContain("AliyunRamFullAccess");
    expect(zh.whatToDo).toMatch(CJK);
    expect(zh).toMatchObject({ code: "NoPermission", source: "cloud", retryable: false });
  });

  it("words a wrong secret typed into the manual grant as the person's input", () => {
    const { en, zh } = both(() => explainError({ code: "SignatureDoesNotMatch", statusCode: 400 }, { principal: "entered" }));
    expect(en.title).toBe("The AccessKey secret you entered does not belong to that AccessKey ID");
    expect(zh.title).toBe("您输入的 AccessKey Secret 不属于该 AccessKey ID");
    expect(zh.whatToDo).toContain("未写入任何内容");
    expect(withLocale("zh-CN", () => explainError({ code: "Forbidden.AccessKeyDisabled" }, { principal: "entered" })).title).toBe("AccessKey 已被禁用");
  });

  it("words a Kubernetes Forbidden for the signed-in person with the groups that could be granted it", () => {
    const ctx: ErrorContext = { actingAs: { user: "alice", groups: ["dev", "ops"] } };
    const { en, zh } = both(() => explainKubernetesError({ reason: "Forbidden", code: 403, message: FORBIDDEN_UPDATE }, ctx));
    expect(en.title).toBe("alice may not update configmaps in kube-system");
    expect(en.whatToDo).toBe(
      'Kubernetes RBAC refuses this to you (alice). A cluster administrator can grant it: bind a Role in namespace kube-system that allows "update" on "configmaps" to user alice or to one of your groups (dev, ops).',
    );
    expect(zh.title).toBe("alice 无权在 kube-system 中对 configmaps 执行 update");
    for (const name of ["alice", "kube-system", '"update"', '"configmaps"', "dev, ops", "Role"]) expect(zh.whatToDo).toContain(name);
    expect(zh.detail).toBe(FORBIDDEN_UPDATE);
  });

  it("words a refused connection with the endpoint, and a sentence with the language's full stop", () => {
    const ctx = { endpoint: "the API server of cluster prod (https://10.0.0.1:6443)" };
    const { en, zh } = both(() => explainError(refused(), ctx));
    expect(en.title).toBe("Connection refused by the API server of cluster prod (https://10.0.0.1:6443)");
    expect(zh.title).toBe("the API server of cluster prod (https://10.0.0.1:6443) 拒绝了连接");
    expect(zh).toMatchObject({ code: "ECONNREFUSED", source: "network", retryable: true });
    expect(withLocale("zh-CN", () => errorSentence(zh))).toBe(`${zh.title}。${zh.whatToDo}`);
    expect(errorSentence(en)).toBe(`${en.title}. ${en.whatToDo}`);
  });

  it("words a console error when it is read, not when it was thrown", () => {
    const thrown = withLocale(
      "zh-CN",
      () => new InputError(words("errors.cloud.SignatureDoesNotMatch.titleEntered"), { accessKeySecret: words("errors.cloud.SignatureDoesNotMatch.titleEntered") }),
    );
    expect(explainError(thrown).title).toBe("The AccessKey secret you entered does not belong to that AccessKey ID");
    expect(thrown.fieldErrors).toEqual({ accessKeySecret: "The AccessKey secret you entered does not belong to that AccessKey ID" });
    expect(explainError(thrown).whatToDo).toBe("Change the highlighted fields and submit again; nothing was written.");
    const zh = withLocale("zh-CN", () => ({ explained: explainError(thrown), fields: thrown.fieldErrors, message: thrown.message }));
    expect(zh.explained).toMatchObject({ code: "InvalidInput", source: "console", title: "您输入的 AccessKey Secret 不属于该 AccessKey ID" });
    expect(zh.explained.whatToDo).toBe("请修改标出的字段后再次提交；未写入任何内容。");
    expect(zh.fields.accessKeySecret).toBe("您输入的 AccessKey Secret 不属于该 AccessKey ID");
    expect(zh.message).toBe("您输入的 AccessKey Secret 不属于该 AccessKey ID。请修改标出的字段后再次提交；未写入任何内容。");
    // Text already worded (an explained error passed on) stays as it was given.
    expect(withLocale("zh-CN", () => new ConsoleError({ code: "X", title: "n1", whatToDo: "kubectl delete node n1" }).message)).toBe("n1。kubectl delete node n1");
  });

  it("takes an explicit translator over the current language", () => {
    const zh = withLocale("en", () => explainError({ code: "Throttling" }, {}, translatorFor("zh-CN")));
    expect(zh.title).toBe("阿里云正在对请求限流");
  });
});

describe("every mapped error has words in both catalogues", () => {
  // Every branch of every table: whose credentials, with and without a resource, a namespace, a timeout.
  const cloudContexts: ErrorContext[] = [{}, { principal: "addon" }, { principal: "entered" }, { principal: "console", resource: "vk-user", action: "cs:DescribeAddons" }];
  const kubeContexts: ErrorContext[] = [{}, { actingAs: { user: "alice", groups: [] } }, { action: "update configmaps", resource: "kube-system/eci-profile" }];
  const kubeStatuses = [{}, { message: FORBIDDEN_UPDATE, details: { name: "eci-profile", kind: "ConfigMap", retryAfterSeconds: 3, causes: [{ field: "data", message: "bad" }] } }];

  const all = (): UserFacingError[] => [
    ...KNOWN_CLOUD_CODES.flatMap((code) => cloudContexts.map((ctx) => explainCloudError({ code, message: "m" }, ctx))),
    ...["ThrottlingX", "InvalidParameter.X", "EntityNotExist.X", "Unheard"].map((code) => explainCloudError({ code })),
    ...KNOWN_KUBE_REASONS.flatMap((reason) => kubeContexts.flatMap((ctx) => kubeStatuses.map((s) => explainKubernetesError({ reason, ...s }, ctx)))),
    explainKubernetesError({ code: 418, reason: "Teapot" }),
    ...KNOWN_NETWORK_CODES.flatMap((code) =>
      [{}, { endpoint: "E", timeoutSeconds: 5 }].map((ctx) =>
        explainError(code === "TLS" ? { cause: { code: "CERT_HAS_EXPIRED" } } : code.endsWith("Error") ? Object.assign(new Error("t"), { name: code }) : { cause: { code } }, ctx),
      ),
    ),
    explainError({ code: "ENOENT", syscall: "open", path: "/x" }),
    explainError(new Error("boom")),
    explainError(undefined),
  ];

  it("has no key left unworded and a Chinese text for every title and whatToDo", () => {
    const { en, zh } = both(all);
    expect(zh.length).toBe(en.length);
    const looksLikeKey = /\berrors\.[a-z]/i;
    en.forEach((e, i) => {
      const z = zh[i];
      expect(`${e.title} ${e.whatToDo}`).not.toMatch(looksLikeKey);
      expect(`${z.title} ${z.whatToDo}`).not.toMatch(looksLikeKey);
      expect(z.title, `${e.code}: ${e.title}`).toMatch(CJK);
      expect(z.whatToDo, `${e.code}: ${e.whatToDo}`).toMatch(CJK);
      expect({ code: z.code, source: z.source, retryable: z.retryable }).toEqual({ code: e.code, source: e.source, retryable: e.retryable });
    });
  });
});
