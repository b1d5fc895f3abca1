import { invalidPayload } from "../envelope.js";
import { isObject } from "../json.js";
import type { RouteContext, RouteResult } from "./context.js";

const MAX_POSTS = 20;
const MAX_ACCOUNTS = 10;
const RETRYABLE = ["failed", "partial"];

function readStringArray(value: unknown, field: string, max: number): string[] {
  if (!Array.isArray(value) || value.length < 1 || value.length > max) {
    throw invalidPayload(`${field}: must be an array of 1 to ${max} ids`);
  }
  if (!value.every((id) => typeof id === "string" && id !== "")) {
    throw invalidPayload(`${field}: every entry must be a non-empty string`);
  }
  return [...new Set(value as string[])];
}

export function retryPosts({ store, body }: RouteContext): RouteResult {
  const input = isObject(body) ? body : {};
  const postIds = readStringArray(input.post_ids, "post_ids", MAX_POSTS);
  const accountFilter =
    input.account_ids === undefined
      ? undefined
      : readStringArray(input.account_ids, "account_ids", MAX_ACCOUNTS);

  const ids: string[] = [];
  const failed: string[] = [];
  const errors: Record<string, string> = {};
  const reject = (id: string, reason: string) => {
    failed.push(id);
    errors[id] = reason;
  };
  for (const id of postIds) {
    const post = store.post(id);
    if (!post) {
      reject(id, "Post not found");
      continue;
    }
    if (!RETRYABLE.includes(post.status)) {
      reject(id, "Only failed or partial posts can be retried");
      continue;
    }
    const targets = post.states.filter(
      (s) => RETRYABLE.includes(s.status) && (!accountFilter || accountFilter.includes(s.account_id)),
    );
    // Not in the docs: when account_ids matches none of the post's failed accounts, nothing is retried and the
    // post is reported as failed rather than silently counted.
    if (targets.length === 0) {
      reject(id, "No failed accounts on this post match account_ids");
      continue;
    }
    // error_message is kept: it documents the last platform error until the scheduler tries again.
    for (const s of targets) s.status = "retry";
    post.status = "retry";
    ids.push(id);
  }
  if (ids.length > 0) store.commit();
  return {
    status: 200,
    message: "Posts queued for retry",
    data: { retried: ids.length, ids, failed, ...(failed.length > 0 ? { errors } : {}) },
  };
}
