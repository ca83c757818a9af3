// RAM 2015-05-01 (RPC): users, policies (with versions), attachments and AccessKeys.
import { ApiError } from "./errors";
import { accessKeyId as newAccessKeyId, accessKeySecret as newSecret, isoNow, numericId } from "./ids";
import { parsePolicyDocument, type PolicyDocument } from "./policy-eval";
import type { CloudState, CustomPolicy, RamUser } from "./state";
import { findSystemPolicy, SYSTEM_POLICIES, SYSTEM_POLICY_CREATE_DATE } from "./system-policies";
import { boolParam, type Ctx, intParam, optional, type Product, required } from "./types";

const MAX_ACCESS_KEYS = 2;
const MAX_POLICY_VERSIONS = 5;

const notExist = (what: "User" | "Policy" | "User.Policy" | "User.AccessKey" | "Policy.Version", message: string) => new ApiError(404, `EntityNotExist.${what}`, message);

function userName(ctx: Ctx, name = "UserName"): string {
  const v = required(ctx, name);
  if (v.length > 64) throw new ApiError(400, "InvalidParameter.UserName.Length", "The parameter UserName beyond the length limit.");
  if (!/^[a-zA-Z0-9._@-]+$/.test(v)) throw new ApiError(400, "InvalidParameter.UserName.InvalidChars", "The parameter UserName contains invalid chars.");
  return v;
}

function policyName(ctx: Ctx): string {
  const v = required(ctx, "PolicyName");
  if (v.length > 128) throw new ApiError(400, "InvalidParameter.PolicyName.Length", "The parameter PolicyName beyond the length limit.");
  if (!/^[a-zA-Z0-9-]+$/.test(v)) throw new ApiError(400, "InvalidParameter.PolicyName.InvalidChars", "The parameter PolicyName contains invalid chars.");
  return v;
}

function policyType(ctx: Ctx): "System" | "Custom" {
  const v = required(ctx, "PolicyType");
  if (v !== "System" && v !== "Custom") throw new ApiError(400, "InvalidParameter.PolicyType", "The parameter PolicyType is invalid; it must be System or Custom.");
  return v;
}

function policyDocument(ctx: Ctx): string {
  const v = required(ctx, "PolicyDocument");
  if (v.length > 6144) throw new ApiError(400, "InvalidParameter.PolicyDocument.Length", "The parameter PolicyDocument beyond the length limit.");
  const r = parsePolicyDocument(v);
  if (!r.ok) throw new ApiError(400, "MalformedPolicyDocument", r.message);
  return v;
}

function limited(ctx: Ctx, name: string, max: number): string | undefined {
  const v = optional(ctx, name);
  if (v !== undefined && v.length > max) throw new ApiError(400, `InvalidParameter.${name}.Length`, `The parameter ${name} beyond the length limit.`);
  return v;
}

function getUser(state: CloudState, name: string): RamUser {
  const u = state.users[name];
  if (!u) throw notExist("User", "The user does not exist.");
  return u;
}

function getCustom(state: CloudState, name: string): CustomPolicy {
  const p = state.policies[name];
  if (!p) throw notExist("Policy", "The policy does not exist.");
  return p;
}

/** Resolves a policy of either type to a uniform view. */
function resolvePolicy(state: CloudState, name: string, type: "System" | "Custom") {
  if (type === "System") {
    const s = findSystemPolicy(name);
    if (!s) throw notExist("Policy", "The policy does not exist.");
    return {
      policyName: s.policyName,
      policyType: type,
      description: s.description,
      defaultVersion: "v1",
      createDate: SYSTEM_POLICY_CREATE_DATE,
      updateDate: SYSTEM_POLICY_CREATE_DATE,
      versions: [{ versionId: "v1", document: s.document, createDate: SYSTEM_POLICY_CREATE_DATE }],
    };
  }
  const p = getCustom(state, name);
  return { ...p, policyType: type };
}

/** The (user, policy) pair an Attach/Detach call names, both checked to exist. */
function attachment(ctx: Ctx) {
  const type = policyType(ctx);
  const uname = userName(ctx);
  getUser(ctx.state, uname);
  return { type, uname, p: resolvePolicy(ctx.state, policyName(ctx), type) };
}

function attachmentCount(state: CloudState, name: string, type: string): number {
  return state.attachments.filter((a) => a.policyName === name && a.policyType === type).length;
}

/** The documents of every policy attached to a RAM user (default versions). */
export function policyDocsForUser(state: CloudState, user: string): PolicyDocument[] {
  const out: PolicyDocument[] = [];
  for (const a of state.attachments) {
    if (a.userName !== user) continue;
    const text =
      a.policyType === "System"
        ? findSystemPolicy(a.policyName)?.document
        : state.policies[a.policyName]?.versions.find((v) => v.versionId === state.policies[a.policyName].defaultVersion)?.document;
    const parsed = text ? parsePolicyDocument(text) : undefined;
    if (parsed?.ok) out.push(parsed.doc);
  }
  return out;
}

