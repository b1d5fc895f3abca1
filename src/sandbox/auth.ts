/** Bearer-token check. Messages never include the presented key. */
import { ApiError } from "./envelope.js";

/** Keys that always simulate account-level refusals, whatever apiKey is configured. */
export const SPECIAL_KEYS = {
  unsubscribed: "sandbox-unsubscribed",
  schedulerTier: "sandbox-scheduler-tier",
} as const;

export function checkAuth(header: string | undefined, apiKey: string | undefined): void {
  const match = /^Bearer\s+(.+)$/i.exec(header?.trim() ?? "");
  const token = match?.[1]?.trim();
  // A header without a usable bearer token (absent, empty, other scheme) counts as missing.
  if (!token) throw new ApiError(401, "missing_token", "Missing bearer token in the Authorization header");
  if (token === SPECIAL_KEYS.unsubscribed) {
    throw new ApiError(
      402,
      "subscription_required",
      "An active Creator, Professional or Business plan is required",
    );
  }
  if (token === SPECIAL_KEYS.schedulerTier) {
    throw new ApiError(403, "tier_not_allowed", "The Scheduler tier cannot use the Partner API");
  }
  if (apiKey !== undefined && token !== apiKey) throw new ApiError(401, "invalid_token", "API key not found");
}
