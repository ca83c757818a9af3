import { describe, expect, it } from "vitest";
import { IpPool } from "@/sandbox/kubelet/ip-pool";

describe("IpPool", () => {
  it("hands out host addresses of the CIDR, never the network, gateway or broadcast address", () => {
    const pool = new IpPool("10.244.1.0/29");
    const ips = Array.from({ length: 5 }, () => pool.allocate());
    expect(ips).toEqual(["10.244.1.2", "10.244.1.3", "10.244.1.4", "10.244.1.5", "10.244.1.6"]);
    expect(() => pool.allocate()).toThrow("no free IP address left in 10.244.1.0/29");
  });

  it("reuses released addresses and honours reservations of adopted pods", () => {
    const pool = new IpPool("192.168.3.0/24");
    pool.reserve("192.168.3.2");
    expect(pool.allocate()).toBe("192.168.3.3");
    pool.release("192.168.3.2");
    expect(pool.available).toBe(252);
    expect(pool.contains("192.168.4.1")).toBe(false);
  });
});
