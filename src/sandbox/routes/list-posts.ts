import { ApiError, invalidPayload } from "../envelope.js";
import { parseIsoDate } from "../iso-time.js";
import { toApiPost } from "../posts/serialize.js";
import type { Post } from "../types.js";
import type { RouteContext, RouteResult } from "./context.js";

const FILTERABLE = ["draft", "pending", "scheduled", "posted", "failed", "partial", "retry"];
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

// Empty or non-numeric limits fall back to the default; fractional ones are truncated.
function parseLimit(raw: string | null): number {
  if (raw === null || raw.trim() === "") return DEFAULT_LIMIT;
  const value = Number(raw);
  if (!Number.isFinite(value)) return DEFAULT_LIMIT;
  return Math.min(MAX_LIMIT, Math.max(1, Math.trunc(value)));
}

function parseBound(raw: string | null, name: "since" | "until"): number | undefined {
  if (raw === null) return undefined;
  const ms = parseIsoDate(raw);
  if (ms === undefined) throw new ApiError(400, `invalid_${name}`, `${name} must be an ISO 8601 timestamp`);
  return ms;
}

function summarize(posts: Post[]) {
  const count = (status: string) => posts.filter((p) => p.status === status).length;
  const by_status = {
    draft: count("draft"),
    pending: count("pending"),
    scheduled: count("scheduled"),
    posted: count("posted"),
    partial: count("partial"),
    failed: count("failed"),
  };
  return {
    total: posts.length,
    pending: by_status.pending + by_status.scheduled + count("retry"),
    published: by_status.posted + by_status.partial,
    by_status,
  };
}

export function listPosts({ store, query }: RouteContext): RouteResult {
  const status = query.get("status");
  if (status !== null && !FILTERABLE.includes(status)) {
    throw invalidPayload(`status: must be one of ${FILTERABLE.join(", ")}`);
  }
  const limit = parseLimit(query.get("limit"));
  const since = parseBound(query.get("since"), "since");
  const until = parseBound(query.get("until"), "until");

  // Newest first; among equal created_at the later insertion wins.
  const ordered = store.posts.map((post, index) => ({ post, index, created: Date.parse(post.created_at) }));
  ordered.sort((a, b) => b.created - a.created || b.index - a.index);
  const posts = ordered
    .filter(({ post, created }) => {
      if (status !== null && post.status !== status) return false;
      if (since !== undefined && created < since) return false;
      return until === undefined || created <= until;
    })
    .slice(0, limit)
    .map(({ post }) => toApiPost(post));

  return { status: 200, message: "Posts retrieved", data: { summary: summarize(store.posts), posts } };
}
