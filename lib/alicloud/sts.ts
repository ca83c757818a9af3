import "server-only";
import { stsClient } from "./clients";

export interface CallerIdentity {
  accountId: string;
  /** "RAMUser", "Account" (the root AccessKey) or "AssumedRoleUser". */
  identityType: string;
  arn: string;
  /** The RAM user's name, when the key belongs to a RAM user (from `acs:ram::<account>:user/<name>`). */
  userName?: string;
}

/**
 * Who owns an AccessKey pair (STS GetCallerIdentity, signed with that pair). It needs no RAM permission, so it fails
 * only when the pair itself is wrong: an unknown or disabled key, or a secret that does not match.
 */
export async function callerIdentity(keys: { accessKeyId: string; accessKeySecret: string }): Promise<CallerIdentity> {
  const sts = await stsClient(keys);
  const body = (await sts.getCallerIdentity()).body;
  const arn = body?.arn ?? "";
  const user = /^acs:ram::\d+:user\/(.+)$/.exec(arn);
  return { accountId: body?.accountId ?? "", identityType: body?.identityType ?? "", arn, userName: user?.[1] };
}
