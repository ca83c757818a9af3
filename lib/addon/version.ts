// The add-on version as the cluster shows it: the controller image tag.

/**
 * "registry-vpc.cn-hangzhou.aliyuncs.com/acs/virtual-nodes-eci:v2.13.0" -> "v2.13.0".
 * Handles a registry port ("host:5000/acs/x:tag") and digests ("…:tag@sha256:…"); undefined without a tag.
 */
export function versionFromImage(image: string | undefined): string | undefined {
  if (!image) return undefined;
  const withoutDigest = image.split("@")[0];
  const lastSegment = withoutDigest.slice(withoutDigest.lastIndexOf("/") + 1);
  const colon = lastSegment.lastIndexOf(":");
  return colon >= 0 && colon < lastSegment.length - 1 ? lastSegment.slice(colon + 1) : undefined;
}
