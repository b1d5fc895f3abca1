// The PostEverywhere simulator in the test process, and the built server spawned against it with
// --provider posteverywhere; plus a descriptor of each backend so one scenario can run on both.

import type { Fault, RecordedRequest } from "../../src/sandbox/types.js";
import type { PeSandboxHandle, RateLimits } from "../../src/sandbox-posteverywhere/index.js";
import {
  PE_SEED_ACCOUNT_IDS,
  PE_SEED_POST_IDS,
  startPeSandbox,
} from "../../src/sandbox-posteverywhere/index.js";
import type { SpawnedServer } from "./mcp.js";
import {
  SEED_ACCOUNT_IDS,
  SEED_POST_IDS,
  type SimulatorRig,
  spawnAgainst,
  startRig,
  TEST_KEY,
} from "./sandbox.js";

export { PE_SEED_ACCOUNT_IDS, PE_SEED_POST_IDS };

export const PE_TEST_KEY = "pe_live_t3st-k3y-that-must-never-leak";

export type PeRig = SimulatorRig<PeSandboxHandle>;

export async function startPeRig(
  options: { key?: string; env?: Record<string, string>; rateLimits?: Partial<RateLimits> } = {},
): Promise<PeRig> {
  const api = await startPeSandbox({
    apiKey: PE_TEST_KEY,
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
  });
  return spawnAgainst(api, {
    args: ["--provider", "posteverywhere"],
    env: {
      POSTEVERYWHERE_API_KEY: options.key ?? PE_TEST_KEY,
      POSTEVERYWHERE_API_URL: api.url,
      ...options.env,
    },
  });
}

/** What a scenario needs to know about a backend to run the same steps on it. */
export interface BackendUnderTest {
  name: "genviral" | "posteverywhere";
  /** Names the key's variable in its 401 advice. */
  keyVar: string;
  createPath: string;
  accounts: { video: string; second: string };
  posts: { failed: string; draft: string; published: string };
  start(options?: { key?: string; env?: Record<string, string> }): Promise<StartedBackend>;
}

interface StartedBackend {
  server: SpawnedServer;
  requests: RecordedRequest[];
  addFault(fault: Fault): void;
  reset(): void;
  close(): Promise<void>;
}

type SimulatorApi = {
  requests: RecordedRequest[];
  addFault(fault: Fault): void;
  reset(): void;
  close(): Promise<void>;
};

/** A rig as the shared scenarios see it, whichever simulator it runs. */
const asBackend = (rig: SimulatorRig<SimulatorApi>): StartedBackend => ({
  server: rig.server,
  requests: rig.api.requests,
  addFault: rig.api.addFault,
  reset: rig.api.reset,
  close: rig.close,
});

/** The rig options a scenario passes, without the unset ones. */
const rigOptions = (options?: { key?: string; env?: Record<string, string> }) => ({
  ...(options?.key ? { key: options.key } : {}),
  ...(options?.env ? { env: options.env } : {}),
});

export const BACKENDS: readonly BackendUnderTest[] = [
  {
    name: "genviral",
    keyVar: "GENVIRAL_API_KEY",
    createPath: "/posts",
    accounts: { video: SEED_ACCOUNT_IDS.tiktokByo, second: SEED_ACCOUNT_IDS.linkedinByo },
    posts: { failed: SEED_POST_IDS.failed, draft: SEED_POST_IDS.draft, published: SEED_POST_IDS.posted },
    start: async (options) => asBackend(await startRig(rigOptions(options))),
  },
  {
    name: "posteverywhere",
    keyVar: "POSTEVERYWHERE_API_KEY",
    createPath: "/posts",
    accounts: { video: String(PE_SEED_ACCOUNT_IDS.tiktok), second: String(PE_SEED_ACCOUNT_IDS.linkedin) },
    posts: {
      failed: PE_SEED_POST_IDS.failed,
      draft: PE_SEED_POST_IDS.draft,
      published: PE_SEED_POST_IDS.published,
    },
    start: async (options) => asBackend(await startPeRig(rigOptions(options))),
  },
];

export { TEST_KEY };
