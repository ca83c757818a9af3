// Public surface of the ack-virtual-node add-on domain code (plain TypeScript, safe for server and browser).
export * from "./observed";
export * from "./state";
export * from "./ram-policy";
export * from "./mask";
export * from "./version";
export * from "./status";
