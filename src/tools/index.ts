// The registry: every tool the server exposes, in the order tools/list shows them.
import { deletePostsTool } from "./delete-posts.js";
import { getPostTool } from "./get-post.js";
import { listAccountsTool } from "./list-accounts.js";
import { listPostsTool } from "./list-posts.js";
import { retryPostsTool } from "./retry-posts.js";
import { schedulePostTool } from "./schedule-post.js";
import type { ToolDefinition } from "./tool.js";
import { updatePostTool } from "./update-post.js";
import { uploadMediaTool } from "./upload-media.js";
import { validatePostTool } from "./validate-post.js";

export const allTools: readonly ToolDefinition[] = [
  listAccountsTool,
  schedulePostTool,
  validatePostTool,
  updatePostTool,
  listPostsTool,
  getPostTool,
  deletePostsTool,
  retryPostsTool,
  uploadMediaTool,
];
