import { describe, expect, it } from "vitest";
import { createPostBody } from "../../src/schemas/post-input.js";
import { toInputJsonSchema } from "../../src/tools/json-schema.js";
import { decodeJsonStrings } from "../../src/tools/json-strings.js";

const schema = toInputJsonSchema(createPostBody);

describe("decodeJsonStrings", () => {
  it("decodes objects and arrays that arrive as JSON strings where the schema wants them", () => {
    const args = {
      caption: "[not json] but a caption",
      media: '{"type":"slideshow","urls":["https://cdn.example.com/a.jpg"]}',
      accounts: '[{"id":"abc"}]',
      tiktok: '{"privacy_level":"SELF_ONLY"}',
    };
    expect(decodeJsonStrings(args, schema)).toEqual({
      caption: "[not json] but a caption",
      media: { type: "slideshow", urls: ["https://cdn.example.com/a.jpg"] },
      accounts: [{ id: "abc" }],
      tiktok: { privacy_level: "SELF_ONLY" },
    });
  });

  it("leaves strings the schema wants as strings, and broken JSON as it was", () => {
    expect(decodeJsonStrings({ caption: "{}" }, schema)).toEqual({ caption: "{}" });
    expect(decodeJsonStrings({ media: "{broken" }, schema)).toEqual({ media: "{broken" });
  });

  it("keeps __proto__ as data", () => {
    const input = JSON.parse('{"caption":"x","__proto__":{"polluted":true}}');
    const out = decodeJsonStrings(input, schema) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(out)).toContain("__proto__");
  });
});
