// PostEverywhere's API v1 over HTTP (src/providers/http/), behind the same PostingProvider the tools use. It has no
// idempotency key, so a create is never sent twice blindly: it is retried only when the failure
// proves nothing was processed (429, connection refused), and a repeat with the same external_id is
// caught in this process instead (see #created).
import type { z } from "zod";
import { capabilitiesFor, POSTEVERYWHERE_RULES } from "../../preflight/posteverywhere/index.js";
import { BACKEND_RULES } from "../../preflight/preflight.js";
import type { Account, CreatedPost, DeleteResult, PostsPage, RetryResult } from "../../schemas/api-data.js";
import type { CreatePostBody, ListPostsQuery, UpdatePostBody } from "../../schemas/post-input.js";
import { type ApiCall, ApiHttp, bearerJsonHeaders } from "../http/api-http.js";
import { type AttemptLog, countAttempts } from "../http/attempt-log.js";
import { CallBudget } from "../http/call-budget.js";
import type { CallOptions, PostingProvider } from "../provider.js";
import { ProviderError } from "../provider-error.js";
import {
  anyData,
  parsePeEnvelope,
  peAccounts,
  peCreated,
  pePost,
  pePosts,
  peUpdated,
  peUploaded,
} from "./envelope.js";
import { invalidAnswer, type PeWrite, refused, toPeError } from "./failure.js";
import {
  accountFromPe,
  createBody,
  createdFromPe,
  createFingerprint,
  mediaUrls,
  patchBody,
  postFromPe,
  STATUS_TO_PE,
  statusFromPe,
} from "./mapping.js";

export const DEFAULT_POSTEVERYWHERE_URL = "https://app.posteverywhere.ai/api/v1";

export interface PostEverywhereOptions {
  apiUrl: string;
  apiKey: string;
  timeoutMs: number;
  totalBudgetMs: number;
  maxRetryAfterMs?: number;
}

interface Spec<T> extends ApiCall {
  schema: z.ZodType<T>;
  /** Set for writes. */
  write?: PeWrite;
}

type Remembered =
  | { state: "created"; fingerprint: string; created: CreatedPost }
  | { state: "unknown"; fingerprint: string };

const CREATE_NEXT =
  "PostEverywhere has no idempotency key, so genviral-mcp did not send it again. Check with list_posts (the newest posts) before calling schedule_post again, or the post may go out twice.";

export class PostEverywhereClient implements PostingProvider {
  readonly name = "PostEverywhere";
  readonly #http: ApiHttp;
  readonly #apiOrigin: string;
  readonly #budget: CallBudget;
  /** external_id → what this process created with it; lives as long as the process. */
  readonly #created = new Map<string, Remembered>();

