// A JSON API over HTTP: base URL and headers, a timeout per attempt inside a budget per call, and
// retries decided by the request's retry policy (retry-policy.ts). Knows nothing of any one API's
// envelope or error codes; the clients do.

import type { HttpAnswer } from "./http-answer.js";
import { HttpStatusError } from "./http-status-error.js";
import { NetworkError } from "./network-error.js";
import { RequestTimeoutError } from "./request-timeout-error.js";
import {
  connectionRefused,
  jitter,
  mayRetry,
  RETRY_LIMIT,
  type RetryPolicy,
  retryAfterSeconds,
} from "./retry-policy.js";
import { abortReason, createPools, type Origin, originOf, type Pools, send } from "./send.js";

export interface ApiHttpOptions {
  baseUrl: string;
  /** Sent with every request (auth, accept, user-agent). */
  headers: Record<string, string>;
  /** Per attempt. */
  timeoutMs: number;
  /** The longest Retry-After waited out; a longer one ends the retries (and is reported). */
  maxRetryAfterMs?: number;
}

/** What a client's request says of itself: the rest (signal, budget, attempt log) comes per call. */
export type ApiCall = Pick<ApiRequest, "method" | "path" | "query" | "json" | "retry">;

export interface ApiRequest {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Relative to the base URL, without a leading slash ("posts", "posts/abc"). */
  path: string;
  query?: Record<string, string | number>;
  json?: unknown;
  signal?: AbortSignal;
  /** What is left of the call's budget: no attempt or wait runs past it. */
  budgetMs: number;
  retry: RetryPolicy;
  /** Before every attempt; `failed` is what ended the previous one (unset for the first). */
  onAttempt?: (failed?: unknown) => void;
}

/** Inside one tool call a Retry-After up to this is waited out; a longer one is told to the agent. */
const DEFAULT_MAX_RETRY_AFTER_MS = 10_000;
/** First backoff; it doubles per retry, is jittered, and never exceeds BACKOFF_LIMIT_MS. */
const BACKOFF_START_MS = 300;
const BACKOFF_LIMIT_MS = 2_000;
/**
 * Below this much of the budget no attempt starts: it could only time out, and for a write that turns
 * a clear outcome (nothing sent, or the last refusal) into an unknown one.
 */
export const MIN_ATTEMPT_MS = 50;

/** The headers both APIs take: a bearer key, JSON answers, who is asking. */
export function bearerJsonHeaders(apiKey: string, userAgent = "genviral-mcp"): Record<string, string> {
  return { authorization: `Bearer ${apiKey}`, accept: "application/json", "user-agent": userAgent };
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal ? abortReason(signal) : new Error("aborted"));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export class ApiHttp {
  readonly #origin: Origin;
  readonly #pools: Pools = createPools();
  readonly #options: ApiHttpOptions;

  constructor(options: ApiHttpOptions) {
    this.#options = options;
    this.#origin = originOf(options.baseUrl);
  }

  /** The 2xx answer; otherwise HttpStatusError, RequestTimeoutError, NetworkError or the abort reason. */
  async request(spec: ApiRequest): Promise<HttpAnswer> {
    const deadline = performance.now() + spec.budgetMs;
    const query = spec.query ? new URLSearchParams(spec.query as Record<string, string>).toString() : "";
    const path = `/${spec.path}${query ? `?${query}` : ""}`;
    const headers: Record<string, string> =
      spec.json === undefined
        ? this.#options.headers
        : { ...this.#options.headers, "content-type": "application/json" };
    const body = spec.json === undefined ? undefined : JSON.stringify(spec.json);
    let failed: unknown;
    for (let retries = 0; ; retries++) {
      const remainingMs = deadline - performance.now();
      // A cancelled call sends nothing more (and counts no attempt it did not make).
      if (spec.signal?.aborted) throw abortReason(spec.signal);
      if (remainingMs < MIN_ATTEMPT_MS) {
        // Nothing is sent: the last failure stands, or, before any attempt, the budget is spent.
        throw failed ?? new RequestTimeoutError("the call's time budget ran out before the request");
      }
      spec.onAttempt?.(failed);
      try {
        const answer = await send(this.#origin, this.#pools, {
          method: spec.method,
          path,
          headers,
          ...(body === undefined ? {} : { body }),
          timeoutMs: Math.max(1, Math.floor(Math.min(this.#options.timeoutMs, remainingMs))),
          ...(spec.signal ? { signal: spec.signal } : {}),
        });
        if (answer.status >= 200 && answer.status < 300) return answer;
        throw new HttpStatusError(answer, spec.method, path);
      } catch (error) {
        if (spec.signal?.aborted || retries >= RETRY_LIMIT) throw error;
        const delayMs = this.#retryDelay(spec.retry, error, retries, deadline);
        if (delayMs === undefined) throw error;
        // A wait after which no useful attempt fits in the budget: the failure stands, now.
        if (deadline - performance.now() - delayMs < MIN_ATTEMPT_MS) throw error;
        await sleep(delayMs, spec.signal);
        failed = error;
      }
    }
  }

  /** How long to wait before the next attempt, or undefined when the failure allows none. */
  #retryDelay(policy: RetryPolicy, error: unknown, retries: number, deadline: number): number | undefined {
    const limits = {
      maxRetryAfterMs: this.#options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS,
      remainingMs: deadline - performance.now(),
    };
    const backoff = () => Math.min(BACKOFF_LIMIT_MS, jitter(BACKOFF_START_MS * 2 ** retries));
    if (error instanceof HttpStatusError) {
      const { status } = error;
      const after =
        status === 429 || status === 503 ? retryAfterSeconds(error.header("retry-after")) : undefined;
      if (!mayRetry(policy, { status, retryAfterSeconds: after, timedOut: false, refused: false }, limits))
        return undefined;
      // The server's own timing is followed as given, without jitter.
      return after === undefined ? backoff() : after * 1000;
    }
    if (error instanceof RequestTimeoutError || error instanceof NetworkError) {
      const failure = { timedOut: error instanceof RequestTimeoutError, refused: connectionRefused(error) };
      return mayRetry(policy, failure, limits) ? backoff() : undefined;
    }
    // Anything else (a bug) is never retried.
    return undefined;
  }
}
