/** Slows token guessing: after 10 wrong tokens within a minute, sign-in pauses for the rest of that minute. */
class FailureWindow {
  private failures: number[] = [];
  constructor(private readonly limit: number, private readonly windowMs: number) {}

  fail(now = Date.now()) {
    this.failures = [...this.failures.filter((t) => now - t < this.windowMs), now];
  }

  retryAfterSeconds(now = Date.now()) {
    this.failures = this.failures.filter((t) => now - t < this.windowMs);
    return this.failures.length >= this.limit ? Math.ceil((this.failures[0] + this.windowMs - now) / 1000) : 0;
  }
}

export const signInThrottle = new FailureWindow(10, 60_000);
