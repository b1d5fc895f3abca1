// tools/list as the built server serves it: small (its tokens are paid on every turn of every
// conversation) and stable (a snapshot fails on unintended drift; `npx vitest run -u` accepts an
// intended change).
import { encode } from "gpt-tokenizer/encoding/o200k_base";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type SpawnedServer, spawnServer } from "../support/mcp.js";

const TOOLS_LIST_TOKEN_BUDGET = 2500;

let server: SpawnedServer;
let tools: Awaited<ReturnType<SpawnedServer["client"]["listTools"]>>["tools"];
beforeAll(async () => {
  server = await spawnServer();
  ({ tools } = await server.client.listTools());
});
afterAll(async () => server?.close());

it(`stays under ${TOOLS_LIST_TOKEN_BUDGET} tokens (o200k_base)`, () => {
  const tokens = encode(JSON.stringify({ tools })).length;
  expect(tokens).toBeLessThan(TOOLS_LIST_TOKEN_BUDGET);
});

it("matches the snapshot", async () => {
  await expect(`${JSON.stringify({ tools }, null, 2)}\n`).toMatchFileSnapshot("../snapshots/tools-list.snap");
});

it("declares every annotation and an object output schema on every tool", () => {
  for (const tool of tools) {
    expect(tool.title, tool.name).toBeTruthy();
    expect(tool.outputSchema?.type, tool.name).toBe("object");
    expect(Object.keys(tool.annotations ?? {}).sort(), tool.name).toEqual(
      ["destructiveHint", "idempotentHint", "openWorldHint", "readOnlyHint"].sort(),
    );
  }
});