function userView(u: RamUser) {
  return {
    UserId: u.userId,
    UserName: u.userName,
    DisplayName: u.displayName,
    MobilePhone: u.mobilePhone,
    Email: u.email,
    Comments: u.comments,
    CreateDate: u.createDate,
    UpdateDate: u.updateDate,
  };
}

function versionView(p: { defaultVersion: string }, v: { versionId: string; document: string; createDate: string }) {
  return { VersionId: v.versionId, IsDefaultVersion: v.versionId === p.defaultVersion, PolicyDocument: v.document, CreateDate: v.createDate };
}

/** The user an AccessKey call acts on: UserName, or the calling RAM user itself. Null = the root account. */
function keyOwner(ctx: Ctx): string | null {
  const name = optional(ctx, "UserName") !== undefined ? userName(ctx) : ctx.caller.userName;
  if (name !== null) getUser(ctx.state, name);
  return name;
}

function page<T>(ctx: Ctx, items: T[]) {
  const max = intParam(ctx, "MaxItems", 100, 1, 1000);
  const start = optional(ctx, "Marker") !== undefined ? Number(Buffer.from(ctx.query.Marker, "base64url").toString()) || 0 : 0;
  const slice = items.slice(start, start + max);
  const truncated = start + max < items.length;
  return { slice, IsTruncated: truncated, ...(truncated ? { Marker: Buffer.from(String(start + max)).toString("base64url") } : {}) };
}

const acct = (ctx: Ctx) => ctx.state.accountId;
const userArn = (ctx: Ctx) => `acs:ram:*:${acct(ctx)}:user/${ctx.query.UserName ?? ctx.caller.userName ?? "*"}`;
const policyArn = (ctx: Ctx) => `acs:ram:*:${acct(ctx)}:policy/${ctx.query.PolicyName ?? "*"}`;

