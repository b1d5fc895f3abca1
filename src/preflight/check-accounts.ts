// Every target must be in the key's scope and active (seed-create-post.txt "accounts").
import type { Account } from "../schemas/api-data.js";
import { accountLabel } from "./candidate.js";
import type { Violation } from "./violation.js";

export interface ResolvedTargets {
  targets: Account[];
  violations: Violation[];
  warnings: Violation[];
}

/** The same account list is looked up on every call until the cache refreshes: index it once. */
const indexes = new WeakMap<readonly Account[], Map<string, Account>>();
function indexOf(accounts: readonly Account[]): Map<string, Account> {
  let index = indexes.get(accounts);
  if (!index) {
    index = new Map(accounts.map((a) => [a.id, a]));
    indexes.set(accounts, index);
  }
  return index;
}

/** `accounts` undefined: GET /accounts could not be read, so nothing is known of the targets. */
export function resolveTargets(
  ids: readonly string[],
  accounts: readonly Account[] | undefined,
): ResolvedTargets {
  if (accounts === undefined) return { targets: [], violations: [], warnings: [] };
  const byId = indexOf(accounts);
  const targets: Account[] = [];
  const violations: Violation[] = [];
  const warnings: Violation[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as string;
    const field = (): string => `accounts[${i}].id`;
    if (seen.has(id)) {
      warnings.push({
        code: "duplicate_account",
        field: field(),
        message: `account ${id} is listed more than once`,
        hint: "List each account once; the API merges duplicates.",
      });
      continue;
    }
    seen.add(id);
    const account = byId.get(id);
    if (!account) {
      violations.push({
        code: "unknown_account",
        field: field(),
        message: `account ${id.length > 64 ? `${id.slice(0, 64)}…` : id} is not in this API key's scope`,
        actual: id.length > 64 ? `${id.slice(0, 64)}…` : id,
        hint: "Use an id from list_accounts.",
      });
      continue;
    }
    if (account.status !== "active") {
      violations.push({
        code: "inactive_account",
        field: field(),
        message: `${accountLabel(account)} is ${account.status}, and only active accounts can be posted to`,
        limit: "active",
        actual: account.status,
        hint: "Reconnect or resume the account at www.genviral.io, or leave it out of accounts.",
      });
    }
    targets.push(account);
  }
  return { targets, violations, warnings };
}
