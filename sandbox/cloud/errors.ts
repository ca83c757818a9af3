// Error type thrown by handlers and the JSON error body the real gateway returns
// (alicloud-openapi.md §6): {RequestId, HostId, Code, Message, Recommend}.
import { randomUUID } from "node:crypto";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function newRequestId(): string {
  return randomUUID().toUpperCase();
}

export function errorBody(err: ApiError, requestId: string, hostId: string, product: string): Record<string, unknown> {
  return {
    RequestId: requestId,
    HostId: hostId,
    Code: err.code,
    Message: err.message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(err.code)}&product=${encodeURIComponent(product)}&requestId=${requestId}`,
    ...err.extra,
  };
}

// Common gateway and parameter errors.
export const Errors = {
  incompleteSignature: (detail?: string) => new ApiError(400, "IncompleteSignature", `The request signature does not conform to Aliyun standards.${detail ? ` ${detail}` : ""}`),
  signatureMismatch: (stringToSign: string) =>
    new ApiError(400, "SignatureDoesNotMatch", `Specified signature does not match our calculation. server string to sign is:${stringToSign}`),
  accessKeyNotFound: () => new ApiError(400, "InvalidAccessKeyId.NotFound", "Specified access key is not found."),
  accessKeyDisabled: () => new ApiError(403, "Forbidden.AccessKeyDisabled", "The Access Key is disabled."),
  nonceUsed: () => new ApiError(400, "SignatureNonceUsed", "Specified signature nonce was used already."),
  timestampExpired: () => new ApiError(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired."),
  actionNotFound: () => new ApiError(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method."),
  missing: (param: string) => new ApiError(400, `Missing${param}`, `${param} is mandatory for this action.`),
  invalidParam: (param: string, message?: string) => new ApiError(400, `InvalidParameter.${param}`, message ?? `The specified parameter ${param} is not valid.`),
  regionNotFound: () => new ApiError(404, "InvalidRegionId.NotFound", "The specified RegionId does not exist."),
  throttled: () => new ApiError(400, "Throttling.User", "Request was denied due to user flow control."),
  internal: (message = "The request processing has failed due to some unknown error.") => new ApiError(500, "InternalError", message),
};
