import { describe, expect, it } from "vitest";
import { logText, MAX_LOG_CHARS } from "../../src/log.js";
import { createRedactor } from "../../src/redact.js";

const KEY = "gva_live_x1y2z3.abcd1234efgh5678ijkl";

describe("createRedactor", () => {
  const redact = createRedactor([KEY, undefined]);

  it("hides the key as is, URL-encoded and JSON-escaped", () => {
    expect(redact(`key=${KEY}`)).toBe("key=[redacted]");
    expect(redact(`url?k=${encodeURIComponent(KEY)}`)).not.toContain("x1y2z3");
    const quirky = 'gva_live_a"b\\c.0123456789abcdef';
    const json = JSON.stringify({ k: quirky });
    expect(createRedactor([quirky])(json)).toBe('{"k":"[redacted]"}');
  });

  it("hides the secret half of a <public_id>.<secret> key on its own", () => {
    expect(redact("secret abcd1234efgh5678ijkl leaked")).toBe("secret [redacted] leaked");
  });

  it("hides bearer credentials whatever key they hold, without breaking JSON", () => {
    const text = JSON.stringify({ header: "Authorization: Bearer someOtherToken_1234567890abc" });
    const out = redact(text);
    expect(out).not.toContain("someOtherToken");
    expect(JSON.parse(out)).toEqual({ header: "Authorization: Bearer [redacted]" });
  });

  it("leaves prose alone", () => {
    expect(redact("Bearer of good news: 3 looks for the weekend")).toBe(
      "Bearer of good news: 3 looks for the weekend",
    );
  });

  it("ignores secrets too short to be keys", () => {
    expect(createRedactor(["abc"])("abc abc")).toBe("abc abc");
  });
});

describe("logText", () => {
  it("redacts before it shortens, so a cut never leaves part of a key", () => {
    const redact = createRedactor([KEY]);
    const message = `${"x".repeat(MAX_LOG_CHARS - 10)}${KEY}${"y".repeat(100)}`;
    const out = logText(message, redact);
    expect(out).not.toContain("gva_live_x1y2");
    expect(out).toMatch(/more characters\)$/);
    expect(out.length).toBeLessThan(MAX_LOG_CHARS + 50);
  });
});
