import { z } from "zod";
import { deleteResult } from "../schemas/api-data.js";
import { postId } from "../schemas/post-input.js";
import { defineTool, succeed } from "./tool.js";

export const deletePostsTool = defineTool({
  name: "delete_posts",
  description:
    "Permanently delete 1–50 posts by id (postIds; post_ids is accepted too). Only draft, pending, scheduled, retry and failed posts are deleted; posted, partial and canceled ones come back in blockedStatuses, unknown ids in skipped.",
  annotations: {
    title: "Delete posts",
    readOnlyHint: false,
    destructiveHint: true,
    // Deleting twice leaves the same state (the second time the ids are reported as skipped).
    idempotentHint: true,
    openWorldHint: true,
  },
  input: z.strictObject({ postIds: z.array(postId).min(1).max(50) }),
  output: deleteResult,
  // delete-posts.txt: "The API accepts both postIds (preferred) and the snake_case alias post_ids."
  normalize(args) {
    if (args.postIds === undefined && args.post_ids !== undefined) {
      const { post_ids, ...rest } = args;
      return { ...rest, postIds: post_ids };
    }
    return args;
  },
  async run({ postIds }, { provider, signal }) {
    return succeed(await provider.deletePosts(postIds, { signal }));
  },
  render(r) {
    const parts = [`Deleted ${r.deletedIds.length}: ${r.deletedIds.join(", ") || "none"}.`];
    if (r.blockedStatuses.length) {
      parts.push(
        `Not deleted (already ${r.blockedStatuses.map((b) => `${b.id} ${b.status}`).join(", ")}): posted, partial and canceled posts are immutable.`,
      );
    }
    if (r.skipped.length) parts.push(`Skipped (not found in this key's scope): ${r.skipped.join(", ")}.`);
    const errors = Object.entries(r.errors ?? {});
    if (errors.length) parts.push(`Errors: ${errors.map(([id, e]) => `${id}: ${e}`).join("; ")}.`);
    return parts.join("\n");
  },
});
