import { z } from "zod";
import { post } from "../schemas/api-data.js";
import { postId } from "../schemas/post-input.js";
import { defineTool, succeed } from "./tool.js";

export const getPostTool = defineTool({
  name: "get_post",
  description:
    "Get one post with its per-account delivery states (status, published_url, error_message). Use it to check whether a post went out and why an account failed.",
  annotations: {
    title: "Get post",
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
  input: z.strictObject({ post_id: postId }),
  output: post,
  async run({ post_id }, { provider, signal }) {
    return succeed(await provider.getPost(post_id, { signal }));
  },
  render(p) {
    const states = p.accounts?.states ?? [];
    const lines = states.map(
      (s) =>
        `- ${s.account_id}: ${s.status}${s.published_url ? ` ${s.published_url}` : ""}${s.error_message ? ` — ${s.error_message}` : ""}`,
    );
    return [
      `Post ${p.id}: ${p.status}${p.scheduled_at ? `, scheduled_at ${p.scheduled_at}` : ""}.`,
      ...lines,
    ].join("\n");
  },
});
