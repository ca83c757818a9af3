/** metav1.Time: RFC 3339 with second precision, as the kubelet writes it. */
export const nowIso = () => new Date().toISOString().replace(/\.\d{3}Z$/, "Z");

/** metav1.MicroTime (Lease renewTime): the apiserver insists on exactly six fractional digits. */
export const microTime = (date = new Date()) => date.toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
