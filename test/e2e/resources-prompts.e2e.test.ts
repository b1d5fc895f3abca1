// Resources (rules, accounts) and prompts, read through the built server over stdio.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Rig, SEED_ACCOUNT_IDS, startRig } from "../support/sandbox.js";

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => rig?.close());

describe("resources", () => {
  it("lists the rules and the accounts", async () => {
    const { resources } = await rig.server.client.listResources();
    expect(resources.map((r) => r.uri).sort()).toEqual(["genviral://accounts", "genviral://rules"]);
  });

  it("genviral://rules holds every rule with its source", async () => {
    const { contents } = await rig.server.client.readResource({ uri: "genviral://rules" });
    const body = JSON.parse((contents[0] as { text: string }).text) as {
      rules: Array<{ id: string; source: string }>;
      caption_limits: { hosted: number };
    };
    expect(body.caption_limits.hosted).toBe(500);
    expect(body.rules.length).toBeGreaterThan(30);
    for (const rule of body.rules) expect(rule.source).toMatch(/genviral-docs\/|\.txt/);
    expect(body.rules.map((r) => r.id)).toEqual(
      expect.arrayContaining(["caption_too_long", "music_tiktok_only", "scheduled_at_too_soon"]),
    );
  });

  it("genviral://accounts reads GET /accounts", async () => {
    const { contents } = await rig.server.client.readResource({ uri: "genviral://accounts" });
    const body = JSON.parse((contents[0] as { text: string }).text) as { accounts: Array<{ id: string }> };
    expect(body.accounts.map((a) => a.id)).toContain(SEED_ACCOUNT_IDS.tiktokByo);
  });

  it("an unknown resource is a clear protocol error", async () => {
    await expect(rig.server.client.readResource({ uri: "genviral://nope" })).rejects.toThrow(
      /Unknown resource/,
    );
  });
});

describe("prompts", () => {
  it("lists the three jobs", async () => {
    const { prompts } = await rig.server.client.listPrompts();
    expect(prompts.map((p) => p.name)).toEqual([
      "cross_post_video",
      "weekly_slideshow_plan",
      "fix_refused_post",
    ]);
  });

  it("renders a prompt with its arguments", async () => {
    const result = await rig.server.client.getPrompt({
      name: "cross_post_video",
      arguments: { video_url: "https://cdn.example.com/v.mp4", caption: "Launch" },
    });
    const text = (result.messages[0]?.content as { text?: string } | undefined)?.text ?? "";
    expect(text).toContain("https://cdn.example.com/v.mp4");
    expect(text).toContain("validate_post");
    expect(text).toContain("external_id");
  });

  it("names a missing required argument", async () => {
    await expect(rig.server.client.getPrompt({ name: "fix_refused_post", arguments: {} })).rejects.toThrow(
      /needs refusal/,
    );
  });
});
