import { describe, expect, it } from "vitest";
import { violationsFromIssues } from "../../src/preflight/schema-issues.js";
import { renderViolations } from "../../src/preflight/violation.js";
import { createPostBody } from "../../src/schemas/post-input.js";

const violationsFor = (input: unknown) => {
  const parsed = createPostBody.safeParse(input);
  if (parsed.success) return [];
  return violationsFromIssues(parsed.error.issues, input);
};

describe("schema violations", () => {
  it("reports every problem at once, each with field, limit, actual and a fix", () => {
    const violations = violationsFor({
      caption: "x".repeat(63207),
      accounts: [],
      media: { type: "slideshow", urls: [] },
      scheduled_at: "tomorrow",
      surprise: 1,
    });
    const byField = Object.fromEntries(violations.map((v) => [v.field, v]));
    expect(byField.caption).toMatchObject({ code: "too_long", limit: 63206, actual: 63207 });
    expect(byField.accounts).toMatchObject({ code: "too_short", limit: 1, actual: 0 });
    expect(byField["media.urls"]).toMatchObject({ code: "too_short", limit: 1, actual: 0 });
    expect(byField.scheduled_at).toMatchObject({ code: "bad_format" });
    expect(byField.surprise).toMatchObject({ code: "unknown_field" });
    for (const v of violations) expect(v.hint.length).toBeGreaterThan(5);
  });

  it("names a missing required field and a wrong enum value", () => {
    const violations = violationsFor({ accounts: [{ id: "a" }], tiktok: { privacy_level: "EVERYONE" } });
    expect(violations).toContainEqual(expect.objectContaining({ code: "required", field: "caption" }));
    expect(violations).toContainEqual(
      expect.objectContaining({ code: "not_allowed", field: "tiktok.privacy_level", actual: '"EVERYONE"' }),
    );
  });

  it("renders one line per violation", () => {
    const text = renderViolations(
      violationsFor({ caption: "", accounts: [{ id: "a" }], media: { type: "gif" } }),
    );
    expect(text.split("\n").filter((l) => l.startsWith("- "))).toHaveLength(2);
    expect(text).toContain("caption");
    expect(text).toContain("media");
  });
});
