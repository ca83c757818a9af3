const SUFFIX: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  "": 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** A Kubernetes resource quantity ("500m", "32Gi", "1e3") as a number of base units. */
export function parseQuantity(text: string): number {
  const match = /^([+-]?[0-9.]+(?:[eE][+-]?\d+)?)([a-zA-Z]*)$/.exec(text.trim());
  // i18n-ignore: a malformed value from the API server, for the log; callers show the object's state without it
  if (!match || !(match[2] in SUFFIX)) throw new Error(`"${text}" is not a Kubernetes quantity`);
  return Number(match[1]) * SUFFIX[match[2]];
}
