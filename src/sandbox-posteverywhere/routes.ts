/** The simulated endpoints (api-summary.md "Endpoints used for posting"), as the docs describe them. */

import { randomUUID } from "node:crypto";
import { PE_PLATFORM_LIMITS } from "../preflight/posteverywhere/rules.js";
import { matchIn, type Route, type RouteMatchOf, route } from "../sandbox/route-table.js";
import { PeApiError } from "./envelope.js";
import type { PeStore, SimMedia, SimPost } from "./store.js";

export interface RouteContext {
  store: PeStore;
  now: () => number;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}
export type Handler = (ctx: RouteContext) => { status: number; data: unknown };

const PLATFORM_KEYS = [
  "instagram",
  "tiktok",
  "youtube",
  "linkedin",
  "x",
  "facebook",
  "threads",
  "pinterest",
  "bluesky",
];
const EDITABLE = ["scheduled", "draft"];

const invalid = (message: string) => new PeApiError(400, "validation_error", message);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function objectBody(body: unknown): Record<string, unknown> {
  if (!isObject(body)) throw invalid("The request body must be a JSON object.");
  return body;
}

function findPost(ctx: RouteContext): SimPost {
  const post = ctx.store.post(ctx.params.id ?? "");
  if (!post) throw new PeApiError(404, "not_found", "Post not found.");
  return post;
}

function serialize(post: SimPost, store: PeStore) {
  const media = post.media_ids.map((id) => store.media.get(id)).filter((m): m is SimMedia => m !== undefined);
  return { ...post, media };
}

function accountIds(ctx: RouteContext, value: unknown): number[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((v) => Number.isInteger(v)))
    throw invalid("account_ids must be a non-empty array of integer account ids.");
  const unknown = value.filter((id) => !ctx.store.accounts.some((a) => a.id === id));
  if (unknown.length) throw invalid(`Unknown account ids: ${unknown.join(", ")}.`);
  return value as number[];
}

function scheduledFor(ctx: RouteContext, value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const at = typeof value === "string" ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(at)) throw invalid("scheduled_for must be an ISO 8601 datetime.");
  if (at < ctx.now() - 60_000) throw invalid("scheduled_for must be in the future.");
  return new Date(at).toISOString();
}

function mediaIds(ctx: RouteContext, value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string" && ctx.store.media.has(v)))
    throw invalid("media_ids must be ids from POST /media/upload.");
  return value as string[];
}

function checkPlatformContent(
  ctx: RouteContext,
  value: unknown,
  ids: number[],
): Record<string, unknown> | null {
  if (value === undefined || value === null) return null;
  if (!isObject(value)) throw invalid("platform_content must be an object keyed by platform.");
  for (const key of Object.keys(value))
    if (!PLATFORM_KEYS.includes(key)) throw invalid(`Unsupported platform_content key: ${key}.`);
  const targets = ids.map((id) => ctx.store.accounts.find((a) => a.id === id)?.platform);
  const youtube = value.youtube as Record<string, unknown> | undefined;
  const title = (youtube?.settings as Record<string, unknown> | undefined)?.title;
  if (targets.includes("youtube") && (typeof title !== "string" || title.trim() === ""))
    throw invalid("platform_content.youtube.settings.title is required for YouTube.");
  return value;
}

function checkContentLength(ctx: RouteContext, content: string, ids: number[]): void {
  for (const id of ids) {
    const platform = ctx.store.accounts.find((a) => a.id === id)?.platform ?? "";
    const limit = PE_PLATFORM_LIMITS[platform as keyof typeof PE_PLATFORM_LIMITS]?.captionLimit;
    if (limit !== undefined && content.length > limit)
      throw invalid(`content is ${content.length} characters; ${platform} allows ${limit}.`);
  }
}

export const createPost: Handler = (ctx) => {
  const body = objectBody(ctx.body);
  const draft = body.draft === true;
  if (
    typeof body.content !== "string" ||
    (!draft && body.content.trim() === "") ||
    (!draft && body.account_ids === undefined)
  )
    throw invalid("Missing required fields: content and account_ids are required.");
  const ids = body.account_ids === undefined ? [] : accountIds(ctx, body.account_ids);
  const inactive = ids.filter((id) => ctx.store.accounts.find((a) => a.id === id)?.status !== "active");
  if (inactive.length) throw invalid(`Accounts need reconnecting: ${inactive.join(", ")}.`);
  checkContentLength(ctx, body.content, ids);
  const when = scheduledFor(ctx, body.scheduled_for ?? body.scheduled_at);
  const media = mediaIds(ctx, body.media_ids);
  const content = checkPlatformContent(ctx, body.platform_content, ids);
  const status = draft ? "draft" : when ? "scheduled" : "publishing";
  const post: SimPost = {
    id: randomUUID(),
    content: body.content,
    status,
    scheduled_for: when ?? (draft ? null : new Date(ctx.now()).toISOString()),
    timezone: typeof body.timezone === "string" ? body.timezone : "UTC",
    created_at: new Date(ctx.now()).toISOString(),
    account_ids: ids,
    media_ids: media,
    platform_content: content,
    destinations: ids.map((id) => ({
      account_id: id,
      platform: ctx.store.accounts.find((a) => a.id === id)?.platform ?? "",
      status,
      published_url: null,
      published_at: null,
      error_message: null,
    })),
  };
  ctx.store.posts.push(post);
  return {
    status: 201,
    data: {
      post_id: post.id,
      status,
      scheduled_for: post.scheduled_for,
      accounts_count: ids.length,
      message: `Post ${status} for ${ids.length} accounts.`,
    },
  };
};

