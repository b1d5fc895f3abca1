import { describe, expect, it } from "vitest";
import { describeBody, parseEnvelope } from "../../src/providers/genviral/envelope.js";

describe("parseEnvelope", () => {
  it("reads a success envelope, from an object or from text", () => {
    const body = { ok: true, code: 200, message: "Accounts retrieved", data: { accounts: [] } };
    expect(parseEnvelope(body)).toEqual(body);
    expect(parseEnvelope(JSON.stringify(body))).toEqual(body);
  });

  it("reads a failure envelope with its error_code", () => {
    const env = parseEnvelope({
      ok: false,
      code: 401,
      message: "API key not found",
      error_code: "invalid_token",
    });
    expect(env?.ok).toBe(false);
    expect(env && !env.ok ? env.error_code : undefined).toBe("invalid_token");
  });

  it("rejects what is not an envelope", () => {
    expect(parseEnvelope("<html><body>Bad gateway</body></html>")).toBeUndefined();
    expect(parseEnvelope("")).toBeUndefined();
    expect(parseEnvelope(undefined)).toBeUndefined();
    expect(parseEnvelope({ data: {} })).toBeUndefined();
    expect(parseEnvelope({ ok: "yes" })).toBeUndefined();
    expect(parseEnvelope('{"ok": true, "data": ')).toBeUndefined();
  });
});

describe("describeBody", () => {
  it("names HTML, empty and foreign bodies", () => {
    expect(describeBody("<!doctype html><p>502</p>", "text/html")).toBe("an HTML page instead of JSON");
    expect(describeBody("", null)).toBe("an empty body");
    expect(describeBody("oops", "text/plain")).toBe("a text/plain body instead of JSON");
    expect(describeBody({ a: 1 }, "application/json")).toContain("not the documented");
  });
});
