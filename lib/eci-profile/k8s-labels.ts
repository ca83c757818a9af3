// Kubernetes label and annotation syntax (apimachinery validation.IsQualifiedName / IsValidLabelValue).
// The add-on copies selector labels into the vk-webhook's namespaceSelector/objectSelector and effect
// labels onto pods, so a key the apiserver would reject breaks the whole eci-profile, not just one entry.
import { said, type Words } from "./words";

const NAME_PART = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Why `key` is not a valid label/annotation key, or undefined when it is. */
export function qualifiedNameProblem(key: string): Words | undefined {
  if (key === "") return said("validation.eciProfile.label.keyEmpty");
  const parts = key.split("/");
  if (parts.length > 2) return said("validation.eciProfile.label.keySlashes", { key });
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (prefix !== undefined) {
    if (prefix === "") return said("validation.eciProfile.label.keyEmptyPrefix", { key });
    if (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)) return said("validation.eciProfile.label.keyPrefix", { prefix });
  }
  if (name === "") return said("validation.eciProfile.label.keyNoName", { key });
  if (name.length > 63) return said("validation.eciProfile.label.keyNameLong", { name, length: name.length });
  if (!NAME_PART.test(name)) return said("validation.eciProfile.label.keyChars", { key });
  return undefined;
}

/** Why `value` is not a valid label value, or undefined when it is ("" is valid). */
export function labelValueProblem(value: string): Words | undefined {
  if (value === "") return undefined;
  if (value.length > 63) return said("validation.eciProfile.label.valueLong", { start: value.slice(0, 20), length: value.length });
  if (!NAME_PART.test(value)) return said("validation.eciProfile.label.valueChars", { value });
  return undefined;
}
