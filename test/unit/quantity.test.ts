import { describe, expect, it } from "vitest";
import { parseQuantity } from "@/lib/quantity";

describe("parseQuantity", () => {
  it("reads decimal and binary suffixes", () => {
    expect(parseQuantity("500m")).toBe(0.5);
    expect(parseQuantity("32Gi")).toBe(32 * 2 ** 30);
    expect(parseQuantity("110")).toBe(110);
    expect(parseQuantity("1k")).toBe(1000);
  });
  it("rejects what is not a quantity", () => {
    expect(() => parseQuantity("12 apples")).toThrow('"12 apples" is not a Kubernetes quantity');
  });
});
