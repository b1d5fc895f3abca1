// What a newcomer does first: `genviral-mcp --sandbox`, no key, every tool against the simulation.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SpawnedServer, spawnServer, textOf } from "../support/mcp.js";
import { minutesFromNow, SEED_ACCOUNT_IDS } from "../support/sandbox.js";

describe("--sandbox", () => {
  let server: SpawnedServer;
  beforeAll(async () => {
    server = await spawnServer({ args: ["--sandbox"] });
  });
  afterAll(async () => server?.close());

  it("runs the whole post lifecycle without a key", async () => {
    const accounts = await server.call("list_accounts");
    const platforms = new Set(
      (accounts.structuredContent as { accounts: Array<{ platform: string }> }).accounts.map(
        (a) => a.platform,
      ),
    );
    expect(platforms).toEqual(
      new Set(["tiktok", "instagram", "youtube", "pinterest", "linkedin", "facebook"]),
    );

    const post = {
      caption: "Launch day",
      media: { type: "slideshow", urls: ["https://cdn.example.com/1.jpg", "https://cdn.example.com/2.jpg"] },
      accounts: [{ id: SEED_ACCOUNT_IDS.instagramByo }],
      scheduled_at: minutesFromNow(90),
      external_id: "launch-1",
    };
    const created = await server.call("schedule_post", post);
    expect(created.structuredContent).toMatchObject({
      status: "scheduled",
      duplicate: false,
      external_id: "launch-1",
    });
    const id = (created.structuredContent as { id: string }).id;

    const replay = await server.call("schedule_post", post);
    expect(replay.structuredContent).toMatchObject({ id, duplicate: true });

    const conflict = await server.call("schedule_post", { ...post, caption: "Other words" });
    expect(conflict.isError).toBe(true);
    expect(textOf(conflict)).toMatch(/409 create_failed/);

    const updated = await server.call("update_post", { post_id: id, caption: "Launch day — updated" });
    expect(updated.isError).toBeFalsy();

    const listed = await server.call("list_posts", { status: "scheduled" });
    const page = listed.structuredContent as {
      summary: { total: number };
      posts: Array<{ id: string; caption: string }>;
    };
    expect(page.posts.find((p) => p.id === id)?.caption).toBe("Launch day — updated");
    expect(page.summary.total).toBeGreaterThan(0);
  });
});

describe("--sandbox-state", () => {
  it("keeps posts across restarts, in a file written whole", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "genviral-state-")), "state.json");
    const first = await spawnServer({ args: ["--sandbox", "--sandbox-state", file] });
    const created = await first.call("schedule_post", {
      caption: "Persist me",
      media: { type: "video", url: "https://cdn.example.com/p.mp4" },
      accounts: [{ id: SEED_ACCOUNT_IDS.tiktokByo }],
      scheduled_at: minutesFromNow(45),
    });
    const id = (created.structuredContent as { id: string }).id;
    await first.close();
    expect(() => JSON.parse(readFileSync(file, "utf8"))).not.toThrow();

    const second = await spawnServer({ args: ["--sandbox", "--sandbox-state", file] });
    try {
      const fetched = await second.call("get_post", { post_id: id });
      expect(fetched.isError).toBeFalsy();
      expect(fetched.structuredContent).toMatchObject({ id, caption: "Persist me" });
    } finally {
      await second.close();
    }
  });
});
