/** Hands out the host addresses of an IPv4 CIDR (network, gateway and broadcast excluded), reusing freed ones. */
export class IpPool {
  private readonly base: number;
  private readonly size: number;
  private readonly used = new Set<number>();
  private next = 2;

  constructor(readonly cidr: string) {
    const [ip, bits] = cidr.split("/");
    this.base = ip.split(".").reduce((acc, octet) => acc * 256 + Number(octet), 0);
    this.size = 2 ** (32 - Number(bits));
  }

  get available() {
    return this.size - 3 - this.used.size;
  }

  contains(ip: string) {
    const n = toNumber(ip);
    return n > this.base && n < this.base + this.size - 1;
  }

  allocate(): string {
    for (let tried = 0; tried < this.size; tried++) {
      const offset = this.next;
      this.next = this.next + 1 >= this.size - 1 ? 2 : this.next + 1;
      if (!this.used.has(offset)) {
        this.used.add(offset);
        return toIp(this.base + offset);
      }
    }
    throw new Error(`no free IP address left in ${this.cidr}`);
  }

  reserve(ip: string) {
    if (this.contains(ip)) this.used.add(toNumber(ip) - this.base);
  }

  release(ip: string) {
    if (this.contains(ip)) this.used.delete(toNumber(ip) - this.base);
  }
}

const toNumber = (ip: string) => ip.split(".").reduce((acc, octet) => acc * 256 + Number(octet), 0);
const toIp = (n: number) => [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join(".");
