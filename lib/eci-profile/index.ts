// Public surface of the eci-profile domain code (plain TypeScript, safe for server and browser).
export * from "./profile";
export * from "./schema";
export * from "./parse";
export * from "./selectors-json";
export * from "./validate-against-vpc";
export * from "./diff";
export * from "./zones";
export { diffLines, type DiffLine } from "./line-diff";
export { idFormatProblem, type IdKind } from "./ids";
export * from "./check";
export * from "./network";
