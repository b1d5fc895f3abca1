// The Genviral Partner API over HTTP (src/providers/http/). Knows auth, the envelope, timeouts,
// retries and error codes; knows nothing of MCP.

import type { z } from "zod";
import {
  accountsData,
  createdPost,
  deleteResult,
  post,
  postsPage,
  retryResult,
  updatedPost,
  uploadTarget,
} from "../../schemas/api-data.js";
import { type ApiCall, ApiHttp, bearerJsonHeaders } from "../http/api-http.js";
import { countAttempts } from "../http/attempt-log.js";
import { CallBudget } from "../http/call-budget.js";
import type { CallOptions, PostingProvider, UploadRequest, UploadTarget } from "../provider.js";
import { parseEnvelope } from "./envelope.js";
import {
  type FailureFacts,
  invalidBody,
  invalidData,
  type Progress,
  toProviderError,
  type WriteRisk,
} from "./request-failure.js";

export interface GenviralClientOptions {
  apiUrl: string;
  apiKey: string;
  /** Per attempt. */
  timeoutMs: number;
  /** Per tool call, retries and every request of the call included; below the hosts' ~60 s. */
  totalBudgetMs: number;
  /** Longest Retry-After we wait out inside one tool call; longer ones are reported to the agent. */
  maxRetryAfterMs?: number;
  userAgent?: string;
}

interface RequestSpec<T> extends ApiCall {
  schema: z.ZodType<T>;
  /** Set for writes. */
  write?: WriteRisk;
}

export class GenviralClient implements PostingProvider {
  readonly name = "Genviral";
  readonly #http: ApiHttp;
  readonly #options: GenviralClientOptions;
  readonly #apiOrigin: string;
  readonly #budget: CallBudget;

  constructor(options: GenviralClientOptions) {
    this.#options = options;
    this.#apiOrigin = new URL(options.apiUrl).origin;
    this.#budget = new CallBudget(options.totalBudgetMs);
    this.#http = new ApiHttp({
      baseUrl: options.apiUrl,
      timeoutMs: options.timeoutMs,
      ...(options.maxRetryAfterMs === undefined ? {} : { maxRetryAfterMs: options.maxRetryAfterMs }),
      headers: bearerJsonHeaders(options.apiKey, options.userAgent),
    });
  }

  async #request<T>(spec: RequestSpec<T>, call: CallOptions | undefined): Promise<T> {
    const budgetMs = this.#budget.leftMs(call?.signal);
    const progress: Progress = { attempts: 0, startedAt: performance.now(), budgetMs, ambiguous: false };
    // A cancelled call, or one whose budget is spent, sends nothing: ApiHttp throws before any attempt.
    let answer: Awaited<ReturnType<ApiHttp["request"]>>;
    try {
      answer = await this.#http.request({
        method: spec.method,
        path: spec.path,
        ...(spec.query ? { query: spec.query } : {}),
        ...(spec.json === undefined ? {} : { json: spec.json }),
        ...(call?.signal ? { signal: call.signal } : {}),
        budgetMs: Math.floor(budgetMs),
        retry: spec.retry,
        onAttempt: countAttempts(progress),
      });
    } catch (error) {
      throw toProviderError(error, this.#facts(spec, progress), call?.signal?.aborted === true);
    }
    const body = parseEnvelope(answer.text);
    if (!body?.ok) throw invalidBody(answer, answer.text, this.#facts(spec, progress));
    const data = spec.schema.safeParse(body.data);
    if (!data.success) {
      throw invalidData(
        answer.status,
        data.error.issues[0]?.path.join(".") || "data",
        this.#facts(spec, progress),
      );
    }
    return data.data;
  }

  #facts(spec: RequestSpec<unknown>, progress: Progress): FailureFacts {
    return {
      write: spec.write,
      progress,
      timeoutMs: this.#options.timeoutMs,
      totalBudgetMs: this.#options.totalBudgetMs,
      apiOrigin: this.#apiOrigin,
    };
  }

  async listAccounts(call?: CallOptions) {
    const data = await this.#request(
      { method: "GET", path: "accounts", schema: accountsData, retry: "any" },
      call,
    );
    return data.accounts;
  }

  createPost(body: Parameters<PostingProvider["createPost"]>[0], call?: CallOptions) {
    // Every attempt carries the same external_id, so the API returns the original post instead of
    // making a second one (seed-create-post.txt): any failure may be retried, timeouts included.
    const { external_id } = body;
    return this.#request(
      {
        method: "POST",
        path: "posts",
        json: body,
        schema: createdPost,
        retry: "any",
        write: {
          action: "create",
          externalId: external_id,
          next: `calling schedule_post again with the same arguments and external_id "${external_id}" is safe — it returns the post if it was made and never makes a second one.`,
        },
      },
      call,
    );
  }

  updatePost(postId: string, patch: Parameters<PostingProvider["updatePost"]>[1], call?: CallOptions) {
    // The same PATCH applied twice leaves the post as once: a repeat is harmless.
    return this.#request(
      {
        method: "PATCH",
        path: `posts/${encodeURIComponent(postId)}`,
        json: patch,
        schema: updatedPost,
        retry: "any",
        write: {
          action: "update",
          next: "check with get_post; repeating the same update is harmless.",
        },
      },
      call,
    );
  }

  listPosts(query: Parameters<PostingProvider["listPosts"]>[0], call?: CallOptions) {
    const search: Record<string, string | number> = {};
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) search[key] = value;
    }
    return this.#request(
      { method: "GET", path: "posts", query: search, schema: postsPage, retry: "any" },
      call,
    );
  }

  getPost(postId: string, call?: CallOptions) {
    return this.#request(
      { method: "GET", path: `posts/${encodeURIComponent(postId)}`, schema: post, retry: "any" },
      call,
    );
  }

  deletePosts(postIds: string[], call?: CallOptions) {
    // A repeated delete reports the ids it already deleted as "skipped", which would misreport the
    // outcome: send it again only when the API provably did not act.
    return this.#request(
      {
        method: "POST",
        path: "posts/delete",
        json: { postIds },
        schema: deleteResult,
        retry: "not-processed",
        write: {
          action: "delete",
          next: "check with get_post or list_posts before calling delete_posts again.",
        },
      },
      call,
    );
  }

  retryPosts(postIds: string[], accountIds: string[] | undefined, call?: CallOptions) {
    // Not idempotent (a repeat could queue a post twice): send it again only when the API provably did not act.
    const json =
      accountIds === undefined ? { post_ids: postIds } : { post_ids: postIds, account_ids: accountIds };
    return this.#request(
      {
        method: "POST",
        path: "posts/retry",
        json,
        schema: retryResult,
        retry: "not-processed",
        write: {
          action: "retry",
          next: "check the posts' status with get_post before calling retry_posts again.",
        },
      },
      call,
    );
  }

  createUpload(request: UploadRequest, call?: CallOptions): Promise<UploadTarget> {
    // A repeated POST /files only makes another presigned URL that nobody uses: harmless, so any
    // failure may be retried. No `write` risk either: nothing the agent sees changes.
    const json: Record<string, unknown> = { contentType: request.contentType };
    if (request.filename !== undefined) json.filename = request.filename;
    if (request.size !== undefined) json.size = request.size;
    // upload-file.txt: "Optional video duration in seconds" (also accepted as duration_seconds, …).
    if (request.durationSec !== undefined) json.duration = request.durationSec;
    return this.#request({ method: "POST", path: "files", json, schema: uploadTarget, retry: "any" }, call);
  }
}
