import type { AccountState, PostStatus } from "../types.js";

export function freshState(accountId: string, status: PostStatus): AccountState {
  return {
    account_id: accountId,
    status,
    published_at: null,
    error_message: null,
    last_attempted_at: null,
    published_url: null,
  };
}
