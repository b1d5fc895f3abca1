// The Genviral Partner API over HTTP (ky). Knows auth, the envelope, timeouts, retries and error
// codes; knows nothing of MCP.
import ky, { HTTPError, isHTTPError, isNetworkError, isTimeoutError, type KyInstance } from "ky";
import type { z } from "zod";
import {
  accountsData,
  createdPost,
  deleteResult,
  post,
  postsPage,
  retryResult,
  updatedPost,
} from "../../schemas/api-data.js";
import type { CallOptions, PostingProvider } from "../provider.js";
import { ProviderError } from "../provider-error.js";
import { describeBody, parseEnvelope } from "./envelope.js";
import { describeApiFailure } from "./error-advice.js";

export interface GenviralClientOptions {
  apiUrl: string;
  apiKey: string;
  timeoutMs: number;
  totalBudgetMs: number;
  /** Longest Retry-After we wait out inside one tool call; longer ones are reported to the agent. */
  maxRetryAfterMs?: number;
  userAgent?: string;
  onRequest?: (method: string, path: string) => void;
}

type Method = "get" | "post" | "patch";

interface RequestSpec<T> {
  method: Method;
  path: string;
  json?: unknown;
  searchParams?: Record<string, string | number>;
  schema: z.ZodType<T>;
  /**
   * Which failures may be retried. "any": reads and idempotent writes. "not-processed": only answers
   * that say the request was not acted on (429), for writes whose repeat would report differently.
   */
  retry: "any" | "not-processed";
  isWrite: boolean;
}

const RETRY_STATUSES = [408, 429, 500, 502, 503, 504];

