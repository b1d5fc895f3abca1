// GET /accounts, cached briefly between calls: pre-flight needs the targets' platforms, types and
// capabilities on every schedule/update, and accounts change rarely. An id the cache does not know
// triggers one refresh before it is refused (it may have been connected a moment ago).
import type { CallOptions, PostingProvider } from "../providers/provider.js";
import type { Account } from "../schemas/api-data.js";

export const ACCOUNTS_TTL_MS = 60_000;
/**
 * The shared GET /accounts gets this long in all. A tool call reads accounts before its own request,
 * and both must fit the ~60 s hosts allow a call (the call's own budget is 45 s).
 */
export const ACCOUNTS_TIMEOUT_MS = 12_000;

export class AccountDirectory {
  readonly #provider: PostingProvider;
  readonly #ttlMs: number;
  readonly #now: () => number;
  #cached: { accounts: Account[]; at: number } | undefined;
  #inFlight: Promise<Account[]> | undefined;

  constructor(provider: PostingProvider, options: { ttlMs?: number; now?: () => number } = {}) {
    this.#provider = provider;
    this.#ttlMs = options.ttlMs ?? ACCOUNTS_TTL_MS;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Fresh from the API; concurrent callers share one request. The shared request carries no caller's
   * signal (one caller cancelling must not fail the others); each caller stops waiting on its own.
   */
  refresh(options?: CallOptions): Promise<Account[]> {
    if (!this.#inFlight) {
      const started = this.#now();
      this.#inFlight = this.#provider
        .listAccounts({ signal: AbortSignal.timeout(ACCOUNTS_TIMEOUT_MS) })
        .then((accounts) => {
          this.#cached = { accounts, at: started };
          return accounts;
        })
        .finally(() => {
          this.#inFlight = undefined;
        });
    }
    return untilAborted(this.#inFlight, options?.signal);
  }

  async list(options?: CallOptions): Promise<Account[]> {
    const cached = this.#cached;
    if (cached && this.#now() - cached.at < this.#ttlMs) return cached.accounts;
    return this.refresh(options);
  }

  /** The accounts, refreshed once if any of `ids` is unknown to a cached copy. */
  async forTargets(ids: readonly string[], options?: CallOptions): Promise<Account[]> {
    const wasCached = this.#cached !== undefined && this.#now() - this.#cached.at < this.#ttlMs;
    const accounts = await this.list(options);
    if (!wasCached) return accounts;
    const known = new Set(accounts.map((a) => a.id));
    return ids.every((id) => known.has(id)) ? accounts : this.refresh(options);
  }

  /** Forget the cache (e.g. after the API said an account is unknown). */
  invalidate(): void {
    this.#cached = undefined;
  }
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
