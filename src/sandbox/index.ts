/** Public surface of the sandbox for the rest of the project and for tests. */
export { SPECIAL_KEYS } from "./auth.js";
export {
  SEED_ACCOUNT_IDS,
  SEED_OWNER_USER_ID,
  SEED_POST_IDS,
  SEED_WORKSPACE_ID,
  seedAccounts,
  seedPosts,
} from "./seed.js";
export { API_BASE_PATH, startSandbox } from "./server.js";
export type {
  Account,
  AccountCapabilities,
  AccountState,
  Fault,
  Post,
  RecordedRequest,
  SandboxHandle,
  SandboxOptions,
} from "./types.js";
