// Names, labels and annotations of ack-virtual-node, as documented in ../shared/docs/ack-virtual-node.md (§1-§3).
export const NAMESPACE = "kube-system";
export const CONTROLLER_LABEL = "app=ack-virtual-node-controller";
export const CONTROLLER_DEPLOYMENT = "ack-virtual-node-controller";
export const ECI_PROFILE = "eci-profile";
export const ADDON_SECRET = "alibaba-addon-secret";
export const WEBHOOK_CONFIG = "vk-webhook";

export const NODE_PREFIX = "virtual-kubelet";
export const VIRTUAL_NODE_LABEL = { key: "type", value: "virtual-kubelet" };
export const VIRTUAL_NODE_TAINT = { key: "virtual-kubelet.io/provider", value: "alibabacloud", effect: "NoSchedule" };
/** Pod and namespace label of methods 1 and 2 (§3.1). */
export const ECI_LABEL = { key: "alibabacloud.com/eci", value: "true" };

export const ANNOTATIONS = {
  // Set by the user (§3.3), read at creation only.
  vSwitch: "k8s.aliyun.com/eci-vswitch",
  scheduleStrategy: "k8s.aliyun.com/eci-schedule-strategy",
  securityGroup: "k8s.aliyun.com/eci-security-group",
  useSpecs: "k8s.aliyun.com/eci-use-specs",
  // Set by the system (§3.3).
  instanceId: "k8s.aliyun.com/eci-instance-id",
  instanceSpec: "k8s.aliyun.com/eci-instance-spec",
  platformVersion: "k8s.aliyun.com/eci-platform-version",
} as const;

/** The ECI custom pod condition (S-cond) that says whether the container group exists, with the stock reasons. */
export const CONTAINER_INSTANCE_CREATED = "ContainerInstanceCreated";

export const virtualNodeName = (regionId: string, zoneId: string) => `${NODE_PREFIX}-${zoneId.startsWith(`${regionId}-`) ? zoneId : `${regionId}-${zoneId}`}`;
