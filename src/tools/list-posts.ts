import { z } from "zod";
import { LIMITS } from "../preflight/rules.js";
import { post, postsSummary } from "../schemas/api-data.js";
import { listPostsQuery } from "../schemas/post-input.js";
import { defineTool, succeed } from "./tool.js";

const CAPTION_PREVIEW = 60;

/** seed-list-posts.txt: below 1 is treated as 1, above 100 as 100. The caller's value is sent as
 *  given (the API clamps it); the result says what happened. */
export function clampLimit(limit: number | undefined): string | undefined {
  if (limit === undefined) return undefined;
  const applied = Math.min(LIMITS.listLimitMax, Math.max(LIMITS.listLimitMin, limit));
  return applied === limit ? undefined : `limit ${limit} is outside 1–100; the API used ${applied}.`;
}

export const listPostsTool = defineTool({
  name: "list_posts",
  description:
    "List recent posts with a summary of counts by status, newest first. Filter by status (draft, pending, scheduled, posted, failed, partial, retry), created since/until (ISO 8601), limit 1–100 (default 20). Use it to check delivery or find post ids.",
  annotations: {
    title: "List posts",
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
  input: listPostsQuery,
  output: z.object({ summary: postsSummary, posts: z.array(post), notes: z.array(z.string()).optional() }),
  async run(query, { provider, signal }) {
    const page = await provider.listPosts(query, { signal });
    const clamped = clampLimit(query.limit);
    return succeed(clamped === undefined ? page : { ...page, notes: [clamped] });
  },
  render({ summary, posts, notes }) {
    const counts = summary.by_status
      ? Object.entries(summary.by_status)
          .map(([status, n]) => `${status} ${n}`)
          .join(", ")
      : "";
    const head = `${posts.length} post${posts.length === 1 ? "" : "s"} shown; ${summary.total} in all${counts ? ` (${counts})` : ""}.`;
    const lines = posts.map((p) => {
      const caption = p.caption ?? "";
      const short = caption.length > CAPTION_PREVIEW ? `${caption.slice(0, CAPTION_PREVIEW)}…` : caption;
      return `- ${p.id} ${p.status}${p.scheduled_at ? ` ${p.scheduled_at}` : ""} "${short}"`;
    });
    return [head, ...lines, ...(notes ?? [])].join("\n");
  },
});
