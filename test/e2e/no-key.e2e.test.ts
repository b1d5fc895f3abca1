import { afterAll, beforeAll, expect, it } from "vitest";
import { type SpawnedServer, spawnServer, textOf } from "../support/mcp.js";

let server: SpawnedServer;
beforeAll(async () => {
  server = await spawnServer({ env: {} });
});
afterAll(async () => server?.close());

it("starts without GENVIRAL_API_KEY and lists its tools", async () => {
  const { tools } = await server.client.listTools();
  expect(tools.length).toBeGreaterThanOrEqual(7);
});

it.each([
  ["list_accounts", {}],
  ["list_posts", {}],
  ["get_post", { post_id: "abc" }],
  [
    "schedule_post",
    { caption: "hi", media: { type: "video", url: "https://x.example/v.mp4" }, accounts: [{ id: "a" }] },
  ],
])("%s explains how to set the key or use --sandbox", async (name, args) => {
  const result = await server.call(name, args);
  expect(result.isError).toBe(true);
  expect(textOf(result)).toMatch(/GENVIRAL_API_KEY is not set/);
  expect(textOf(result)).toMatch(/--sandbox/);
  expect(result.structuredContent).toMatchObject({ ok: false, error: { kind: "not_configured" } });
});
