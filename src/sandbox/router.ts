/** Route table for the Partner API paths (relative to the base path). */

import { matchIn, type Route, type RouteMatchOf, route } from "./route-table.js";
import { listAccounts } from "./routes/accounts.js";
import type { Handler } from "./routes/context.js";
import { createPost } from "./routes/create-post.js";
import { deletePosts } from "./routes/delete-posts.js";
import { createFile } from "./routes/files.js";
import { getPost } from "./routes/get-post.js";
import { listPosts } from "./routes/list-posts.js";
import { retryPosts } from "./routes/retry-posts.js";
import { updatePost } from "./routes/update-post.js";

// Static paths come before "/posts/:id", so "/posts/delete" never reaches the post-by-id handlers
// (as with file-based routing, GET /posts/delete is a 405, not a lookup of a post called "delete").
const ROUTES: Route<Handler>[] = [
  route("/accounts", { GET: listAccounts }),
  route("/files", { POST: createFile }),
  route("/posts", { GET: listPosts, POST: createPost }),
  route("/posts/delete", { POST: deletePosts }),
  route("/posts/retry", { POST: retryPosts }),
  route("/posts/:id", { GET: getPost, PATCH: updatePost }),
];

export type RouteMatch = RouteMatchOf<Handler>;

export function matchRoute(path: string): RouteMatch | undefined {
  return matchIn(ROUTES, path);
}
