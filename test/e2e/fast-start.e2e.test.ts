// The built server answers initialize and tools/list from data built into the bundle, before the SDK
// loads (src/transports/fast-start.ts). Those answers must be exactly the full server's: compared
// here with the SDK server made from the sources, and with the built server's own answer once loaded.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { LATEST_PROTOCOL_VERSION } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, expect, it } from "vitest";
import { createLogger } from "../../src/log.js";
import { missingKeyProvider } from "../../src/providers/genviral/missing-key.js";
import { createServer } from "../../src/server.js";
import { type RawServer, spawnRaw } from "../support/raw-stdio.js";

let raw: RawServer | undefined;
afterEach(() => {
  raw?.child.kill();
  raw = undefined;
});

async function fromSources() {
  const server = createServer({
    provider: missingKeyProvider,
    logger: createLogger("silent", (t) => t),
    redact: (t) => t,
  });
  const client = new Client({ name: "fast-start-test", version: "0" });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  const tools = await client.listTools();
  const init = {
    capabilities: client.getServerCapabilities(),
    serverInfo: client.getServerVersion(),
    instructions: client.getInstructions(),
  };
  await client.close();
  return { tools, init };
}

it("answers initialize and tools/list as the full server does, before and after it loads", async () => {
  raw = spawnRaw();
  const init = await raw.request("initialize", {
    protocolVersion: "2025-06-18",
    capabilities: {},
    clientInfo: { name: "t", version: "0" },
  });
  await raw.sendLine(JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }));
  const fastList = await raw.request("tools/list");
  const expected = await fromSources();
  expect(init.result).toEqual({ protocolVersion: "2025-06-18", ...expected.init });
  expect(fastList.result).toEqual(expected.tools);

  // A call loads the SDK and the tools; the same session goes on, and tools/list is now the SDK's.
  const call = await raw.request("tools/call", { name: "list_accounts", arguments: {} });
  expect((call.result as { isError?: boolean }).isError).toBe(true); // no key: it explains how to set one
  const loadedList = await raw.request("tools/list");
  expect(loadedList.result).toEqual(fastList.result);
  const ping = await raw.request("ping");
  expect(ping.result).toEqual({});
});

it("negotiates the protocol version as the SDK does", async () => {
  raw = spawnRaw();
  const old = await raw.request("initialize", {
    protocolVersion: "2024-11-05",
    capabilities: {},
    clientInfo: { name: "t", version: "0" },
  });
  expect((old.result as { protocolVersion: string }).protocolVersion).toBe("2024-11-05");
  raw.child.kill();
  raw = spawnRaw();
  const unknown = await raw.request("initialize", {
    protocolVersion: "1999-01-01",
    capabilities: {},
    clientInfo: { name: "t", version: "0" },
  });
  expect((unknown.result as { protocolVersion: string }).protocolVersion).toBe(LATEST_PROTOCOL_VERSION);
});

it("queues a call that arrives before initialize is even answered, and answers it once loaded", async () => {
  raw = spawnRaw();
  const id = raw.nextId();
  const early = raw.response(id);
  await raw.sendLine(
    JSON.stringify({
      jsonrpc: "2.0",
      id,
      method: "tools/call",
      params: { name: "get_post", arguments: { post_id: "../x" } },
    }),
  );
  const answer = await early;
  expect((answer.result as { isError?: boolean }).isError).toBe(true);
});
