// Kubernetes label and annotation syntax (apimachinery validation.IsQualifiedName / IsValidLabelValue).
// The add-on copies selector labels into the vk-webhook's namespaceSelector/objectSelector and effect
// labels onto pods, so a key the apiserver would reject breaks the whole eci-profile, not just one entry.

const NAME_PART = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Why `key` is not a valid label/annotation key, or undefined when it is. */
export function qualifiedNameProblem(key: string): string | undefined {
  if (key === "") return 'the key is empty; give it a name such as "eci"';
  const parts = key.split("/");
  if (parts.length > 2) return `key "${key}" has more than one "/"; use "prefix/name", e.g. "alibabacloud.com/eci"`;
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (prefix !== undefined) {
    if (prefix === "") return `key "${key}" has an empty prefix before "/"; remove the "/" or add a domain such as "example.com"`;
    if (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)) return `key prefix "${prefix}" must be a lowercase DNS domain such as "k8s.aliyun.com"`;
  }
  if (name === "") return `key "${key}" has nothing after "/"; add a name`;
  if (name.length > 63) return `key name "${name}" is ${name.length} characters long; the limit is 63`;
  if (!NAME_PART.test(name)) return `key "${key}" may use only letters, digits, "-", "_" and ".", and must start and end with a letter or digit`;
  return undefined;
}

/** Why `value` is not a valid label value, or undefined when it is ("" is valid). */
export function labelValueProblem(value: string): string | undefined {
  if (value === "") return undefined;
  if (value.length > 63) return `label value "${value.slice(0, 20)}…" is ${value.length} characters long; the limit is 63`;
  if (!NAME_PART.test(value)) return `label value "${value}" may use only letters, digits, "-", "_" and ".", and must start and end with a letter or digit`;
  return undefined;
}
