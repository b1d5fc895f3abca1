import { ApiError, invalidPayload } from "../envelope.js";
import { isObject } from "../json.js";
import type { RouteContext, RouteResult } from "./context.js";

const MAX_IDS = 50;
const DELETABLE = ["draft", "pending", "scheduled", "retry", "failed"];

function readIds(body: unknown): string[] {
  // postIds is preferred; post_ids is the documented alias, used only when postIds is absent.
  const raw = isObject(body) ? (body.postIds ?? body.post_ids) : undefined;
  if (!Array.isArray(raw) || raw.length === 0 || !raw.every((id) => typeof id === "string" && id !== "")) {
    throw invalidPayload("postIds: must be a non-empty array of post id strings");
  }
  return [...new Set(raw as string[])];
}

export function deletePosts({ store, body }: RouteContext): RouteResult {
  const ids = readIds(body);
  if (ids.length > MAX_IDS) {
    throw new ApiError(
      400,
      "too_many_post_ids",
      `At most ${MAX_IDS} post ids per request (got ${ids.length})`,
    );
  }
  const deletedIds: string[] = [];
  const blockedStatuses: Array<{ id: string; status: string }> = [];
  const skipped: string[] = [];
  for (const id of ids) {
    const post = store.post(id);
    if (!post) skipped.push(id);
    else if (DELETABLE.includes(post.status)) deletedIds.push(id);
    else blockedStatuses.push({ id, status: post.status });
  }
  if (deletedIds.length > 0) store.deletePosts(deletedIds);
  return { status: 200, message: "Posts deleted", data: { deletedIds, blockedStatuses, skipped } };
}
