import { ApiError, invalidPayload, validationFailed } from "../envelope.js";
import { checkPostRules, mediaWarnings, type PostCandidate } from "../posts/rules.js";
import { resolveSchedule } from "../posts/schedule.js";
import { type PatchInput, parsePatchBody } from "../posts/schema.js";
import { freshState } from "../posts/states.js";
import type { JsonObject, Post } from "../types.js";
import type { RouteContext, RouteResult } from "./context.js";

const EDITABLE = ["draft", "pending", "scheduled", "retry", "failed"];

/** Partial per-provider merge; `settings: null` clears everything and `settings.<p>: null` drops one block. */
function mergeSettings(stored: Post["settings"], patch: PatchInput["settings"]): Post["settings"] {
  if (patch === undefined) return stored;
  if (patch === null) return null;
  const merged: Record<string, JsonObject> = { ...(stored ?? {}) };
  for (const [provider, block] of Object.entries(patch)) {
    if (block === null) delete merged[provider];
    else merged[provider] = { ...(merged[provider] ?? {}), ...block };
  }
  return Object.keys(merged).length > 0 ? merged : null;
}

function pick<T>(patched: T | undefined, stored: T): T {
  return patched === undefined ? stored : patched;
}

export function updatePost({ store, now, params, body }: RouteContext): RouteResult {
  const post = store.post(params.id ?? "");
  if (!post) throw new ApiError(404, "not_found", "Post not found");
  const patch = parsePatchBody(body);
  if (!EDITABLE.includes(post.status)) {
    throw validationFailed(
      `Post status "${post.status}" is immutable; only ${EDITABLE.join(", ")} posts can be edited`,
    );
  }
  if (patch.externalId !== undefined && patch.externalId !== post.external_id) {
    throw new ApiError(
      409,
      "external_id_immutable",
      "external_id cannot be changed after the post is created",
    );
  }

  const currentIds = post.states.map((s) => s.account_id);
  const next: PostCandidate = {
    caption: pick(patch.caption, post.caption),
    media: pick(patch.media, post.media),
    accountIds: pick(patch.accountIds, currentIds),
    musicUrl: pick(patch.musicUrl, post.music_url),
    tiktok: pick(patch.tiktok, post.tiktok),
    pinterest: pick(patch.pinterest, post.pinterest),
  };
  if (next.tiktok && next.pinterest) {
    throw invalidPayload("tiktok, pinterest: TikTok and Pinterest settings cannot both be set on a post");
  }
  checkPostRules(store, next);
  const at = now();
  const schedule = patch.scheduledAt === undefined ? undefined : resolveSchedule(patch.scheduledAt, at);

  const status = schedule?.status ?? post.status;
  if (schedule) {
    // A new schedule re-queues every target from scratch.
    post.states = next.accountIds.map((id) => freshState(id, status));
  } else if (patch.accountIds) {
    post.states = next.accountIds.map(
      (id) => post.states.find((s) => s.account_id === id) ?? freshState(id, status),
    );
  }
  post.status = status;
  post.scheduled_at = schedule ? schedule.scheduledAt : post.scheduled_at;
  post.caption = next.caption;
  post.media = next.media;
  post.music_url = next.musicUrl;
  post.tiktok = next.tiktok;
  post.pinterest = next.pinterest;
  post.settings = mergeSettings(post.settings, patch.settings);
  store.commit();

  const warnings = mediaWarnings(post.media);
  return {
    status: 200,
    message: "Post updated",
    data: {
      id: post.id,
      status: post.status,
      scheduled_at: post.scheduled_at,
      ...(warnings.length > 0 ? { warnings } : {}),
    },
  };
}
