/** Public surface of the PostEverywhere simulator. */

export { DOCUMENTED_LIMITS, type RateLimits } from "./rate-limit.js";
export { PE_BASE_PATH, type PeSandboxHandle, type PeSandboxOptions, startPeSandbox } from "./server.js";
export { PE_SEED_ACCOUNT_IDS, PE_SEED_POST_IDS } from "./store.js";
