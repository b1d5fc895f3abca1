import { SEED_OWNER_USER_ID, SEED_WORKSPACE_ID } from "../seed.js";
import type { RouteContext, RouteResult } from "./context.js";

// Inactive accounts (e.g. the paused Instagram seed) are listed with their status rather than hidden, so
// clients can explain why posting to them fails; the docs' "status: active, paused, revoked" field implies it.
export function listAccounts({ store }: RouteContext): RouteResult {
  return {
    status: 200,
    message: "Accounts retrieved",
    data: {
      scope: "workspace",
      owner_user_id: SEED_OWNER_USER_ID,
      workspace_id: SEED_WORKSPACE_ID,
      accounts: structuredClone(store.accounts),
    },
  };
}
