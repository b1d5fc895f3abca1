import { z } from "zod";
import { retryResult } from "../schemas/api-data.js";
import { postId } from "../schemas/post-input.js";
import { defineTool, succeed } from "./tool.js";

export const retryPostsTool = defineTool({
  name: "retry_posts",
  description:
    "Re-queue 1–20 failed or partial posts after fixing the cause; account_ids (1–10) limits the retry to those accounts. Other statuses are reported in failed with the reason.",
  annotations: {
    title: "Retry posts",
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: false,
    openWorldHint: true,
  },
  input: z.strictObject({
    post_ids: z.array(postId).min(1).max(20),
    account_ids: z.array(z.string().min(1).max(128)).min(1).max(10).optional(),
  }),
  output: retryResult,
  async run({ post_ids, account_ids }, { provider, signal }) {
    return succeed(await provider.retryPosts(post_ids, account_ids, { signal }));
  },
  render(r) {
    const parts = [`Queued ${r.retried} for retry: ${r.ids.join(", ") || "none"}.`];
    const errors = Object.entries(r.errors ?? {});
    if (errors.length) parts.push(`Not retried: ${errors.map(([id, e]) => `${id}: ${e}`).join("; ")}.`);
    else if (r.failed?.length) parts.push(`Not retried: ${r.failed.join(", ")}.`);
    return parts.join("\n");
  },
});
