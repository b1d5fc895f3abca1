import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SpawnedServer, spawnServer, textOf } from "../support/mcp.js";
import { type Rig, startRig, TEST_KEY } from "../support/sandbox.js";

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

describe("a key that cannot be sent", () => {
  // Pasted with a typographic quote inside: Node would refuse the header before anything is sent,
  // which used to read as "could not reach the API".
  const BAD_KEY = `${TEST_KEY.slice(0, 8)}\u2019${TEST_KEY.slice(8)}`;
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig({ key: BAD_KEY });
  });
  afterAll(async () => rig?.close());

  it("says which variable is wrong and where, never shows the key, and sends nothing", async () => {
    const result = await rig.server.call("list_accounts", {});
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toMatch(/GENVIRAL_API_KEY has a character an HTTP header cannot carry at position 9/);
    expect(result.structuredContent).toMatchObject({ ok: false, error: { kind: "not_configured" } });
    const all = JSON.stringify(result) + rig.server.stderr();
    expect(all).not.toContain(TEST_KEY.slice(9));
    expect(rig.api.requests).toHaveLength(0);
  });
});
