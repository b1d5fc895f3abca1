/**
 * PostEverywhere's per-key limits (api-summary.md): X-RateLimit-* headers on every answer, 429 with
 * Retry-After when a window is full. Each window opens at its first request (not on the clock's
 * minute), so a test that fills one always sees the whole wait.
 */
import { PeApiError } from "./envelope.js";

export interface RateLimits {
  perMinute: number;
  perHour: number;
  perDay: number;
  createsPerMinute: number;
  createsPerHour: number;
  createsPerDay: number;
}

export const DOCUMENTED_LIMITS: RateLimits = {
  perMinute: 60,
  perHour: 1000,
  perDay: 10_000,
  createsPerMinute: 20,
  createsPerHour: 100,
  createsPerDay: 500,
};

const WINDOWS = [
  ["Minute", 60_000],
  ["Hour", 3_600_000],
  ["Day", 86_400_000],
] as const;

interface Window {
  start: number;
  count: number;
}

export class RateLimiter {
  readonly #windows = new Map<string, Window>();
  constructor(
    readonly limits: RateLimits,
    private readonly now: () => number,
  ) {}

  reset(): void {
    this.#windows.clear();
  }

  #window(bucket: string, ms: number, now: number): Window {
    let w = this.#windows.get(bucket);
    if (!w || now - w.start >= ms) {
      w = { start: now, count: 0 };
      this.#windows.set(bucket, w);
    }
    return w;
  }

  /** Counts one request; throws 429 when a window is full. Returns the headers for the answer. */
  take(key: string, isCreate: boolean): Record<string, string> {
    const now = this.now();
    const checks = WINDOWS.flatMap(([name, ms]) => {
      const all = {
        window: this.#window(`${key}:all:${name}`, ms, now),
        limit: this.limits[`per${name}`],
        ms,
      };
      if (!isCreate) return [all];
      const creates = {
        window: this.#window(`${key}:create:${name}`, ms, now),
        limit: this.limits[`createsPer${name}`],
        ms,
      };
      return [all, creates];
    });
    for (const c of checks) {
      if (c.window.count >= c.limit) {
        const wait = Math.max(1, Math.ceil((c.window.start + c.ms - now) / 1000));
        throw new PeApiError(429, "rate_limited", `Rate limit exceeded. Try again in ${wait} seconds.`, {
          "retry-after": String(wait),
          ...headers(c.limit, 0, c.window.start + c.ms),
        });
      }
    }
    for (const c of checks) c.window.count += 1;
    // The per-minute window of all requests is the one the headers describe.
    const minute = checks[0];
    if (!minute) return {};
    return headers(minute.limit, minute.limit - minute.window.count, minute.window.start + minute.ms);
  }
}

function headers(limit: number, remaining: number, resetAt: number): Record<string, string> {
  return {
    "x-ratelimit-limit": String(limit),
    "x-ratelimit-remaining": String(Math.max(0, remaining)),
    "x-ratelimit-reset": String(Math.ceil(resetAt / 1000)),
  };
}
