// STS 2015-04-01 (RPC): GetCallerIdentity, the identity behind the AccessKey that signed the request.
// Fields and values as documented (https://help.aliyun.com/en/ram/developer-reference/api-sts-2015-04-01-getcalleridentity):
// IdentityType Account | RAMUser (AssumedRoleUser needs STS tokens, which the emulator does not issue), AccountId,
// UserId (the account's or the RAM user's id), PrincipalId, Arn (acs:ram::<account>:root or acs:ram::<account>:user/<name>).
// "RAM authorization: No authorization for this operation": any valid key may call it, whatever its policies.
import type { Product } from "./types";

export const sts: Product = {
  name: "Sts",
  code: "sts",
  version: "2015-04-01",
  hostId: "sts.aliyuncs.com",
  style: "RPC",
  deniedCode: "NoPermission",
  actions: {
    GetCallerIdentity: {
      noAuth: true,
      handler(ctx) {
        const account = ctx.state.accountId;
        const name = ctx.caller.userName;
        if (name === null) return { IdentityType: "Account", AccountId: account, UserId: account, PrincipalId: account, Arn: `acs:ram::${account}:root` };
        // DeleteUser refuses while the user has AccessKeys, so a key's user always exists.
        const userId = ctx.state.users[name]?.userId ?? "";
        return { IdentityType: "RAMUser", AccountId: account, UserId: userId, PrincipalId: userId, Arn: `acs:ram::${account}:user/${name}` };
      },
    },
  },
};
