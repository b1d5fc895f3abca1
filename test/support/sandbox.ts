// The API simulator, started in the test process as a real HTTP server on 127.0.0.1. The server
// under test is the built binary, which reaches it only over HTTP through GENVIRAL_API_URL.

import type { SandboxHandle } from "../../src/sandbox/index.js";
import { startSandbox } from "../../src/sandbox/index.js";
import { type SpawnedServer, spawnServer } from "./mcp.js";

export { SEED_ACCOUNT_IDS, SEED_POST_IDS } from "../../src/sandbox/index.js";

export const TEST_KEY = "gva_test_k3y.s3cr3t-value-that-must-never-leak";

/** A simulator and the built server spawned against it; close() stops both. */
export interface SimulatorRig<Api extends { close(): Promise<void> }> {
  api: Api;
  server: SpawnedServer;
  close: () => Promise<void>;
}

/** Spawns the built server against a simulator already started (its key and URL in `env`). */
export async function spawnAgainst<Api extends { close(): Promise<void> }>(
  api: Api,
  options: { args?: string[]; env: Record<string, string> },
): Promise<SimulatorRig<Api>> {
  const server = await spawnServer(options);
  return {
    api,
    server,
    close: async () => {
      await server.close();
      await api.close();
    },
  };
}

export type Rig = SimulatorRig<SandboxHandle>;

export async function startRig(
  options: { key?: string; env?: Record<string, string>; args?: string[] } = {},
): Promise<Rig> {
  const api = await startSandbox({ apiKey: TEST_KEY });
  return spawnAgainst(api, {
    ...(options.args ? { args: options.args } : {}),
    env: {
      GENVIRAL_API_KEY: options.key ?? TEST_KEY,
      GENVIRAL_API_URL: api.url,
      ...options.env,
    },
  });
}

/** An ISO time `minutes` from now, as an agent would write it. */
export function minutesFromNow(minutes: number): string {
  return new Date(Date.now() + minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
}
