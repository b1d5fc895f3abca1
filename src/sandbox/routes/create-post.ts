import { randomUUID } from "node:crypto";
import { ApiError } from "../envelope.js";
import { canonicalJson, isObject, sha256 } from "../json.js";
import { checkPostRules, mediaWarnings } from "../posts/rules.js";
import { resolveSchedule } from "../posts/schedule.js";
import { parseCreateBody } from "../posts/schema.js";
import { freshState } from "../posts/states.js";
import type { Post } from "../types.js";
import type { RouteContext, RouteResult } from "./context.js";

const DUPLICATE_WINDOW_MS = 5 * 60_000;

function fingerprintOf(body: unknown): string {
  const { external_id: _ignored, ...rest } = isObject(body) ? body : {};
  return sha256(canonicalJson(rest));
}

function replay(post: Post): RouteResult {
  return {
    status: 200,
    message: "Duplicate request; returning the original post",
    data: { id: post.id, status: post.status, scheduled_at: post.scheduled_at, duplicate: true },
  };
}

export function createPost({ store, now, body }: RouteContext): RouteResult {
  const input = parseCreateBody(body);
  const fingerprint = fingerprintOf(body);
  const at = now();

  // Idempotency is decided before the posting rules, so a replay still returns the original post even if,
  // say, its scheduled_at has since slipped into the past.
  if (input.externalId !== undefined) {
    const original = store.postByExternalId(input.externalId);
    if (original) {
      if (original.fingerprint === fingerprint) return replay(original);
      throw new ApiError(
        409,
        "create_failed",
        `external_id "${input.externalId}" was already used for a different payload`,
      );
    }
  } else {
    // The short-window guard only considers earlier creates that also had no external_id.
    const recent = store.recentPostByFingerprint(fingerprint, at - DUPLICATE_WINDOW_MS);
    if (recent) return replay(recent);
  }

  checkPostRules(store, input);
  const schedule = resolveSchedule(input.scheduledAt, at);
  const post: Post = {
    id: randomUUID(),
    caption: input.caption,
    status: schedule.status,
    scheduled_at: schedule.scheduledAt,
    created_at: new Date(at).toISOString(),
    media: input.media,
    music_url: input.musicUrl,
    tiktok: input.tiktok,
    pinterest: input.pinterest,
    settings: input.settings,
    external_id: input.externalId ?? null,
    states: input.accountIds.map((id) => freshState(id, schedule.status)),
    fingerprint,
  };
  store.pruneRecentCreates(at - DUPLICATE_WINDOW_MS);
  store.insertPost(post, input.externalId === undefined ? { fingerprint, postId: post.id, at } : undefined);

  const warnings = mediaWarnings(post.media);
  return {
    status: 201,
    message: post.status === "scheduled" ? "Post scheduled" : "Post queued for immediate publish",
    data: {
      id: post.id,
      status: post.status,
      scheduled_at: post.scheduled_at,
      duplicate: false,
      ...(warnings.length > 0 ? { warnings } : {}),
    },
  };
}