export const ram: Product = {
  name: "Ram",
  code: "ram",
  version: "2015-05-01",
  hostId: "ram.aliyuncs.com",
  style: "RPC",
  deniedCode: "NoPermission",
  actions: {
    CreateUser: {
      mutates: true,
      resource: userArn,
      handler(ctx) {
        const name = userName(ctx);
        if (ctx.state.users[name]) throw new ApiError(409, "EntityAlreadyExists.User", "The user does already EXIST.");
        const now = isoNow();
        const u: RamUser = {
          userId: numericId(16),
          userName: name,
          displayName: limited(ctx, "DisplayName", 128) ?? name,
          mobilePhone: optional(ctx, "MobilePhone") ?? "",
          email: optional(ctx, "Email") ?? "",
          comments: limited(ctx, "Comments", 128) ?? "",
          createDate: now,
          updateDate: now,
        };
        ctx.state.users[name] = u;
        const { UpdateDate: _ignored, ...view } = userView(u);
        return { User: view };
      },
    },
    GetUser: { resource: userArn, handler: (ctx) => ({ User: { ...userView(getUser(ctx.state, userName(ctx))), LastLoginDate: "" } }) },
    ListUsers: {
      handler(ctx) {
        const p = page(
          ctx,
          Object.values(ctx.state.users).sort((a, b) => a.userName.localeCompare(b.userName)),
        );
        return { IsTruncated: p.IsTruncated, ...(p.Marker ? { Marker: p.Marker } : {}), Users: { User: p.slice.map(userView) } };
      },
    },
    DeleteUser: {
      mutates: true,
      resource: userArn,
      handler(ctx) {
        const name = userName(ctx);
        getUser(ctx.state, name);
        if (ctx.state.attachments.some((a) => a.userName === name))
          throw new ApiError(409, "DeleteConflict.User.Policy", "The user has attached policies; detach them before deleting the user.");
        if (Object.values(ctx.state.accessKeys).some((k) => k.userName === name))
          throw new ApiError(409, "DeleteConflict.User.AccessKey", "The user has AccessKeys; delete them before deleting the user.");
        delete ctx.state.users[name];
        return {};
      },
    },
    CreatePolicy: {
      mutates: true,
      resource: policyArn,
      handler(ctx) {
        const name = policyName(ctx);
        const document = policyDocument(ctx);
        const description = limited(ctx, "Description", 1024) ?? "";
        if (ctx.state.policies[name] || findSystemPolicy(name)) throw new ApiError(409, "EntityAlreadyExists.Policy", "The policy already exists.");
        const now = isoNow();
        ctx.state.policies[name] = {
          policyName: name,
          description,
          createDate: now,
          updateDate: now,
          defaultVersion: "v1",
          nextVersion: 2,
          versions: [{ versionId: "v1", document, createDate: now }],
        };
        return { Policy: { PolicyName: name, PolicyType: "Custom", Description: description, DefaultVersion: "v1", CreateDate: now } };
      },
    },
    GetPolicy: {
      resource: policyArn,
      handler(ctx) {
        const name = policyName(ctx);
        const type = policyType(ctx);
        const p = resolvePolicy(ctx.state, name, type);
        const def = p.versions.find((v) => v.versionId === p.defaultVersion)!;
        return {
          Policy: {
            PolicyName: p.policyName,
            PolicyType: type,
            Description: p.description,
            DefaultVersion: p.defaultVersion,
            PolicyDocument: def.document,
            AttachmentCount: attachmentCount(ctx.state, p.policyName, type),
            CreateDate: p.createDate,
            UpdateDate: p.updateDate,
          },
          DefaultPolicyVersion: versionView(p, def),
        };
      },
    },
    ListPolicies: {
      handler(ctx) {
        const type = optional(ctx, "PolicyType");
        if (type !== undefined && type !== "System" && type !== "Custom")
          throw new ApiError(400, "InvalidParameter.PolicyType", "The parameter PolicyType is invalid; it must be System or Custom.");
        const all = [
          ...(type !== "Custom" ? Object.values(SYSTEM_POLICIES).map((s) => resolvePolicy(ctx.state, s.policyName, "System")) : []),
          ...(type !== "System" ? Object.values(ctx.state.policies).map((c) => ({ ...c, policyType: "Custom" as const })) : []),
        ];
        const p = page(ctx, all);
        return {
          IsTruncated: p.IsTruncated,
          ...(p.Marker ? { Marker: p.Marker } : {}),
          Policies: {
            Policy: p.slice.map((x) => ({
              PolicyName: x.policyName,
              PolicyType: x.policyType,
              Description: x.description,
              DefaultVersion: x.defaultVersion,
              AttachmentCount: attachmentCount(ctx.state, x.policyName, x.policyType),
              CreateDate: x.createDate,
              UpdateDate: x.updateDate,
            })),
          },
        };
      },
    },
    DeletePolicy: {
      mutates: true,
      resource: policyArn,
      handler(ctx) {
        const name = policyName(ctx);
        const p = getCustom(ctx.state, name);
        if (attachmentCount(ctx.state, name, "Custom") > 0)
          throw new ApiError(409, "DeleteConflict.Policy.User", "The policy CAN NOT been attached to any user while deleting the policy.");
        if (p.versions.length > 1 && boolParam(ctx, "CascadingDelete") !== true)
          throw new ApiError(409, "DeleteConflict.Policy.Version", "The policy has non-default versions; delete them or set CascadingDelete to true.");
        delete ctx.state.policies[name];
        return {};
      },
    },
    CreatePolicyVersion: {
      mutates: true,
      resource: policyArn,
      handler(ctx) {
        const p = getCustom(ctx.state, policyName(ctx));
        const document = policyDocument(ctx);
        const setAsDefault = boolParam(ctx, "SetAsDefault") ?? false;
        const rotate = optional(ctx, "RotateStrategy") ?? "None";
        if (rotate !== "None" && rotate !== "DeleteOldestNonDefaultVersionWhenLimitExceeded")
          throw new ApiError(400, "InvalidParameter.RotateStrategy", "The parameter RotateStrategy is invalid.");
        if (p.versions.length >= MAX_POLICY_VERSIONS) {
          if (rotate === "None") throw new ApiError(409, "LimitExceeded.Policy.Version", "The count of versions of the policy beyond the current limits.");
          const oldest = p.versions.findIndex((v) => v.versionId !== p.defaultVersion);
          p.versions.splice(oldest, 1);
        }
        const now = isoNow();
        const v = { versionId: `v${p.nextVersion++}`, document, createDate: now };
        p.versions.push(v);
        if (setAsDefault) p.defaultVersion = v.versionId;
        p.updateDate = now;
        return { PolicyVersion: versionView(p, v) };
      },
    },
    GetPolicyVersion: {
      resource: policyArn,
      handler(ctx) {
        const p = resolvePolicy(ctx.state, policyName(ctx), policyType(ctx));
        const id = required(ctx, "VersionId");
        const v = p.versions.find((x) => x.versionId === id);
        if (!v) throw notExist("Policy.Version", "The policy version does not exist.");
        return { PolicyVersion: versionView(p, v) };
      },
    },
    ListPolicyVersions: {
      resource: policyArn,
      handler(ctx) {
        const p = resolvePolicy(ctx.state, policyName(ctx), policyType(ctx));
        return { PolicyVersions: { PolicyVersion: p.versions.map((v) => versionView(p, v)) } };
      },
    },
    SetDefaultPolicyVersion: {
      mutates: true,
      resource: policyArn,
      handler(ctx) {
        const p = getCustom(ctx.state, policyName(ctx));
        const id = required(ctx, "VersionId");
        if (!p.versions.some((v) => v.versionId === id)) throw notExist("Policy.Version", "The policy version does not exist.");
        p.defaultVersion = id;
        p.updateDate = isoNow();
        return {};
      },
    },
    DeletePolicyVersion: {
      mutates: true,
      resource: policyArn,
      handler(ctx) {
        const p = getCustom(ctx.state, policyName(ctx));
        const id = required(ctx, "VersionId");
        const i = p.versions.findIndex((v) => v.versionId === id);
        if (i < 0) throw notExist("Policy.Version", "The policy version does not exist.");
        if (p.defaultVersion === id) throw new ApiError(409, "DeleteConflict.Policy.Version.Default", "The default version of the policy can not be deleted.");
        p.versions.splice(i, 1);
        return {};
      },
    },
    AttachPolicyToUser: {
      mutates: true,
      resource: userArn,
      handler(ctx) {
        const { type, uname, p } = attachment(ctx);
        if (ctx.state.attachments.some((a) => a.userName === uname && a.policyName === p.policyName && a.policyType === type))
          throw new ApiError(409, "EntityAlreadyExists.User.Policy", "The user has already been attached this policy.");
        ctx.state.attachments.push({ userName: uname, policyName: p.policyName, policyType: type, attachDate: isoNow() });
        return {};
      },
    },
    DetachPolicyFromUser: {
      mutates: true,
      resource: userArn,
      handler(ctx) {
        const { type, uname, p } = attachment(ctx);
        const i = ctx.state.attachments.findIndex((a) => a.userName === uname && a.policyName === p.policyName && a.policyType === type);
        if (i < 0) throw notExist("User.Policy", "The indicate policy of the user does not exist.");
        ctx.state.attachments.splice(i, 1);
        return {};
      },
    },
    ListPoliciesForUser: {
      resource: userArn,
      handler(ctx) {
        const uname = userName(ctx);
        getUser(ctx.state, uname);
        const list = ctx.state.attachments
          .filter((a) => a.userName === uname)
          .map((a) => {
            const p = resolvePolicy(ctx.state, a.policyName, a.policyType);
            return { PolicyName: p.policyName, PolicyType: a.policyType, Description: p.description, DefaultVersion: p.defaultVersion, AttachDate: a.attachDate };
          });
        return { Policies: { Policy: list } };
      },
    },
    CreateAccessKey: {
      mutates: true,
      resource: userArn,
      handler(ctx) {
        const owner = keyOwner(ctx);
        if (Object.values(ctx.state.accessKeys).filter((k) => k.userName === owner).length >= MAX_ACCESS_KEYS)
          throw new ApiError(409, "LimitExceeded.User.AccessKey", "The count of access keys of the user beyond the current limits.");
        const k = { accessKeyId: newAccessKeyId(), accessKeySecret: newSecret(), userName: owner, status: "Active" as const, createDate: isoNow() };
        ctx.state.accessKeys[k.accessKeyId] = k;
        return { AccessKey: { AccessKeyId: k.accessKeyId, AccessKeySecret: k.accessKeySecret, Status: k.status, CreateDate: k.createDate } };
      },
    },
    ListAccessKeys: {
      resource: userArn,
      handler(ctx) {
        const owner = keyOwner(ctx);
        const keys = Object.values(ctx.state.accessKeys).filter((k) => k.userName === owner);
        return { AccessKeys: { AccessKey: keys.map((k) => ({ AccessKeyId: k.accessKeyId, Status: k.status, CreateDate: k.createDate })) } };
      },
    },
    UpdateAccessKey: {
      mutates: true,
      resource: userArn,
      handler(ctx) {
        const owner = keyOwner(ctx);
        const id = required(ctx, "UserAccessKeyId");
        const status = required(ctx, "Status");
        if (status !== "Active" && status !== "Inactive") throw new ApiError(400, "InvalidParameter.Status", "The parameter Status must be Active or Inactive.");
        const k = ctx.state.accessKeys[id];
        if (!k || k.userName !== owner) throw notExist("User.AccessKey", "The user access key does not exist.");
        k.status = status;
        return {};
      },
    },
    DeleteAccessKey: {
      mutates: true,
      resource: userArn,
      handler(ctx) {
        const owner = keyOwner(ctx);
        const id = required(ctx, "UserAccessKeyId");
        const k = ctx.state.accessKeys[id];
        if (!k || k.userName !== owner) throw notExist("User.AccessKey", "The user access key does not exist.");
        delete ctx.state.accessKeys[id];
        return {};
      },
    },
  },
};
