/** Route table for the Partner API paths (relative to the base path). */
import { listAccounts } from "./routes/accounts.js";
import type { Handler } from "./routes/context.js";
import { createPost } from "./routes/create-post.js";
import { deletePosts } from "./routes/delete-posts.js";
import { createFile } from "./routes/files.js";
import { getPost } from "./routes/get-post.js";
import { listPosts } from "./routes/list-posts.js";
import { retryPosts } from "./routes/retry-posts.js";
import { updatePost } from "./routes/update-post.js";

interface Route {
  segments: string[];
  methods: Record<string, Handler>;
}

function route(pattern: string, methods: Record<string, Handler>): Route {
  return { segments: pattern.split("/").filter(Boolean), methods };
}

// Static paths come before "/posts/:id", so "/posts/delete" never reaches the post-by-id handlers
// (as with file-based routing, GET /posts/delete is a 405, not a lookup of a post called "delete").
const ROUTES: Route[] = [
  route("/accounts", { GET: listAccounts }),
  route("/files", { POST: createFile }),
  route("/posts", { GET: listPosts, POST: createPost }),
  route("/posts/delete", { POST: deletePosts }),
  route("/posts/retry", { POST: retryPosts }),
  route("/posts/:id", { GET: getPost, PATCH: updatePost }),
];

export interface RouteMatch {
  methods: Record<string, Handler>;
  params: Record<string, string>;
}

export function matchRoute(path: string): RouteMatch | undefined {
  const parts = path.split("/").filter(Boolean);
  for (const candidate of ROUTES) {
    if (candidate.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = candidate.segments.every((segment, i) => {
      const part = parts[i] ?? "";
      if (!segment.startsWith(":")) return segment === part;
      try {
        params[segment.slice(1)] = decodeURIComponent(part);
        return true;
      } catch {
        return false;
      }
    });
    if (ok) return { methods: candidate.methods, params };
  }
  return undefined;
}