export const listPosts: Handler = (ctx) => {
  const status = ctx.query.get("status");
  const platform = ctx.query.get("platform");
  const limit = Math.min(100, Math.max(1, Number(ctx.query.get("limit") ?? 20) || 20));
  const offset = Math.max(0, Number(ctx.query.get("offset") ?? 0) || 0);
  const matching = ctx.store.posts
    .filter((p) => !status || p.status === status)
    .filter((p) => !platform || p.destinations.some((d) => d.platform === platform))
    .sort((a, b) => b.created_at.localeCompare(a.created_at));
  return {
    status: 200,
    data: {
      posts: matching.slice(offset, offset + limit).map((p) => serialize(p, ctx.store)),
      pagination: { total: matching.length, limit, offset },
    },
  };
};

export const getPost: Handler = (ctx) => ({ status: 200, data: serialize(findPost(ctx), ctx.store) });

export const postResults: Handler = (ctx) => ({ status: 200, data: { results: findPost(ctx).destinations } });

export const updatePost: Handler = (ctx) => {
  const post = findPost(ctx);
  const body = objectBody(ctx.body);
  if (!EDITABLE.includes(post.status))
    throw new PeApiError(
      400,
      "bad_request",
      `Only scheduled or draft posts can be edited; this one is ${post.status}.`,
    );
  const ids = body.account_ids === undefined ? post.account_ids : accountIds(ctx, body.account_ids);
  const content = body.content === undefined ? post.content : body.content;
  if (typeof content !== "string" || content.trim() === "")
    throw invalid("content must be a non-empty string.");
  checkContentLength(ctx, content, ids);
  const when = body.scheduled_for === undefined ? post.scheduled_for : scheduledFor(ctx, body.scheduled_for);
  post.content = content;
  post.account_ids = ids;
  post.scheduled_for = when;
  if (body.media_ids !== undefined) post.media_ids = mediaIds(ctx, body.media_ids);
  if (typeof body.timezone === "string") post.timezone = body.timezone;
  if (post.status === "scheduled" || body.scheduled_for !== undefined)
    post.status = when ? "scheduled" : post.status;
  post.destinations = ids.map((id) => ({
    account_id: id,
    platform: ctx.store.accounts.find((a) => a.id === id)?.platform ?? "",
    status: post.status,
    published_url: null,
    published_at: null,
    error_message: null,
  }));
  return { status: 200, data: { id: post.id, status: post.status, scheduled_for: post.scheduled_for } };
};

export const deletePost: Handler = (ctx) => {
  const post = findPost(ctx);
  if (!EDITABLE.includes(post.status))
    throw new PeApiError(
      400,
      "bad_request",
      `Only scheduled or draft posts can be deleted; this one is ${post.status}.`,
    );
  ctx.store.posts = ctx.store.posts.filter((p) => p !== post);
  return { status: 200, data: { id: post.id, deleted: true } };
};

export const retryPost: Handler = (ctx) => {
  const post = findPost(ctx);
  const failed = post.destinations.filter((d) => d.status === "failed");
  if (failed.length === 0)
    throw new PeApiError(
      400,
      "bad_request",
      `Post has no failed destinations to retry (status ${post.status}).`,
    );
  for (const d of failed) {
    d.status = "publishing";
    d.error_message = null;
  }
  post.status = "publishing";
  return { status: 200, data: { id: post.id, status: post.status, retried_destinations: failed.length } };
};

export const uploadFromUrl: Handler = (ctx) => {
  const body = objectBody(ctx.body);
  if (typeof body.url !== "string" || !/^https:\/\/\S+$/i.test(body.url))
    throw invalid("url must be a public https URL.");
  const media = ctx.store.addMedia(body.url);
  return { status: 201, data: { id: media.id, url: media.url, type: media.type, status: "ready" } };
};

export const listAccounts: Handler = (ctx) => ({ status: 200, data: ctx.store.accounts });

export const getAccount: Handler = (ctx) => {
  const account = ctx.store.accounts.find((a) => String(a.id) === ctx.params.id);
  if (!account) throw new PeApiError(404, "not_found", "Account not found.");
  return { status: 200, data: account };
};

export const platformRules: Handler = () => ({
  status: 200,
  data: Object.fromEntries(
    Object.entries(PE_PLATFORM_LIMITS).map(([p, l]) => [
      p,
      { max_characters: l.captionLimit, content_kinds: l.kinds, max_images: l.maxImages ?? null },
    ]),
  ),
});

const ROUTES: Route<Handler>[] = [
  route("/accounts", { GET: listAccounts }),
  route("/accounts/:id", { GET: getAccount }),
  route("/platform-rules", { GET: platformRules }),
  route("/media/upload-from-url", { POST: uploadFromUrl }),
  route("/posts", { GET: listPosts, POST: createPost }),
  route("/posts/:id", { GET: getPost, PATCH: updatePost, DELETE: deletePost }),
  route("/posts/:id/results", { GET: postResults }),
  route("/posts/:id/retry", { POST: retryPost }),
];

export function matchPeRoute(path: string): RouteMatchOf<Handler> | undefined {
  return matchIn(ROUTES, path);
}
