import { ApiError } from "../envelope.js";
import { toApiPost } from "../posts/serialize.js";
import type { RouteContext, RouteResult } from "./context.js";

export function getPost({ store, params }: RouteContext): RouteResult {
  const post = store.post(params.id ?? "");
  if (!post) throw new ApiError(404, "not_found", "Post not found");
  return { status: 200, message: "Post retrieved", data: toApiPost(post) };
}
