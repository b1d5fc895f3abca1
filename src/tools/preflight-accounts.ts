// The accounts pre-flight checks targets against. When GET /accounts cannot be read for a reason that
// says nothing of the post (the endpoint down, missing or answering garbage), the call goes on with
// the rules that need no accounts, and says which were not checked; the API still checks them.
// Refusals of the key itself (401/402/403) stop the call: the write would fail the same way.
import type { AccountDirectory } from "../accounts/account-directory.js";
import type { PreflightResult } from "../preflight/candidate.js";
import type { Violation } from "../preflight/violation.js";
import { ProviderError } from "../providers/provider-error.js";
import type { Account } from "../schemas/api-data.js";

function unrelatedToThePost(error: ProviderError): boolean {
  if (error.kind === "http")
    return error.status === 404 || error.status === 405 || (error.status ?? 0) >= 500;
  return (
    error.kind === "network" ||
    error.kind === "timeout" ||
    error.kind === "invalid_response" ||
    error.kind === "cancelled"
  );
}

export async function accountsForPreflight(
  directory: AccountDirectory,
  ids: readonly string[],
  signal: AbortSignal,
): Promise<{ accounts: Account[] | undefined; warnings: Violation[] }> {
  try {
    return { accounts: await directory.forTargets(ids, { signal }), warnings: [] };
  } catch (error) {
    if (signal.aborted || !(error instanceof ProviderError) || !unrelatedToThePost(error)) throw error;
    const why = error.status ? `it answered ${error.status}` : `${error.kind.replace("_", " ")}`;
    return {
      accounts: undefined,
      warnings: [
        {
          code: "accounts_unverified",
          field: "accounts",
          message: `GET /accounts could not be read (${why}), so the rules that depend on the targets — caption limit per platform, active status, TikTok/Pinterest/music targeting, content kinds — were not checked here; the API checks them`,
          hint: "Call list_accounts to see whether the accounts endpoint is back, or validate_post later.",
        },
      ],
    };
  }
}

export function withWarnings(result: PreflightResult, warnings: readonly Violation[]): PreflightResult {
  return warnings.length
    ? { violations: result.violations, warnings: [...warnings, ...result.warnings] }
    : result;
}