function retryAfterSeconds(headers: Headers): number | undefined {
  const raw = headers.get("retry-after");
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

export class GenviralClient implements PostingProvider {
  readonly name = "Genviral";
  readonly #http: KyInstance;
  readonly #options: GenviralClientOptions;

  constructor(options: GenviralClientOptions) {
    this.#options = options;
    const maxRetryAfterMs = options.maxRetryAfterMs ?? 10_000;
    this.#http = ky.create({
      prefix: options.apiUrl,
      timeout: options.timeoutMs,
      totalTimeout: options.totalBudgetMs,
      headers: {
        authorization: `Bearer ${options.apiKey}`,
        accept: "application/json",
        "user-agent": options.userAgent ?? "genviral-mcp",
      },
      retry: {
        limit: 2,
        statusCodes: RETRY_STATUSES,
        afterStatusCodes: [429, 503],
        maxRetryAfter: maxRetryAfterMs,
        backoffLimit: 2_000,
        jitter: (delay) => delay * (0.5 + Math.random() * 0.5),
        // A Retry-After longer than we are willing to wait is reported, not slept through.
        shouldRetry: ({ error }) => {
          if (error instanceof HTTPError) {
            const after = retryAfterSeconds(error.response.headers);
            if (after !== undefined && after * 1000 > maxRetryAfterMs) return false;
          }
          return undefined;
        },
      },
      hooks: {
        beforeRequest: [
          ({ request }) => {
            options.onRequest?.(request.method, new URL(request.url).pathname);
          },
        ],
      },
    });
  }

  async #request<T>(spec: RequestSpec<T>, call: CallOptions | undefined): Promise<T> {
    const methods = spec.retry === "any" ? [spec.method] : [];
    let response: Response;
    try {
      response = await this.#http(spec.path, {
        method: spec.method,
        json: spec.json,
        searchParams: spec.searchParams,
        signal: call?.signal,
        retry: spec.retry === "any" ? { methods } : { methods: [spec.method], statusCodes: [429] },
      });
    } catch (error) {
      throw this.#toProviderError(error, spec, call);
    }
    const text = await response.text().catch(() => undefined);
    const body = parseEnvelope(text);
    if (!body?.ok) {
      throw new ProviderError({
        kind: "invalid_response",
        status: response.status,
        message: `Genviral API answered ${response.status} with ${describeBody(text, response.headers.get("content-type"))}, so the result is unknown.${spec.isWrite ? " The write may have happened: check with list_posts before repeating it." : " Try again; if it persists, check GENVIRAL_API_URL."}`,
        retryable: !spec.isWrite,
        writeMayHaveHappened: spec.isWrite,
      });
    }
    const data = spec.schema.safeParse(body.data);
    if (!data.success) {
      const where = data.error.issues[0]?.path.join(".") || "data";
      throw new ProviderError({
        kind: "invalid_response",
        status: response.status,
        message: `Genviral API answered ${response.status} but its data does not have the documented shape (at "${where}"). ${spec.isWrite ? "The write probably happened: check with list_posts before repeating it." : "Try again; if it persists, check GENVIRAL_API_URL."}`,
        retryable: !spec.isWrite,
        writeMayHaveHappened: spec.isWrite,
      });
    }
    return data.data;
  }

  #toProviderError(error: unknown, spec: RequestSpec<unknown>, call: CallOptions | undefined): ProviderError {
    if (isHTTPError(error)) {
      const status = error.response.status;
      const env = parseEnvelope(error.data);
      const errorCode = env && !env.ok ? env.error_code : undefined;
      const apiMessage = env && !env.ok ? env.message : undefined;
      const after = retryAfterSeconds(error.response.headers);
      // 5xx on a write: the API may have acted before failing. 4xx: it refused before acting.
      const writeMayHaveHappened = spec.isWrite && status >= 500;
      if (!env && status >= 500 && error.data !== undefined && typeof error.data === "string") {
        // e.g. a proxy's HTML error page
        return new ProviderError({
          kind: "http",
          status,
          message: `${describeApiFailure({ status, errorCode, apiMessage, retryAfterSeconds: after, writeMayHaveHappened })} (The answer was ${describeBody(error.data, error.response.headers.get("content-type"))}.)`,
          retryable: true,
          writeMayHaveHappened,
        });
      }
      return new ProviderError({
        kind: "http",
        status,
        errorCode,
        apiMessage,
        message: describeApiFailure({
          status,
          errorCode,
          apiMessage,
          retryAfterSeconds: after,
          writeMayHaveHappened,
        }),
        retryable: RETRY_STATUSES.includes(status),
        writeMayHaveHappened,
        retryAfterSeconds: after,
      });
    }
    if (call?.signal?.aborted) {
      return new ProviderError({
        kind: "cancelled",
        message: `The call was cancelled before the Genviral API answered.${spec.isWrite ? " The write may have happened: check with list_posts." : ""}`,
        retryable: true,
        writeMayHaveHappened: spec.isWrite,
      });
    }
    if (isTimeoutError(error)) {
      const seconds = Math.round(this.#options.timeoutMs / 100) / 10;
      return new ProviderError({
        kind: "timeout",
        message: `The Genviral API did not answer within ${seconds} s.${spec.isWrite ? " The write may have happened: check with list_posts or get_post before repeating it (schedule_post with the same external_id is always safe to repeat)." : " Nothing was changed; try again."}`,
        retryable: true,
        writeMayHaveHappened: spec.isWrite,
      });
    }
    if (isNetworkError(error) || error instanceof TypeError) {
      return new ProviderError({
        kind: "network",
        message: `Could not reach the Genviral API at ${new URL(this.#options.apiUrl).origin} (network error).${spec.isWrite ? " The write may have happened if the connection dropped mid-request: check with list_posts before repeating it." : ""} Check the connection and GENVIRAL_API_URL, then try again.`,
        retryable: true,
        writeMayHaveHappened: spec.isWrite,
      });
    }
    const reason = error instanceof Error ? error.message : String(error);
    return new ProviderError({
      kind: "network",
      message: `The request to the Genviral API failed: ${reason}`,
      retryable: false,
      writeMayHaveHappened: spec.isWrite,
    });
  }

  async listAccounts(call?: CallOptions) {
    const data = await this.#request(
      { method: "get", path: "accounts", schema: accountsData, retry: "any", isWrite: false },
      call,
    );
    return data.accounts;
  }

  createPost(body: Parameters<PostingProvider["createPost"]>[0], call?: CallOptions) {
    // external_id makes a repeat return the original post (seed-create-post.txt), so retrying is safe.
    return this.#request(
      { method: "post", path: "posts", json: body, schema: createdPost, retry: "any", isWrite: true },
      call,
    );
  }

  updatePost(postId: string, patch: Parameters<PostingProvider["updatePost"]>[1], call?: CallOptions) {
    // The same PATCH applied twice leaves the post as once: a repeat is harmless.
    return this.#request(
      {
        method: "patch",
        path: `posts/${encodeURIComponent(postId)}`,
        json: patch,
        schema: updatedPost,
        retry: "any",
        isWrite: true,
      },
      call,
    );
  }

  listPosts(query: Parameters<PostingProvider["listPosts"]>[0], call?: CallOptions) {
    const searchParams: Record<string, string | number> = {};
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) searchParams[key] = value;
    }
    return this.#request(
      { method: "get", path: "posts", searchParams, schema: postsPage, retry: "any", isWrite: false },
      call,
    );
  }

  getPost(postId: string, call?: CallOptions) {
    return this.#request(
      {
        method: "get",
        path: `posts/${encodeURIComponent(postId)}`,
        schema: post,
        retry: "any",
        isWrite: false,
      },
      call,
    );
  }

  deletePosts(postIds: string[], call?: CallOptions) {
    // A repeated delete would report the deleted ids as "skipped": retry only what was not processed.
    return this.#request(
      {
        method: "post",
        path: "posts/delete",
        json: { postIds },
        schema: deleteResult,
        retry: "not-processed",
        isWrite: true,
      },
      call,
    );
  }

  retryPosts(postIds: string[], accountIds: string[] | undefined, call?: CallOptions) {
    const json =
      accountIds === undefined ? { post_ids: postIds } : { post_ids: postIds, account_ids: accountIds };
    return this.#request(
      {
        method: "post",
        path: "posts/retry",
        json,
        schema: retryResult,
        retry: "not-processed",
        isWrite: true,
      },
      call,
    );
  }
}