  constructor(options: PostEverywhereOptions) {
    this.#apiOrigin = new URL(options.apiUrl).origin;
    this.#budget = new CallBudget(options.totalBudgetMs);
    this.#http = new ApiHttp({
      baseUrl: options.apiUrl,
      timeoutMs: options.timeoutMs,
      ...(options.maxRetryAfterMs === undefined ? {} : { maxRetryAfterMs: options.maxRetryAfterMs }),
      headers: bearerJsonHeaders(options.apiKey),
    });
  }

  async #request<T>(spec: Spec<T>, call: CallOptions | undefined): Promise<T> {
    const budgetMs = Math.floor(this.#budget.leftMs(call?.signal));
    const tries: AttemptLog = { attempts: 0, ambiguous: false };
    let text: string;
    let status: number;
    try {
      const answer = await this.#http.request({
        method: spec.method,
        path: spec.path,
        ...(spec.query ? { query: spec.query } : {}),
        ...(spec.json === undefined ? {} : { json: spec.json }),
        ...(call?.signal ? { signal: call.signal } : {}),
        budgetMs,
        retry: spec.retry,
        onAttempt: countAttempts(tries),
      });
      status = answer.status;
      text = answer.text;
    } catch (error) {
      throw toPeError(error, spec.write, tries, this.#apiOrigin, call?.signal?.aborted === true);
    }
    const env = parsePeEnvelope(text);
    if (!env?.ok)
      throw invalidAnswer(status, "a body that is not its {data, error, meta} envelope", spec.write);
    const data = spec.schema.safeParse(env.data);
    if (!data.success) {
      const where = data.error.issues[0]?.path.join(".") || "data";
      throw invalidAnswer(status, `data of an undocumented shape (at "${where}")`, spec.write);
    }
    return data.data;
  }

  async listAccounts(call?: CallOptions): Promise<Account[]> {
    const accounts = await this.#request(
      { method: "GET", path: "accounts", schema: peAccounts, retry: "any" },
      call,
    );
    // Pre-flight reads this backend's rules from the accounts it checks (preflight.ts BackendRules).
    return accounts.map((a) =>
      Object.assign(accountFromPe(a, capabilitiesFor(a.platform)), { [BACKEND_RULES]: POSTEVERYWHERE_RULES }),
    );
  }

  /** media URLs → media ids, one upload each (a repeated upload only leaves an unused file). */
  async #upload(media: CreatePostBody["media"], call?: CallOptions): Promise<string[]> {
    const ids: string[] = [];
    for (const url of mediaUrls(media)) {
      const uploaded = await this.#request(
        {
          method: "POST",
          path: "media/upload-from-url",
          json: { url },
          schema: peUploaded,
          retry: "any",
          write: { action: "media upload", next: "nothing was posted yet; calling again is safe." },
        },
        call,
      );
      ids.push((uploaded.id ?? uploaded.media_id) as string);
    }
    return ids;
  }

  async createPost(body: CreatePostBody & { external_id: string }, call?: CallOptions): Promise<CreatedPost> {
    const { external_id } = body;
    const fingerprint = createFingerprint(body);
    const seen = this.#created.get(external_id);
    if (seen && seen.fingerprint !== fingerprint) {
      throw refused(
        `external_id "${external_id}" was already used in this session for a post with other content, and PostEverywhere cannot tell the two apart. Use a new external_id for a different post.`,
        "external_id_conflict",
      );
    }
    if (seen?.state === "created") {
      // Still there? A post deleted since must not block posting it again.
      const current = await this.getPost(seen.created.id, call).catch((error: unknown) => {
        if (error instanceof ProviderError && error.status === 404) return undefined;
        throw error;
      });
      if (current) {
        return {
          ...seen.created,
          status: current.status,
          scheduled_at: current.scheduled_at ?? null,
          duplicate: true,
        };
      }
      this.#created.delete(external_id);
    }
    if (seen?.state === "unknown") {
      throw refused(
        `An earlier schedule_post with external_id "${external_id}" ended with an unknown outcome, so it is not sent again. Check list_posts for it; if it is not there, call schedule_post with a new external_id.`,
        "outcome_unknown",
      );
    }
    const mediaIds = await this.#upload(body.media, call);
    try {
      const created = await this.#request(
        {
          method: "POST",
          path: "posts",
          json: createBody(body, mediaIds),
          schema: peCreated,
          retry: "not-processed",
          write: { action: "create", next: CREATE_NEXT },
        },
        call,
      );
      const result = createdFromPe(created);
      this.#created.set(external_id, { state: "created", fingerprint, created: result });
      return result;
    } catch (error) {
      if (error instanceof ProviderError && error.writeMayHaveHappened)
        this.#created.set(external_id, { state: "unknown", fingerprint });
      throw error;
    }
  }

  async updatePost(postId: string, patch: UpdatePostBody, call?: CallOptions) {
    const mediaIds =
      patch.media === undefined
        ? undefined
        : patch.media === null
          ? []
          : await this.#upload(patch.media, call);
    const updated = await this.#request(
      {
        method: "PATCH",
        path: `posts/${encodeURIComponent(postId)}`,
        json: patchBody(patch, mediaIds),
        schema: peUpdated,
        // The same PATCH applied twice leaves the post as once.
        retry: "any",
        write: { action: "update", next: "check with get_post; repeating the same update is harmless." },
      },
      call,
    );
    return {
      id: updated.id ?? updated.post_id ?? postId,
      status: statusFromPe(updated.status),
      scheduled_at: updated.scheduled_for ?? null,
      warnings: [],
    };
  }

  async listPosts(query: ListPostsQuery, call?: CallOptions): Promise<PostsPage> {
    const search: Record<string, string | number> = {};
    if (query.status) {
      const status = STATUS_TO_PE[query.status];
      if (!status) {
        throw refused(
          `PostEverywhere has no "${query.status}" status: it retries failed destinations in place. List status "failed" or "partial" instead.`,
          "no_counterpart",
        );
      }
      search.status = status;
    }
    const filtered = query.since !== undefined || query.until !== undefined;
    const limit = Math.min(100, Math.max(1, query.limit ?? 20));
    // No date filters on its side: read the newest 100 and filter here.
    search.limit = filtered ? 100 : limit;
    const page = await this.#request(
      { method: "GET", path: "posts", query: search, schema: pePosts, retry: "any" },
      call,
    );
    let posts = page.posts.map(postFromPe);
    if (filtered) {
      const since = query.since ? Date.parse(query.since) : -Infinity;
      const until = query.until ? Date.parse(query.until) : Infinity;
      posts = posts
        .filter((p) => {
          const at = Date.parse(p.created_at ?? "");
          return !Number.isNaN(at) && at >= since && at <= until;
        })
        .slice(0, limit);
    }
    const byStatus: Record<string, number> = {};
    for (const p of posts) byStatus[p.status] = (byStatus[p.status] ?? 0) + 1;
    return {
      summary: {
        total: filtered ? posts.length : (page.total ?? posts.length),
        pending: (byStatus.pending ?? 0) + (byStatus.scheduled ?? 0),
        published: byStatus.posted ?? 0,
        // Counted over the posts shown: PostEverywhere returns no summary.
        by_status: byStatus,
      },
      posts,
    };
  }

  async getPost(postId: string, call?: CallOptions) {
    const post = await this.#request(
      { method: "GET", path: `posts/${encodeURIComponent(postId)}`, schema: pePost, retry: "any" },
      call,
    );
    return postFromPe(post);
  }

  async deletePosts(postIds: string[], call?: CallOptions): Promise<DeleteResult> {
    const result: Required<DeleteResult> = { deletedIds: [], blockedStatuses: [], skipped: [], errors: {} };
    for (const id of postIds) {
      try {
        await this.#request(
          {
            method: "DELETE",
            path: `posts/${encodeURIComponent(id)}`,
            schema: anyData,
            // A repeated delete would answer 404 and misreport the outcome: only when nothing was processed.
            retry: "not-processed",
            write: { action: "delete", next: "check with get_post before calling delete_posts again." },
          },
          call,
        );
        result.deletedIds.push(id);
      } catch (error) {
        if (!(error instanceof ProviderError)) throw error;
        if (error.status === 404) result.skipped.push(id);
        else if (error.status === 400 || error.status === 409 || error.status === 422) {
          const status = await this.getPost(id, call).then(
            (p) => p.status,
            () => undefined,
          );
          if (status) result.blockedStatuses.push({ id, status });
          else result.errors[id] = error.message;
        } else throw partial(error, "deleted", result.deletedIds);
      }
    }
    return result;
  }

  async retryPosts(
    postIds: string[],
    accountIds: string[] | undefined,
    call?: CallOptions,
  ): Promise<RetryResult> {
    if (accountIds !== undefined) {
      throw refused(
        "account_ids has no counterpart on PostEverywhere: POST /posts/{id}/retry retries every failed destination of the post. Call retry_posts without account_ids.",
        "no_counterpart",
      );
    }
    const result: Required<RetryResult> = { retried: 0, ids: [], failed: [], errors: {} };
    for (const id of postIds) {
      try {
        await this.#request(
          {
            method: "POST",
            path: `posts/${encodeURIComponent(id)}/retry`,
            json: {},
            schema: anyData,
            retry: "not-processed",
            write: {
              action: "retry",
              next: "check the post's status with get_post before calling retry_posts again.",
            },
          },
          call,
        );
        result.retried += 1;
        result.ids.push(id);
      } catch (error) {
        if (!(error instanceof ProviderError)) throw error;
        if (
          error.status !== undefined &&
          error.status >= 400 &&
          error.status < 500 &&
          ![401, 403, 429].includes(error.status)
        ) {
          result.failed.push(id);
          result.errors[id] = error.message;
        } else throw partial(error, "retried", result.ids);
      }
    }
    return result;
  }
}

/** A batch stopped part-way: the failure, plus what the earlier items of the batch already did. */
function partial(error: ProviderError, done: string, ids: string[]): ProviderError {
  if (ids.length === 0) return error;
  return new ProviderError({
    kind: error.kind,
    message: `${error.message} Before this failure, these posts were already ${done}: ${ids.join(", ")}.`,
    status: error.status,
    errorCode: error.errorCode,
    apiMessage: error.apiMessage,
    retryable: error.retryable,
    writeMayHaveHappened: true,
    retryAfterSeconds: error.retryAfterSeconds,
    attempts: error.attempts,
  });
}
