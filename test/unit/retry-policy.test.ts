import { describe, expect, it } from "vitest";
import {
  connectionRefused,
  jitter,
  mayRetry,
  RETRY_STATUSES,
  retryAfterSeconds,
} from "../../src/providers/http/retry-policy.js";

const roomy = { maxRetryAfterMs: 10_000, remainingMs: 45_000 };

describe("retryAfterSeconds", () => {
  it("reads delta-seconds, rounding fractions up", () => {
    expect(retryAfterSeconds("0")).toBe(0);
    expect(retryAfterSeconds("1")).toBe(1);
    expect(retryAfterSeconds(" 120 ")).toBe(120);
    expect(retryAfterSeconds("1.2")).toBe(2);
  });
  it("reads an HTTP date relative to now, never negative", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(retryAfterSeconds("Thu, 01 Jan 2026 00:00:30 GMT", now)).toBe(30);
    expect(retryAfterSeconds("Wed, 31 Dec 2025 23:00:00 GMT", now)).toBe(0);
  });
  it("is undefined when absent or unreadable", () => {
    expect(retryAfterSeconds(null)).toBeUndefined();
    expect(retryAfterSeconds("")).toBeUndefined();
    expect(retryAfterSeconds("soon")).toBeUndefined();
    expect(retryAfterSeconds("-5")).toBeUndefined();
  });
});

describe("connectionRefused", () => {
  it("finds ECONNREFUSED anywhere in the cause chain (ky NetworkError → fetch TypeError → socket error)", () => {
    const socket = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" });
    const fetchError = new TypeError("fetch failed", { cause: socket });
    expect(connectionRefused(new Error("Network error", { cause: fetchError }))).toBe(true);
  });
  it("is false for resets, drops and non-errors", () => {
    const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    expect(connectionRefused(new TypeError("fetch failed", { cause: reset }))).toBe(false);
    expect(connectionRefused(undefined)).toBe(false);
    expect(connectionRefused("ECONNREFUSED")).toBe(false);
  });
});

describe("mayRetry", () => {
  it("retries reads and idempotent writes on 408, 429 and 5xx, never on other 4xx", () => {
    for (const status of RETRY_STATUSES) {
      expect(mayRetry("any", { status, timedOut: false, refused: false }, roomy), `${status}`).toBe(true);
    }
    for (const status of [400, 401, 402, 403, 404, 409, 413, 422]) {
      expect(mayRetry("any", { status, timedOut: false, refused: false }, roomy), `${status}`).toBe(false);
    }
  });
  it("retries timeouts and dropped connections only where a repeat is harmless", () => {
    expect(mayRetry("any", { timedOut: true, refused: false }, roomy)).toBe(true);
    expect(mayRetry("any", { timedOut: false, refused: false }, roomy)).toBe(true);
    expect(mayRetry("not-processed", { timedOut: true, refused: false }, roomy)).toBe(false);
    expect(mayRetry("not-processed", { timedOut: false, refused: false }, roomy)).toBe(false);
  });
  it("retries non-idempotent writes only when the API provably did not act: 429 or a refused connection", () => {
    expect(mayRetry("not-processed", { status: 429, timedOut: false, refused: false }, roomy)).toBe(true);
    expect(mayRetry("not-processed", { timedOut: false, refused: true }, roomy)).toBe(true);
    for (const status of [408, 500, 502, 503, 504]) {
      expect(mayRetry("not-processed", { status, timedOut: false, refused: false }, roomy), `${status}`).toBe(
        false,
      );
    }
  });
  it("does not sleep through a Retry-After over the cap or past the call's budget", () => {
    const at = (seconds: number, limits = roomy) =>
      mayRetry("any", { status: 429, retryAfterSeconds: seconds, timedOut: false, refused: false }, limits);
    expect(at(0)).toBe(true);
    expect(at(10)).toBe(true);
    expect(at(11)).toBe(false);
    expect(at(5, { maxRetryAfterMs: 10_000, remainingMs: 4_000 })).toBe(false);
  });
});

describe("jitter", () => {
  it("keeps between half and all of the delay", () => {
    expect(jitter(1000, () => 0)).toBe(500);
    expect(jitter(1000, () => 0.999999)).toBeCloseTo(1000, 0);
    for (let i = 0; i < 100; i++) {
      const d = jitter(300);
      expect(d).toBeGreaterThanOrEqual(150);
      expect(d).toBeLessThanOrEqual(300);
    }
  });
});
